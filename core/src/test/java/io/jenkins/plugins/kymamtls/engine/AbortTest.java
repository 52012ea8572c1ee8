package io.jenkins.plugins.kymamtls.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jenkins.plugins.kymamtls.cluster.ClusterFailure;
import io.jenkins.plugins.kymamtls.cluster.ResourceKinds;
import io.jenkins.plugins.kymamtls.resources.ClientIdentity;
import io.jenkins.plugins.kymamtls.resources.EgressParameters;
import io.jenkins.plugins.kymamtls.resources.ExposeParameters;
import io.jenkins.plugins.kymamtls.resources.Timeouts;
import io.jenkins.plugins.kymamtls.testing.FakeController;
import io.jenkins.plugins.kymamtls.testing.MockCluster;
import io.jenkins.plugins.kymamtls.testing.TestCertificates;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Aborting a build interrupts the step's thread: the step must stop at once, not at its timeout,
 * and a re-run must converge.
 */
class AbortTest {

    @TempDir
    Path dir;

    @Test
    void anInterruptedWaitStopsPromptlyAndARerunConverges() throws Exception {
        TestCertificates.write(dir.resolve("certs"));
        try (MockCluster cluster = new MockCluster()) {
            EgressEngineTest.scene(cluster, TestCertificates.client(dir.resolve("certs")).certificate());
            EgressParameters parameters = EgressParameters.builder(TestCertificates.DOMAIN, "mtls-client",
                    TestCertificates.client(dir.resolve("certs"))).timeouts(Timeouts.ofSeconds(600, 10)).build();
            List<String> log = new ArrayList<>();
            CompletableFuture<Throwable> outcome = new CompletableFuture<>();
            Thread build = new Thread(() -> {
                try {
                    new EgressEngine().run(cluster.client(), parameters, log::add);
                    outcome.complete(null);
                } catch (RuntimeException e) {
                    outcome.complete(e);
                }
            });
            build.start();
            // The curl Deployment never becomes available: the step waits until the build is aborted.
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
            while (log.stream().noneMatch(line -> line.startsWith("applied Deployment curl"))
                    && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            build.interrupt();
            Throwable failure = outcome.get(10, TimeUnit.SECONDS);
            assertTrue(failure instanceof ClusterFailure, String.valueOf(failure));
            assertTrue(failure.getMessage().startsWith("interrupted "), failure.getMessage());
            assertTrue(log.stream().noneMatch(line -> line.startsWith("retrying")), "an abort is not retried: " + log);

            try (FakeController controller = new FakeController(cluster)) {
                controller.whenCreated(ResourceKinds.DEPLOYMENT, "mtls-client", "curl", FakeController.available());
                assertEquals(200, new EgressEngine().run(cluster.client(), parameters, line -> { }).status());
            }
            assertEquals(1, cluster.list(ResourceKinds.DEPLOYMENT, "mtls-client").size());
        }
    }

    @Test
    void anAbortDuringTheVerificationEndsTheStepAtOnceWithNoFurtherRequest() throws Exception {
        TestCertificates.write(dir.resolve("certs"));
        // A gateway that accepts connections and never answers: each request would wait for its timeout.
        try (ServerSocket silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
             MockCluster cluster = new MockCluster(); FakeController controller = new FakeController(cluster)) {
            controller.whenCreated(ResourceKinds.DEPLOYMENT, "mtls-demo", "httpbin", FakeController.available())
                    .whenCreated(ResourceKinds.APIRULE, "mtls-demo", "httpbin", FakeController.kymaState("Ready", "ok"));
            ExposeParameters parameters = ExposeParameters.builder(TestCertificates.DOMAIN, "mtls-demo",
                    TestCertificates.server(dir.resolve("certs"))).resolve("127.0.0.1")
                    .timeouts(Timeouts.ofSeconds(30, 600)).build();
            List<String> log = new CopyOnWriteArrayList<>();
            CompletableFuture<Throwable> outcome = new CompletableFuture<>();
            Thread build = new Thread(() -> {
                try {
                    new ExposeEngine(silent.getLocalPort()).run(cluster.client(), parameters,
                            ClientIdentity.fromDirectory(dir.resolve("certs"), TestCertificates.CLIENT), log::add);
                    outcome.complete(null);
                } catch (RuntimeException e) {
                    outcome.complete(e);
                }
            });
            build.start();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
            while (log.stream().noneMatch(line -> line.startsWith("APIRule httpbin in mtls-demo is ready"))
                    && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            Thread.sleep(500);
            int requestsBefore = cluster.calls().size();
            long aborted = System.nanoTime();
            build.interrupt();
            Throwable failure = outcome.get(3, TimeUnit.SECONDS);
            assertTrue(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - aborted) < 3000);
            assertTrue(failure instanceof ClusterFailure, String.valueOf(failure));
            assertTrue(failure.getMessage().startsWith("interrupted during "), failure.getMessage());
            assertTrue(log.stream().noneMatch(line -> line.startsWith("verification not passed")), log::toString);
            assertEquals(requestsBefore, cluster.calls().size(), "no API request after the abort");
        }
    }
}
