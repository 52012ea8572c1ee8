package io.jenkins.plugins.kymamtls.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.jenkins.plugins.kymamtls.testing.MockCluster;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Pods by label, commands in them and their logs, as kubectl get, exec and logs do. */
class PodCommandsTest {

    private static final Map<String, Object> READY = Map.of("phase", "Running",
            "conditions", List.of(Map.of("type", "Ready", "status", "True")));

    private static final Map<String, Object> CURL = Map.of("containers", List.of(Map.of("name", "curl", "image", "curl")));

    private final MockCluster cluster = new MockCluster();

    @AfterEach
    void stop() {
        cluster.close();
    }

    @Test
    void aReadyPodIsChosenAndNoneReadyIsSaidWithTheCount() {
        cluster.create(ResourceKinds.POD, "demo", "curl-pending", Map.of("app", "curl"), Map.of(), Map.of("phase", "Pending"));
        ClusterFailure none = assertThrows(ClusterFailure.class,
                () -> new PodCommands(cluster.client()).readyPod("demo", "app", "curl"));
        assertEquals("no ready pod with app=curl in demo (1 found, none Ready)", none.getMessage());
        cluster.create(ResourceKinds.POD, "demo", "curl-ready", Map.of("app", "curl"), Map.of(), READY);
        cluster.create(ResourceKinds.POD, "demo", "other", Map.of("app", "other"), Map.of(), READY);
        assertEquals("curl-ready", new PodCommands(cluster.client()).readyPod("demo", "app", "curl").getMetadata().getName());
        assertEquals(List.of("curl-pending", "curl-ready"), new PodCommands(cluster.client()).pods("demo", "app", "curl"));
    }

    @Test
    void listingRefusedNamesTheNamespace() {
        cluster.fail("GET", "/pods", 403, "pods is forbidden", Integer.MAX_VALUE);
        assertEquals("403 forbidden: cannot list pods in demo: pods is forbidden", assertThrows(ClusterFailure.class,
                () -> new PodCommands(cluster.client()).readyPod("demo", "app", "curl")).getMessage());
        assertEquals("403 forbidden: cannot list pods in demo: pods is forbidden", assertThrows(ClusterFailure.class,
                () -> new PodCommands(cluster.client()).pods("demo", "app", "curl")).getMessage());
    }

    private GenericKubernetesResource curl() {
        cluster.create(ResourceKinds.POD, "demo", "curl", Map.of("app", "curl"), CURL, READY);
        GenericKubernetesResource pod = new PodCommands(cluster.client()).readyPod("demo", "app", "curl");
        cluster.clearRequests();
        return pod;
    }

    @Test
    void aCommandsOutputAndExitCodeComeBackInOneRequestEach() {
        GenericKubernetesResource pod = curl();
        cluster.onExec(command -> command.contains("command=false") ? new MockCluster.ExecResult("", 1)
                : new MockCluster.ExecResult("HTTP/1.1 200 OK", 0));
        PodCommands.Outcome ok = new PodCommands(cluster.client()).exec(pod, "curl", Duration.ofSeconds(20),
                "curl", "-s", "http://httpbin.example.com/headers");
        assertEquals(0, ok.exitCode());
        assertEquals("HTTP/1.1 200 OK", ok.stdout());
        assertEquals(1, new PodCommands(cluster.client()).exec(pod, "curl", Duration.ofSeconds(20), "false")
                .exitCode());
        // The pod as listed is the one fabric8 checks the container against: no read of the pod before
        // each exec, only the readiness list fabric8 always makes (PodOperationsImpl.getURL calls
        // PodOperationUtil.waitUntilReadyOrTerminal; before, validateOrDefaultContainerId read it again).
        assertEquals(List.of("GET /api/v1/namespaces/demo/pods", "GET /api/v1/namespaces/demo/pods/curl/exec",
                        "GET /api/v1/namespaces/demo/pods", "GET /api/v1/namespaces/demo/pods/curl/exec"),
                cluster.requests().stream().map(r -> r.method() + " " + r.pathWithoutQuery()).toList());
    }

    @Test
    void anExecRefusedByTheServerEndsTheStep() {
        GenericKubernetesResource pod = curl();
        cluster.fail("GET", "/exec", 403, "pods/exec is forbidden", Integer.MAX_VALUE);
        ClusterFailure failure = assertThrows(ClusterFailure.class, () -> new PodCommands(cluster.client())
                .exec(pod, "curl", Duration.ofSeconds(20), "true"));
        assertEquals("403 forbidden: cannot exec in pods curl in demo: the exec stream was refused", failure.getMessage());
    }

    @Test
    void anExecThatCouldNotRunIsOneFailedAttempt() {
        GenericKubernetesResource pod = curl();
        cluster.fail("GET", "/exec", 503, "upstream connect error", Integer.MAX_VALUE);
        PodCommands.Outcome outcome = new PodCommands(cluster.client())
                .exec(pod, "curl", Duration.ofSeconds(20), "true");
        assertEquals(-1, outcome.exitCode());
        assertTrue(outcome.stderr().startsWith("exec in pod curl did not run: "), outcome.stderr());
    }

    @Test
    void logsAreReadWholeOrAsATailAndAMissingPodIsNamed() {
        cluster.create(ResourceKinds.POD, "istio-system", "egress", Map.of(), Map.of(), READY);
        cluster.podLog("istio-system", "egress", "line 1\nline 2\n");
        PodCommands pods = new PodCommands(cluster.client());
        assertEquals("line 1\nline 2\n", pods.log("istio-system", "egress", "istio-proxy", 0));
        assertTrue(cluster.requests().stream().anyMatch(r -> r.path().contains("/pods/egress/log")
                && r.query().contains("sinceSeconds=1")), "at least one second back: " + cluster.requests());
        assertEquals("line 1\nline 2\n", pods.tail("istio-system", "egress", "istio-proxy", 20));
        assertTrue(cluster.requests().stream().anyMatch(r -> r.query().contains("tailLines=20")), cluster.requests()::toString);
        ClusterFailure missing = assertThrows(ClusterFailure.class, () -> pods.log("istio-system", "gone", "istio-proxy", 60));
        assertTrue(missing.getMessage().startsWith("404 not found: cannot get logs of pods gone in istio-system"),
                missing.getMessage());
        assertThrows(ClusterFailure.class, () -> pods.tail("istio-system", "gone", "istio-proxy", 5));
    }
}
