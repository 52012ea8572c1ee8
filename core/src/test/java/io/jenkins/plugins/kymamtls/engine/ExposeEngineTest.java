package io.jenkins.plugins.kymamtls.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.jenkins.plugins.kymamtls.cluster.ClusterFailure;
import io.jenkins.plugins.kymamtls.cluster.ResourceKinds;
import io.jenkins.plugins.kymamtls.resources.ClientIdentity;
import io.jenkins.plugins.kymamtls.resources.ExposeParameters;
import io.jenkins.plugins.kymamtls.resources.Timeouts;
import io.jenkins.plugins.kymamtls.testing.FakeController;
import io.jenkins.plugins.kymamtls.testing.MockCluster;
import io.jenkins.plugins.kymamtls.testing.MutualTlsHaproxy;
import io.jenkins.plugins.kymamtls.testing.TestCertificates;
import io.jenkins.plugins.kymamtls.verification.ProbeResult;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ExposeEngineTest {

    private static final String NS = "mtls-demo";

    @TempDir
    Path dir;

    private MockCluster cluster;
    private FakeController controller;
    private final List<String> log = new ArrayList<>();

    @BeforeEach
    void start() {
        TestCertificates.write(dir.resolve("certs"));
        cluster = new MockCluster();
        controller = new FakeController(cluster);
    }

    @AfterEach
    void stop() {
        controller.close();
        cluster.close();
    }

    private ExposeParameters parameters() {
        return ExposeParameters.builder(TestCertificates.DOMAIN, NS, TestCertificates.server(dir.resolve("certs")))
                .resolve("127.0.0.1").timeouts(Timeouts.ofSeconds(30, 20)).build();
    }

    private ClientIdentity client() {
        return ClientIdentity.fromDirectory(dir.resolve("certs"), TestCertificates.CLIENT);
    }

    private MutualTlsHaproxy gateway() throws Exception {
        Path certs = dir.resolve("certs");
        return MutualTlsHaproxy.start(dir, MutualTlsHaproxy.combine(dir.resolve("server.pem"),
                List.of(certs.resolve(TestCertificates.DOMAIN + ".crt"), certs.resolve(TestCertificates.DOMAIN + ".key"))),
                certs.resolve("egress.crt"));
    }

    private void controllersMakeEverythingReady() {
        controller.whenCreated(ResourceKinds.DEPLOYMENT, NS, "httpbin", FakeController.available())
                .whenCreated(ResourceKinds.APIRULE, NS, "httpbin", FakeController.kymaState("Ready", "ok"));
    }

    @Test
    void appliesWaitsAndProvesTheMutualTlsGateway() throws Exception {
        controllersMakeEverythingReady();
        ExposeEngine.Result result;
        try (MutualTlsHaproxy gateway = gateway()) {
            result = new ExposeEngine(gateway.port()).run(cluster.client(), parameters(), client(), log::add);
        }

        assertEquals(7, result.applied().size());
        assertFalse(result.withoutCertificate().answered(), result.withoutCertificate().describe());
        assertEquals(200, result.withCertificate().status());
        assertTrue(result.withCertificate().xfcc().contains("CN=" + TestCertificates.CLIENT), result.withCertificate().xfcc());
        assertTrue(log.contains("applied Gateway kyma-mtls-gateway in mtls-demo"), log::toString);
        assertTrue(log.contains("APIRule httpbin in mtls-demo is ready"), log::toString);
        assertTrue(log.stream().anyMatch(line -> line.startsWith("verified: GET https://httpbin.mtls.test:")
                && line.contains("without a client certificate: no HTTP answer")), log::toString);

        GenericKubernetesResource gateway = cluster.get(ResourceKinds.of(gatewayShape()), NS, "kyma-mtls-gateway");
        assertEquals("kyma-mtls-egress", gateway.getMetadata().getLabels().get("app.kubernetes.io/managed-by"));
        assertTrue(cluster.unrecorded().secrets().inNamespace("istio-system").withName("kyma-mtls-certs-mtls-demo").get()
                .getData().keySet().containsAll(List.of("cacert", "cert", "key")));
    }

    @Test
    void writesWithServerSideApplyUnderOneFieldManagerBeforeReadingAnything() throws Exception {
        controllersMakeEverythingReady();
        try (MutualTlsHaproxy gateway = gateway()) {
            new ExposeEngine(gateway.port()).run(cluster.client(), parameters(), client(), log::add);
        }
        List<MockCluster.Request> all = cluster.calls().stream()
                .filter(call -> !call.path().contains("/events")).toList();
        // First the access checks (the rules of both namespaces, and the cluster-wide right to create
        // the Namespace), then the writes.
        assertEquals(List.of("/apis/authorization.k8s.io/v1/selfsubjectrulesreviews",
                        "/apis/authorization.k8s.io/v1/selfsubjectrulesreviews",
                        "/apis/authorization.k8s.io/v1/selfsubjectaccessreviews"),
                all.subList(0, 3).stream().map(MockCluster.Request::pathWithoutQuery).toList(), all::toString);
        List<MockCluster.Request> calls = all.subList(3, all.size());
        // Then one look at the Secret in istio-system (free, or this namespace's), then the writes:
        // the Secret first, under the namespace's own manager and unforced, so that another
        // namespace's is never taken over; the rest under the shared one, forced.
        assertEquals("GET", calls.get(0).method());
        assertEquals("/api/v1/namespaces/istio-system/secrets/kyma-mtls-certs-mtls-demo", calls.get(0).pathWithoutQuery());
        List<MockCluster.Request> writes = calls.subList(1, 8);
        for (MockCluster.Request write : writes) {
            assertEquals("PATCH", write.method(), write.path());
            assertEquals("application/apply-patch+yaml", write.contentType().split(";")[0], write.path());
        }
        assertEquals("/api/v1/namespaces/istio-system/secrets/kyma-mtls-certs-mtls-demo", writes.get(0).pathWithoutQuery());
        assertTrue(writes.get(0).query().contains("fieldManager=kyma-mtls-egress/mtls-demo"), writes.get(0).query());
        assertFalse(writes.get(0).query().contains("force=true"), writes.get(0).query());
        assertTrue(writes.get(0).body().contains("\"kyma-mtls-egress/namespace\":\"mtls-demo\""), "owner label");
        for (MockCluster.Request write : writes.subList(1, 7)) {
            assertTrue(write.query().contains("fieldManager=kyma-mtls-egress&"), write.path());
            assertTrue(write.query().contains("force=true"), write.path());
        }
        assertEquals("/api/v1/namespaces/mtls-demo", writes.get(1).pathWithoutQuery());
        assertEquals("/apis/networking.istio.io/v1/namespaces/mtls-demo/gateways/kyma-mtls-gateway",
                writes.get(5).pathWithoutQuery());
        assertTrue(writes.get(5).body().contains("MUTUAL"), writes.get(5).body());
    }

    @Test
    void reRunConvergesWithoutDuplicates() throws Exception {
        controllersMakeEverythingReady();
        try (MutualTlsHaproxy gateway = gateway()) {
            new ExposeEngine(gateway.port()).run(cluster.client(), parameters(), client(), log::add);
            new ExposeEngine(gateway.port()).run(cluster.client(), parameters(), client(), log::add);
        }
        assertEquals(1, cluster.list(ResourceKinds.APIRULE, NS).size());
        assertEquals(1, cluster.unrecorded().apps().deployments().inNamespace(NS).list().getItems().size());
        assertEquals("Ready", ((java.util.Map<?, ?>) cluster.get(ResourceKinds.APIRULE, NS, "httpbin")
                .getAdditionalProperties().get("status")).get("state"), "status kept across re-apply");
    }

    @Test
    void apiRuleErrorFailsWithItsDescription() {
        controller.whenCreated(ResourceKinds.DEPLOYMENT, NS, "httpbin", FakeController.available())
                .whenCreated(ResourceKinds.APIRULE, NS, "httpbin",
                        FakeController.kymaState("Error", "Validation error: service httpbin.mtls-demo not found"));
        ClusterFailure failure = assertThrows(ClusterFailure.class,
                () -> new ExposeEngine(1).run(cluster.client(), parameters(), client(), log::add));
        assertTrue(failure.getMessage().startsWith("APIRule httpbin in mtls-demo failed: status.state Error:"
                + " Validation error: service httpbin.mtls-demo not found"), failure.getMessage());
    }

    @Test
    void waitThatTimesOutSaysWhatItWaitedForAndWhy() {
        ExposeParameters quick = ExposeParameters.builder(TestCertificates.DOMAIN, NS,
                TestCertificates.server(dir.resolve("certs"))).timeouts(Timeouts.ofSeconds(1, 1)).build();
        ClusterFailure failure = assertThrows(ClusterFailure.class,
                () -> new ExposeEngine(1).run(cluster.client(), quick, client(), log::add));
        assertTrue(failure.getMessage().startsWith("timed out after 1 s waiting for Deployment httpbin in mtls-demo"
                + " to be ready: no Available condition yet"), failure.getMessage());
    }

    @Test
    void failedVerificationShowsTheIngressGatewaysLastLogLines() {
        controllersMakeEverythingReady();
        cluster.create(ResourceKinds.POD, "istio-system", "istio-ingressgateway-6f8d",
                java.util.Map.of("istio", "ingressgateway"),
                java.util.Map.of("containers", List.of(java.util.Map.of("name", "istio-proxy", "image", "proxyv2"))),
                java.util.Map.of());
        cluster.podLog("istio-system", "istio-ingressgateway-6f8d",
                "[2026-11-26T10:00:00Z] \"- - -\" 0 NR filter_chain_not_found - \"-\" 0 0 0 - \"-\"\n");
        ExposeParameters quick = ExposeParameters.builder(TestCertificates.DOMAIN, NS,
                TestCertificates.server(dir.resolve("certs"))).resolve("127.0.0.1").timeouts(Timeouts.ofSeconds(30, 1))
                .build();
        ClusterFailure failure = assertThrows(ClusterFailure.class,
                () -> new ExposeEngine(1).run(cluster.client(), quick, client(), log::add));
        assertTrue(failure.getMessage().startsWith("verification of https://httpbin.mtls.test:1/headers failed after"),
                failure.getMessage());
        assertTrue(failure.getMessage().contains("a request with the client certificate got no HTTP answer"),
                failure.getMessage());
        assertTrue(failure.getMessage().contains("last lines of istio-ingressgateway-6f8d:\n  | [2026-11-26T10:00:00Z]"
                + " \"- - -\" 0 NR filter_chain_not_found"), failure.getMessage());
    }

    @Test
    void judgesTheTwoRequestsAsAMutualGatewayMust() {
        var certificate = client().certificate();
        ProbeResult refused = new ProbeResult(0, "", null, "SSLHandshakeException: bad_certificate");
        ProbeResult open = new ProbeResult(200, "{}", null, null);
        ProbeResult named = new ProbeResult(200, "{}", "Hash=00;Subject=\"CN=" + TestCertificates.CLIENT + "\"", null);
        ProbeResult other = new ProbeResult(200, "{}", "Subject=\"CN=someone.else\"", null);

        assertNull(ExposeEngine.problem(refused, named, certificate));
        assertNull(ExposeEngine.problem(new ProbeResult(400, "", null, null), named, certificate));
        assertTrue(ExposeEngine.problem(open, named, certificate).contains("does not require client certificates"));
        assertTrue(ExposeEngine.problem(refused, open, certificate).contains("no X-Forwarded-Client-Cert"));
        assertTrue(ExposeEngine.problem(refused, other, certificate).contains("does not name the client certificate"));
        assertTrue(ExposeEngine.problem(refused, refused, certificate).startsWith(
                "a request with the client certificate got no HTTP answer"));
    }

    private static GenericKubernetesResource gatewayShape() {
        GenericKubernetesResource shape = new GenericKubernetesResource();
        shape.setApiVersion("networking.istio.io/v1");
        shape.setKind("Gateway");
        return shape;
    }
}
