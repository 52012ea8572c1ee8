package io.jenkins.plugins.kymamtls.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jenkins.plugins.kymamtls.cluster.ResourceKinds;
import io.jenkins.plugins.kymamtls.resources.ClientIdentity;
import io.jenkins.plugins.kymamtls.resources.ExposeParameters;
import io.jenkins.plugins.kymamtls.resources.LockParameters;
import io.jenkins.plugins.kymamtls.resources.Timeouts;
import io.jenkins.plugins.kymamtls.testing.FakeController;
import io.jenkins.plugins.kymamtls.testing.MockCluster;
import io.jenkins.plugins.kymamtls.testing.MutualTlsHaproxy;
import io.jenkins.plugins.kymamtls.testing.TestCertificates;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Counts the API requests each step makes against the mock server and sorts them into writes,
 * lookups (reads a step needs before it can write), waits and verification. Writes the table to
 * {@code target/request-counts.md} (recorded in BENCHMARKS.md) and checks the accounting: nothing
 * is read that is not one of those, and every step writes before it waits.
 */
class RequestCountReportTest {

    private static final Map<String, Map<String, Integer>> TABLE = new LinkedHashMap<>();

    @TempDir
    Path dir;

    private static Map<String, Integer> count(List<MockCluster.Request> requests) {
        Map<String, Integer> counts = new LinkedHashMap<>(Map.of("access", 0, "ownership", 0, "writes", 0, "lookups", 0,
                "waits", 0, "verification", 0, "other", 0));
        boolean written = false;
        for (MockCluster.Request request : requests) {
            String kind = classify(request);
            if (kind.equals("writes")) {
                written = true;
            }
            if (kind.equals("waits")) {
                assertTrue(written, "a wait before any write: " + request.path());
            }
            if (kind.equals("access") || kind.equals("ownership")) {
                assertTrue(!written, "an access or ownership check after a write: " + request.path());
            }
            counts.merge(kind, 1, Integer::sum);
        }
        counts.put("total", requests.size());
        return counts;
    }

    private static String classify(MockCluster.Request request) {
        String path = request.path();
        if (path.contains("/selfsubjectaccessreviews") || path.contains("/selfsubjectrulesreviews")) {
            return "access";
        }
        if (!request.method().equals("GET")) {
            return "writes";
        }
        if (path.startsWith("/api/v1/namespaces/istio-system/secrets/")
                || path.startsWith("/apis/networking.istio.io/v1/namespaces/istio-system/destinationrules")) {
            return "ownership";
        }
        if (path.contains("/exec?") || path.contains("/log") || path.contains("/pods")) {
            return "verification";
        }
        if (request.isWatch() || path.contains("fieldSelector=metadata.name")) {
            return "waits";
        }
        if (path.contains("/istios") || path.contains("/telemetries/") || path.contains("/services/kube-dns")) {
            return "lookups";
        }
        return "other";
    }

    @Test
    void exposeWritesEachResourceOnceThenWaitsAndVerifiesFromOutside() throws Exception {
        Path certs = TestCertificates.write(dir.resolve("certs"));
        try (MockCluster cluster = new MockCluster(); FakeController controller = new FakeController(cluster);
             MutualTlsHaproxy gateway = MutualTlsHaproxy.start(dir, MutualTlsHaproxy.combine(dir.resolve("server.pem"),
                     List.of(certs.resolve(TestCertificates.DOMAIN + ".crt"),
                             certs.resolve(TestCertificates.DOMAIN + ".key"))), certs.resolve("egress.crt"))) {
            controller.whenCreated(ResourceKinds.DEPLOYMENT, "mtls-demo", "httpbin", FakeController.available())
                    .whenCreated(ResourceKinds.APIRULE, "mtls-demo", "httpbin", FakeController.kymaState("Ready", "ok"));
            new ExposeEngine(gateway.port()).run(cluster.client(), ExposeParameters.builder(TestCertificates.DOMAIN,
                            "mtls-demo", TestCertificates.server(certs)).resolve("127.0.0.1")
                    .timeouts(Timeouts.ofSeconds(30, 20)).build(),
                    ClientIdentity.fromDirectory(certs, TestCertificates.CLIENT), line -> { });
            Map<String, Integer> counts = count(cluster.requests());
            TABLE.put("kymaExposeMtls", counts);
            assertEquals(7, counts.get("writes"));
            assertEquals(3, counts.get("access"), "the rules of mtls-demo and of istio-system, and whether the"
                    + " Namespace may be created (a cluster-wide right)");
            assertEquals(1, counts.get("ownership"), "is the Secret in istio-system free or this namespace's");
            assertEquals(0, counts.get("lookups"));
            assertEquals(0, counts.get("other"), cluster.requests()::toString);
        }
    }

    @Test
    void egressLooksUpOnlyTheIstioResource() throws Exception {
        TestCertificates.write(dir.resolve("certs"));
        try (MockCluster cluster = new MockCluster(); FakeController controller = new FakeController(cluster)) {
            EgressEngineTest.scene(cluster, TestCertificates.client(dir.resolve("certs")).certificate());
            controller.whenCreated(ResourceKinds.DEPLOYMENT, "mtls-client", "curl", FakeController.available());
            new EgressEngine().run(cluster.client(), io.jenkins.plugins.kymamtls.resources.EgressParameters.builder(
                    TestCertificates.DOMAIN, "mtls-client", TestCertificates.client(dir.resolve("certs")))
                    .timeouts(Timeouts.ofSeconds(30, 5)).build(), line -> { });
            Map<String, Integer> counts = count(cluster.requests());
            TABLE.put("kymaEgressRoute", counts);
            assertEquals(12, counts.get("writes"));
            assertEquals(4, counts.get("access"), "the rules of mtls-client, istio-system and kyma-system, and"
                    + " whether the Namespace may be created");
            assertEquals(1, counts.get("lookups"), "the Istio CRs in kyma-system, whose name is not fixed; an earlier"
                    + " version's record on the Telemetry shows in the apply's answer");
            assertEquals(3, counts.get("ownership"), "our DestinationRules for the host, the Secret, the rule");
            assertEquals(0, counts.get("other"), cluster.requests()::toString);
        }
    }

    @Test
    void lockWritesThePolicyThenVerifies() {
        try (MockCluster cluster = new MockCluster()) {
            cluster.create(ResourceKinds.POD, "mtls-client", "curl-1", Map.of("app", "curl"),
                    Map.of("containers", List.of(Map.of("name", "curl", "image", "curl"))),
                    Map.of("conditions", List.of(Map.of("type", "Ready", "status", "True"))));
            cluster.onExec(command -> command.contains("google") ? new MockCluster.ExecResult("", 7)
                    : new MockCluster.ExecResult("200", 0));
            new LockEngine().run(cluster.client(), LockParameters.builder("mtls-client").allowedDomain("httpbin.mtls.test")
                    .dnsAddresses(List.of("10.96.0.10")).timeouts(Timeouts.ofSeconds(10, 5)).build(), line -> { });
            Map<String, Integer> counts = count(cluster.requests());
            TABLE.put("kymaLockEgress", counts);
            assertEquals(1, counts.get("writes"));
            assertEquals(0, counts.get("lookups"));
            assertEquals(1, counts.get("access"), "the rules of mtls-client");
            assertEquals("PATCH", cluster.requests().stream().filter(r -> !r.method().equals("GET")
                    && !r.path().contains("/selfsubject")).findFirst().orElseThrow().method(),
                    "the policy is the only write");
        }
    }

    @AfterAll
    static void writeReport() throws Exception {
        List<String> lines = new ArrayList<>(List.of(
                "| step | access checks | writes | lookups | waits | verification | total |",
                "|---|---|---|---|---|---|---|"));
        TABLE.forEach((step, c) -> lines.add("| " + step + " | " + c.get("access") + " | " + c.get("writes") + " | "
                + c.get("lookups") + " | " + c.get("waits") + " | " + c.get("verification") + " | " + c.get("total") + " |"));
        Files.createDirectories(Path.of("target"));
        Files.write(Path.of("target", "request-counts.md"), lines, StandardCharsets.UTF_8);
    }
}
