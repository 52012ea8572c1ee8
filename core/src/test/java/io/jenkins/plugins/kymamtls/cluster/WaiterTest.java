package io.jenkins.plugins.kymamtls.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.EventBuilder;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.jenkins.plugins.kymamtls.resources.RenderedResource;
import io.jenkins.plugins.kymamtls.testing.FakeController;
import io.jenkins.plugins.kymamtls.testing.MockCluster;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class WaiterTest {

    private final MockCluster cluster = new MockCluster();
    private final List<String> log = new ArrayList<>();

    @AfterEach
    void stop() {
        cluster.close();
    }

    private void deployment(String name) {
        GenericKubernetesResource deployment = new GenericKubernetesResource();
        deployment.setApiVersion("apps/v1");
        deployment.setKind("Deployment");
        deployment.setMetadata(new ObjectMetaBuilder().withName(name).withNamespace("demo").build());
        cluster.unrecorded().genericKubernetesResources(ResourceKinds.DEPLOYMENT).inNamespace("demo").resource(deployment)
                .create();
    }

    @Test
    void reportsProgressWhileWaitingAndReturnsOnceReady() {
        deployment("web");
        ScheduledExecutorService later = Executors.newSingleThreadScheduledExecutor();
        later.schedule(() -> cluster.setStatus(ResourceKinds.DEPLOYMENT, "demo", "web", FakeController.available()),
                700, TimeUnit.MILLISECONDS);
        try {
            new Waiter(cluster.client(), log::add, Duration.ofMillis(200)).await(ResourceKinds.DEPLOYMENT, "demo", "web",
                    Readiness::deployment, Duration.ofSeconds(20), "Deployment web in demo");
        } finally {
            later.shutdownNow();
        }
        assertTrue(log.stream().filter(line -> line.startsWith("waiting for Deployment web in demo (")
                && line.endsWith("s): no Available condition yet")).count() >= 2, log::toString);
        assertEquals("Deployment web in demo is ready", log.get(log.size() - 1));
        assertTrue(cluster.requests().stream().anyMatch(MockCluster.Request::isWatch), "a watch, not polling");
    }

    @Test
    void timeoutCarriesConditionsAndWarningEvents() {
        deployment("web");
        cluster.setStatus(ResourceKinds.DEPLOYMENT, "demo", "web", Map.of("conditions", List.of(Map.of("type",
                "Available", "status", "False", "reason", "MinimumReplicasUnavailable", "message",
                "Deployment does not have minimum availability."))));
        cluster.unrecorded().v1().events().inNamespace("demo").resource(new EventBuilder()
                .withNewMetadata().withName("web-1.abc").withNamespace("demo").endMetadata()
                .withType("Warning").withReason("Failed").withMessage("Failed to pull image \"httpbin:nope\"")
                .withNewInvolvedObject().withKind("Pod").withName("web-1").endInvolvedObject().build()).create();

        ClusterFailure failure = assertThrows(ClusterFailure.class, () -> new Waiter(cluster.client(), log::add)
                .await(ResourceKinds.DEPLOYMENT, "demo", "web", Readiness::deployment, Duration.ofSeconds(1),
                        "Deployment web in demo"));

        assertTrue(failure.getMessage().startsWith("timed out after 1 s waiting for Deployment web in demo to be ready:"
                + " Available=False (MinimumReplicasUnavailable: Deployment does not have minimum availability.)"),
                failure.getMessage());
        assertTrue(failure.getMessage().contains("\n  condition Available=False MinimumReplicasUnavailable"),
                failure.getMessage());
        assertTrue(failure.getMessage().contains("\n  event Failed on Pod web-1: Failed to pull image \"httpbin:nope\""),
                failure.getMessage());
    }

    @Test
    void apiRefusalNamesStatusVerbResourceNamespaceAndReason() {
        cluster.fail("PATCH", "/gateways/", 403, "gateways.networking.istio.io \"g\" is forbidden: User \"ci\" cannot"
                + " patch resource \"gateways\" in API group \"networking.istio.io\" in the namespace \"demo\"", 1);
        GenericKubernetesResource gateway = new GenericKubernetesResource();
        gateway.setApiVersion("networking.istio.io/v1");
        gateway.setKind("Gateway");
        gateway.setMetadata(new ObjectMetaBuilder().withName("g").withNamespace("demo").build());
        ClusterFailure failure = assertThrows(ClusterFailure.class, () -> new ResourceApplier(cluster.client(), log::add)
                .apply(new RenderedResource("t", gateway, false)));
        assertEquals("403 forbidden: cannot apply gateways.networking.istio.io g in demo: gateways.networking.istio.io"
                + " \"g\" is forbidden: User \"ci\" cannot patch resource \"gateways\" in API group"
                + " \"networking.istio.io\" in the namespace \"demo\"", failure.getMessage());
    }
}
