package io.jenkins.plugins.kymamtls.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.jenkins.plugins.kymamtls.resources.RenderedResource;
import io.jenkins.plugins.kymamtls.testing.MockCluster;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ApiRetryTest {

    private static final ApiRetry.Policy QUICK = new ApiRetry.Policy(5, Duration.ofMillis(1), Duration.ofMillis(4),
            Duration.ofSeconds(10));

    private final MockCluster cluster = new MockCluster();
    private final List<String> log = new ArrayList<>();

    @AfterEach
    void stop() {
        cluster.close();
    }

    private RenderedResource gateway() {
        GenericKubernetesResource gateway = new GenericKubernetesResource();
        gateway.setApiVersion("networking.istio.io/v1");
        gateway.setKind("Gateway");
        gateway.setMetadata(new ObjectMetaBuilder().withName("g").withNamespace("demo").build());
        return new RenderedResource("t", gateway, false);
    }

    private long patches() {
        return cluster.requests().stream().filter(r -> r.method().equals("PATCH")).count();
    }

    @Test
    void transientFailuresAreRetriedAndSaidInTheLog() {
        cluster.fail("PATCH", "/gateways/g", 429, "slow down", 1);
        cluster.fail("PATCH", "/gateways/g", 502, "bad gateway", 1);
        new ResourceApplier(cluster.client(), log::add, QUICK).apply(gateway());
        assertEquals(3, patches());
        assertEquals(List.of("retrying apply gateways.networking.istio.io g in demo after HTTP 429 (attempt 1 of 5)",
                "retrying apply gateways.networking.istio.io g in demo after HTTP 502 (attempt 2 of 5)",
                "applied Gateway g in demo"), log);
    }

    @Test
    void otherClientErrorsFailAtOnce() {
        cluster.fail("PATCH", "/gateways/g", 422, "spec.servers: Required value", 1);
        ClusterFailure failure = assertThrows(ClusterFailure.class,
                () -> new ResourceApplier(cluster.client(), log::add, QUICK).apply(gateway()));
        assertEquals("422 invalid: cannot apply gateways.networking.istio.io g in demo: spec.servers: Required value",
                failure.getMessage());
        assertEquals(1, patches());
    }

    @Test
    void persistentFailuresStopAtTheAttemptLimitAndSaySo() {
        cluster.fail("PATCH", "/gateways/g", 500, "etcd timeout", Integer.MAX_VALUE);
        ClusterFailure failure = assertThrows(ClusterFailure.class,
                () -> new ResourceApplier(cluster.client(), log::add, QUICK).apply(gateway()));
        assertEquals("500 internal server error: cannot apply gateways.networking.istio.io g in demo: etcd timeout"
                + " (gave up after 5 attempts)", failure.getMessage());
        assertEquals(5, patches());
    }

    @Test
    void conflictsAreReappliedWithTheSameFieldManager() {
        cluster.fail("PATCH", "/gateways/g", 409, "Operation cannot be fulfilled: the object has been modified", 1);
        new ResourceApplier(cluster.client(), log::add, QUICK).apply(gateway());
        List<MockCluster.Request> patches = cluster.requests().stream().filter(r -> r.method().equals("PATCH")).toList();
        assertEquals(2, patches.size());
        assertTrue(patches.stream().allMatch(p -> p.query().contains("fieldManager=kyma-mtls-egress")));
    }

    @Test
    void networkErrorsAreRetriedLikeServerErrors() {
        int[] calls = {0};
        String result = new ApiRetry(QUICK, log::add).call("get", ResourceKinds.SERVICE, "kube-dns", "kube-system", () -> {
            if (calls[0]++ < 2) {
                throw new io.fabric8.kubernetes.client.KubernetesClientException("connection lost",
                        new java.net.SocketException("Connection reset"));
            }
            return "answered";
        });
        assertEquals("answered", result);
        assertEquals(3, calls[0]);
        assertEquals("retrying get services kube-dns in kube-system after a network error (attempt 1 of 5)", log.get(0));
    }
}
