package io.jenkins.plugins.kymamtls.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.jenkins.plugins.kymamtls.certificates.CertificateEngine;
import io.jenkins.plugins.kymamtls.certificates.CertificateRequest;
import io.jenkins.plugins.kymamtls.certificates.KeyAlgorithm;
import io.jenkins.plugins.kymamtls.cluster.ResourceKinds;
import io.jenkins.plugins.kymamtls.resources.CertificateMaterial;
import io.jenkins.plugins.kymamtls.resources.ClientIdentity;
import io.jenkins.plugins.kymamtls.resources.EgressParameters;
import io.jenkins.plugins.kymamtls.resources.ExposeParameters;
import io.jenkins.plugins.kymamtls.resources.LockParameters;
import io.jenkins.plugins.kymamtls.resources.Manifests;
import io.jenkins.plugins.kymamtls.resources.Timeouts;
import io.jenkins.plugins.kymamtls.testing.SandboxCluster;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * N namespaces end to end at once on one sandbox (expose, egress, lock, cleanup of both), for N = 1,
 * 4 and 16 ({@code -Dkyma.scale.sizes}): every flow succeeds, and the API requests per namespace,
 * counted from the API server's audit log, do not grow with N beyond the verification's own retries.
 * The wall times and counts go to {@code target/scale.md} for BENCHMARKS.md; this asserts no time.
 */
@ExtendWith(SandboxCluster.Extension.class)
class ScaleSandboxTest {

    @TempDir
    Path dir;

    /** One namespace's whole flow; returns nothing, throws on any failure. */
    private Void flow(KubernetesClient client, SandboxCluster sandbox, String name) {
        String host = name + ".scale.test";
        Path certs = dir.resolve(name);
        new CertificateEngine().generate(CertificateRequest.builder(host, "client-" + host)
                .keyAlgorithm(KeyAlgorithm.EC_P256).outputDirectory(certs).selfTest(false).build(), line -> { });
        Timeouts timeouts = Timeouts.ofSeconds(600, 300);
        new ExposeEngine().run(client, ExposeParameters.builder(host, "t-" + name,
                        CertificateMaterial.fromDirectory("server", certs, host)).resolve(sandbox.ingressAddress())
                .timeouts(timeouts).build(), ClientIdentity.fromDirectory(certs, "client-" + host), line -> { });
        EgressEngine.Result egress = new EgressEngine().run(client, EgressParameters.builder(host, "c-" + name,
                CertificateMaterial.fromDirectory("client", certs, "client-" + host)).timeouts(timeouts).build(),
                line -> { });
        assertEquals(200, egress.status());
        new LockEngine().run(client, LockParameters.builder("c-" + name).allowedDomain(host)
                .blockedUrl(sandbox.blockedUrl()).timeouts(timeouts).build(), line -> { });
        new CleanupEngine().run(client, "c-" + name, Set.of(CleanupEngine.Part.EGRESS, CleanupEngine.Part.LOCK),
                line -> { });
        new CleanupEngine().run(client, "t-" + name, Set.of(CleanupEngine.Part.EXPOSE), line -> { });
        return null;
    }

    @Test
    void manyNamespacesAtOnceEachCompleteWithRequestsPerNamespaceThatDoNotGrowWithN(SandboxCluster sandbox)
            throws Exception {
        List<Integer> sizes = new ArrayList<>();
        for (String size : System.getProperty("kyma.scale.sizes", "1,4,16").split(",")) {
            sizes.add(Integer.parseInt(size.strip()));
        }
        StringBuilder table = new StringBuilder("| N | wall time of the batch | per namespace | API requests"
                + " | per namespace | writes per namespace |\n|---|---|---|---|---|---|\n");
        List<Double> perNamespace = new ArrayList<>();
        List<Double> writesPerNamespace = new ArrayList<>();
        try (KubernetesClient client = sandbox.client()) {
            for (int n : sizes) {
                ExecutorService pool = Executors.newFixedThreadPool(n);
                CyclicBarrier start = new CyclicBarrier(n);
                List<Future<Void>> flows = new ArrayList<>();
                Instant from = Instant.now();
                try {
                    for (int i = 1; i <= n; i++) {
                        String name = "n" + n + "-" + i;
                        flows.add(pool.submit(() -> {
                            start.await(60, TimeUnit.SECONDS);
                            return flow(client, sandbox, name);
                        }));
                    }
                    for (Future<Void> flow : flows) {
                        flow.get(20, TimeUnit.MINUTES);
                    }
                } finally {
                    pool.shutdownNow();
                }
                Instant to = Instant.now();
                Thread.sleep(1500); // the audit log is written after the response
                SandboxCluster.Requests requests = sandbox.requests(from, to, "fabric8-kubernetes-client/");
                Duration wall = Duration.between(from, to);
                double each = requests.total() / (double) n;
                perNamespace.add(each);
                writesPerNamespace.add(requests.writes() / (double) n);
                table.append(String.format(Locale.ROOT, "| %d | %.1f s | %.2f s | %d | %.1f | %.1f |%n", n,
                        wall.toMillis() / 1000.0, wall.toMillis() / 1000.0 / n, requests.total(), each,
                        requests.writes() / (double) n));
                assertFalse(Boolean.TRUE.equals(EgressEngine.egressGatewayEnabled(client.genericKubernetesResources(
                        ResourceKinds.ISTIO).inNamespace("kyma-system").withName("default").get())),
                        "after every namespace was cleaned, no one holds the switch");
                assertEquals(null, client.genericKubernetesResources(ResourceKinds.TELEMETRY).inNamespace("istio-system")
                        .withName(Manifests.TELEMETRY_NAME).get(), "nothing lost, nothing left: the Telemetry is gone");
            }
        }
        Files.writeString(Path.of("target", "scale.md"), table.toString(), StandardCharsets.UTF_8);
        System.out.println(table);
        // Writes stay what one namespace needs: a shared object is let go of once per namespace,
        // and only a lost race (a 409 decided again) adds one.
        for (double writes : writesPerNamespace) {
            assertTrue(writes <= writesPerNamespace.get(0) * 1.1, table::toString);
        }
        // Reads may add the verification's retries under load, never a share of the other namespaces'.
        for (double each : perNamespace) {
            assertTrue(each <= perNamespace.get(0) * 1.5, table::toString);
        }
    }
}
