package io.jenkins.plugins.kymamtls.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.jenkins.plugins.kymamtls.cluster.ResourceKinds;
import io.jenkins.plugins.kymamtls.resources.EgressParameters;
import io.jenkins.plugins.kymamtls.resources.Timeouts;
import io.jenkins.plugins.kymamtls.testing.FakeController;
import io.jenkins.plugins.kymamtls.testing.MockCluster;
import io.jenkins.plugins.kymamtls.testing.TestCertificates;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Two builds running the same step on the same namespace at once end in one correct state. */
class ConcurrentRunsTest {

    @TempDir
    Path dir;

    @Test
    void twoEgressRunsAtOnceConvergeToOneSetOfResources() throws Exception {
        TestCertificates.write(dir.resolve("certs"));
        try (MockCluster cluster = new MockCluster(); FakeController controller = new FakeController(cluster)) {
            EgressEngineTest.scene(cluster, TestCertificates.client(dir.resolve("certs")).certificate());
            controller.whenCreated(ResourceKinds.DEPLOYMENT, "mtls-client", "curl", FakeController.available());
            EgressParameters parameters = EgressParameters.builder(TestCertificates.DOMAIN, "mtls-client",
                    TestCertificates.client(dir.resolve("certs"))).timeouts(Timeouts.ofSeconds(30, 10)).build();
            ExecutorService builds = Executors.newFixedThreadPool(2);
            CountDownLatch start = new CountDownLatch(1);
            List<Future<EgressEngine.Result>> runs = new ArrayList<>();
            for (int i = 0; i < 2; i++) {
                runs.add(builds.submit(() -> {
                    start.await();
                    return new EgressEngine().run(cluster.client(), parameters, line -> { });
                }));
            }
            start.countDown();
            for (Future<EgressEngine.Result> run : runs) {
                assertEquals(200, run.get().status());
            }
            builds.shutdown();

            for (String kind : List.of("ServiceEntry", "Gateway", "DestinationRule", "VirtualService", "Deployment",
                    "Service", "ServiceAccount")) {
                long ours = cluster.list(ResourceKinds.named(kind), "mtls-client").stream()
                        .filter(r -> r.getMetadata().getLabels() != null
                                && "kyma-mtls-egress".equals(r.getMetadata().getLabels().get("app.kubernetes.io/managed-by")))
                        .count();
                assertEquals(1, ours, kind);
            }
            assertEquals(1, cluster.list(ResourceKinds.ISTIO, "kyma-system").size());
            assertEquals(true, EgressEngine.egressGatewayEnabled(cluster.get(ResourceKinds.ISTIO, "kyma-system", "default")));
            assertEquals(1, cluster.list(ResourceKinds.TELEMETRY, "istio-system").size());
        }
    }
}
