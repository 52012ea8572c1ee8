package io.jenkins.plugins.kymamtls.testing;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * Plays the cluster's controllers in tests: once an object appears, sets the status a real
 * controller would, so the steps' watches see it become ready (or fail).
 */
public final class FakeController implements AutoCloseable {

    private final MockCluster cluster;
    private final ExecutorService threads = Executors.newCachedThreadPool(runnable -> {
        Thread thread = new Thread(runnable, "fake-controller");
        thread.setDaemon(true);
        return thread;
    });

    public FakeController(MockCluster cluster) {
        this.cluster = cluster;
    }

    public FakeController whenCreated(ResourceDefinitionContext kind, String namespace, String name,
                                      Map<String, Object> status) {
        threads.submit(() -> {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (System.nanoTime() < deadline) {
                GenericKubernetesResource current = cluster.get(kind, namespace, name);
                if (current != null) {
                    cluster.setStatus(kind, namespace, name, status);
                    return null;
                }
                Thread.sleep(50);
            }
            return null;
        });
        return this;
    }

    public static Map<String, Object> available() {
        return Map.of("availableReplicas", 1, "conditions",
                java.util.List.of(Map.of("type", "Available", "status", "True", "reason", "MinimumReplicasAvailable")));
    }

    public static Map<String, Object> kymaState(String state, String description) {
        return Map.of("state", state, "description", description);
    }

    @Override
    public void close() {
        threads.shutdownNow();
    }
}
