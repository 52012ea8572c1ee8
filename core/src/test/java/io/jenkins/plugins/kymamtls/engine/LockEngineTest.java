package io.jenkins.plugins.kymamtls.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.jenkins.plugins.kymamtls.cluster.ClusterFailure;
import io.jenkins.plugins.kymamtls.cluster.ResourceKinds;
import io.jenkins.plugins.kymamtls.resources.LockParameters;
import io.jenkins.plugins.kymamtls.resources.Timeouts;
import io.jenkins.plugins.kymamtls.testing.MockCluster;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class LockEngineTest {

    private static final String NS = "mtls-client";

    private MockCluster cluster;
    private final List<String> log = new ArrayList<>();

    @BeforeEach
    void start() {
        cluster = new MockCluster();
        cluster.create(ResourceKinds.SERVICE, "kube-system", "kube-dns", Map.of(),
                Map.of("clusterIP", "10.96.0.10", "ports", List.of(Map.of("port", 53))), Map.of());
        cluster.create(ResourceKinds.POD, NS, "curl-1", Map.of("app", "curl"),
                Map.of("containers", List.of(Map.of("name", "curl", "image", "curl"))),
                Map.of("conditions", List.of(Map.of("type", "Ready", "status", "True"))));
        cluster.onExec(command -> command.contains("httpbin.mtls.test")
                ? new MockCluster.ExecResult("200", 0)
                : new MockCluster.ExecResult("", 7));
    }

    @AfterEach
    void stop() {
        cluster.close();
    }

    private LockParameters.Builder parameters() {
        return LockParameters.builder(NS).allowedDomain("httpbin.mtls.test").timeouts(Timeouts.ofSeconds(10, 2));
    }

    @Test
    void allowsDnsAndIstioSystemOnlyAndProvesIt() {
        LockEngine.Result result = new LockEngine().run(cluster.client(), parameters().build(), log::add);

        assertEquals(List.of("10.96.0.10", "169.254.20.10"), result.dnsAddresses());
        assertEquals("HTTP 200", result.allowed());
        assertTrue(result.blocked().startsWith("curl exit 7"), result.blocked());
        NetworkPolicy policy = cluster.unrecorded().network().v1().networkPolicies().inNamespace(NS)
                .withName("network-policy-allow-egress-traffic").get();
        assertEquals(List.of("Egress"), policy.getSpec().getPolicyTypes());
        assertEquals(List.of("10.96.0.10/32", "169.254.20.10/32"), policy.getSpec().getEgress().get(0).getTo().stream()
                .filter(peer -> peer.getIpBlock() != null).map(peer -> peer.getIpBlock().getCidr()).toList());
        assertEquals("istio-system", policy.getSpec().getEgress().get(1).getTo().get(0).getNamespaceSelector()
                .getMatchLabels().get("kubernetes.io/metadata.name"));
        assertTrue(log.stream().anyMatch(line -> line.startsWith("verified: http://httpbin.mtls.test/headers from pod curl-1:"
                + " HTTP 200; https://www.google.com blocked: curl exit 7")), log::toString);
    }

    @Test
    void aBlockedUrlThatWasBlockedBeforeTheLockProvesNothingAndSaysSo() {
        LockEngine.Result result = new LockEngine().run(cluster.client(), parameters().build(), log::add);
        assertFalse(result.proven());
        assertTrue(result.proof().startsWith("https://www.google.com was already blocked before the lock (curl exit 7"),
                result.proof());
        assertTrue(log.contains("lock NOT proven: " + result.proof()), log::toString);
    }

    @Test
    void aBlockedUrlReachedBeforeTheLockAndNotAfterProvesIt() {
        // The cluster's CNI: outside traffic gets through until the NetworkPolicy exists.
        cluster.onExec(command -> command.contains("httpbin.mtls.test") || cluster.calls().stream()
                .noneMatch(call -> call.method().equals("PATCH") && call.path().contains("/networkpolicies/"))
                ? new MockCluster.ExecResult("200", 0) : new MockCluster.ExecResult("", 28));
        LockEngine.Result result = new LockEngine().run(cluster.client(), parameters().build(), log::add);
        assertTrue(result.proven(), result::proof);
        assertEquals("https://www.google.com was reached before the lock (HTTP 200) and is blocked after it",
                result.proof());
        int baseline = log.indexOf("before the lock: https://www.google.com from pod curl-1: HTTP 200");
        int applied = log.indexOf("applied NetworkPolicy network-policy-allow-egress-traffic in " + NS);
        assertTrue(baseline >= 0 && baseline < applied, log::toString);
    }

    @Test
    void waitsForTheCurlPodToBecomeReadyWithinTheReadyTimeout() throws Exception {
        Map<String, Object> notReady = Map.of("conditions", List.of(Map.of("type", "Ready", "status", "False")));
        cluster.setStatus(ResourceKinds.POD, NS, "curl-1", notReady);
        Thread starting = new Thread(() -> {
            try {
                Thread.sleep(1500);
                cluster.setStatus(ResourceKinds.POD, NS, "curl-1",
                        Map.of("conditions", List.of(Map.of("type", "Ready", "status", "True"))));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        starting.start();
        LockEngine.Result result = new LockEngine().run(cluster.client(), parameters().build(), log::add);
        starting.join();
        assertEquals("curl-1", result.curlPod());

        cluster.setStatus(ResourceKinds.POD, NS, "curl-1", notReady);
        ClusterFailure failure = assertThrows(ClusterFailure.class, () -> new LockEngine().run(cluster.client(),
                LockParameters.builder(NS).allowedDomain("httpbin.mtls.test").timeouts(Timeouts.ofSeconds(2, 2)).build(),
                log::add));
        assertTrue(failure.getMessage().startsWith("timed out after 2 s waiting for a pod with app=curl in "
                + NS + " to be ready"), failure.getMessage());
    }

    @Test
    void explicitDnsAddressesNeedNoLookup() {
        new LockEngine().run(cluster.client(), parameters().dnsAddresses(List.of("10.0.0.53")).build(), log::add);
        assertFalse(cluster.calls().stream().anyMatch(call -> call.path().contains("kube-dns")));
        assertEquals(1, cluster.calls().stream().filter(call -> call.method().equals("PATCH")).count(), "one write");
    }

    @Test
    void failsWhenTheBlockedUrlStillAnswers() {
        cluster.onExec(command -> new MockCluster.ExecResult("200", 0));
        ClusterFailure failure = assertThrows(ClusterFailure.class,
                () -> new LockEngine().run(cluster.client(), parameters().build(), log::add));
        assertTrue(failure.getMessage().contains("the blocked URL https://www.google.com was not blocked: HTTP 200"
                + " (does the cluster's CNI enforce NetworkPolicies?)"), failure.getMessage());
    }

    @Test
    void countsOnlyRealBlocksAsBlocked() {
        assertTrue(LockEngine.isBlocked("curl exit 28: Operation timed out"));
        assertTrue(LockEngine.isBlocked("curl exit 35: Recv failure: Connection reset by peer"));
        assertTrue(LockEngine.isBlocked("HTTP 502"));
        assertFalse(LockEngine.isBlocked("HTTP 301"));
        assertFalse(LockEngine.isBlocked("curl exit 6: Could not resolve host"));
    }
}
