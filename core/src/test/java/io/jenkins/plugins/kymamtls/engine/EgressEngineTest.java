package io.jenkins.plugins.kymamtls.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.jenkins.plugins.kymamtls.cluster.ClusterFailure;
import io.jenkins.plugins.kymamtls.cluster.ResourceKinds;
import io.jenkins.plugins.kymamtls.resources.EgressParameters;
import io.jenkins.plugins.kymamtls.resources.Manifests;
import io.jenkins.plugins.kymamtls.resources.Timeouts;
import io.jenkins.plugins.kymamtls.testing.FakeController;
import io.jenkins.plugins.kymamtls.testing.MockCluster;
import io.jenkins.plugins.kymamtls.testing.TestCertificates;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EgressEngineTest {

    static final String NS = "mtls-client";
    private static final Pattern REQUEST_ID = Pattern.compile("X-Request-Id: ([a-z0-9-]+)");

    /** An Envoy access log line in Istio's default format for one request through the egress gateway. */
    static String routeLog(String requestId) {
        return "[2026-11-26T10:00:00.000Z] \"GET /headers HTTP/1.1\" 200 - via_upstream - \"-\" 0 512 12 11"
                + " \"-\" \"curl/8.11.1\" \"" + requestId + "\" \"httpbin.mtls.test\" \"10.0.0.7:443\""
                + " outbound|443||httpbin.mtls.test";
    }

    @TempDir
    Path dir;

    MockCluster cluster;
    private FakeController controller;
    final List<String> log = new ArrayList<>();

    @BeforeEach
    void start() throws Exception {
        TestCertificates.write(dir.resolve("certs"));
        cluster = new MockCluster();
        controller = new FakeController(cluster);
        scene(cluster, TestCertificates.client(dir.resolve("certs")).certificate());
    }

    @AfterEach
    void stop() {
        controller.close();
        cluster.close();
    }

    /** A client cluster with the Istio module: its CR, a running egress gateway, and a curl pod once deployed. */
    static void scene(MockCluster cluster, java.security.cert.X509Certificate clientCertificate) throws Exception {
        scene(cluster, clientCertificate, NS);
    }

    static void scene(MockCluster cluster, java.security.cert.X509Certificate clientCertificate, String namespace)
            throws Exception {
        cluster.create(ResourceKinds.ISTIO, "kyma-system", "default", Map.of(),
                Map.of("config", Map.of("numTrustedProxies", 1)), Map.of("state", "Ready"));
        cluster.create(ResourceKinds.DEPLOYMENT, "istio-system", "istio-egressgateway", Map.of("istio", "egressgateway"),
                Map.of(), FakeController.available());
        Map<String, Object> ready = Map.of("conditions", List.of(Map.of("type", "Ready", "status", "True")));
        Map<String, Object> proxy = Map.of("containers", List.of(Map.of("name", "istio-proxy", "image", "proxyv2")));
        Map<String, Object> curl = Map.of("containers", List.of(Map.of("name", "curl", "image", "curl"),
                Map.of("name", "istio-proxy", "image", "proxyv2")));
        cluster.create(ResourceKinds.POD, "istio-system", "istio-egressgateway-7d9f-a", Map.of("istio", "egressgateway"),
                proxy, ready);
        cluster.create(ResourceKinds.POD, "istio-system", "istio-egressgateway-7d9f-b", Map.of("istio", "egressgateway"),
                proxy, ready);
        cluster.create(ResourceKinds.POD, namespace, "curl-5c7d-old", Map.of("app", "curl"), curl,
                Map.of("conditions", List.of(Map.of("type", "Ready", "status", "False"))));
        cluster.create(ResourceKinds.POD, namespace, "curl-5c7d-ready", Map.of("app", "curl"), curl, ready);
        cluster.podLog("istio-system", "istio-egressgateway-7d9f-a", "startup line\n");
        cluster.podLog("istio-system", "istio-egressgateway-7d9f-b", "startup line\n" + routeLog("an-earlier-run") + "\n");
        String hash = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(clientCertificate.getEncoded()));
        cluster.onExec(command -> {
            // The request passes the second gateway pod, whose access log then records it.
            Matcher id = REQUEST_ID.matcher(command);
            if (id.find()) {
                cluster.podLog("istio-system", "istio-egressgateway-7d9f-b", "startup line\n"
                        + routeLog("an-earlier-run") + "\n" + routeLog(id.group(1)) + "\nlater line\n");
            }
            return new MockCluster.ExecResult("HTTP/1.1 200 OK\r\ncontent-type: application/json\r\n\r\n"
                    + "{\"headers\":{\"X-Forwarded-Client-Cert\":[\"By=spiffe://cluster.local/ns/x/sa/y;Hash=" + hash
                    + ";Subject=\\\"CN=client.mtls.test\\\"\"]}}", 0);
        });
    }

    EgressParameters.Builder parameters() {
        return EgressParameters.builder(TestCertificates.DOMAIN, NS, TestCertificates.client(dir.resolve("certs")))
                .timeouts(Timeouts.ofSeconds(30, 3));
    }

    private EgressEngine.Result run(EgressParameters parameters) {
        controller.whenCreated(ResourceKinds.DEPLOYMENT, NS, "curl", FakeController.available());
        return new EgressEngine().run(cluster.client(), parameters, log::add);
    }

    /**
     * The answer was right but the gateway's log cannot be read yet (a pod just started: 400): the
     * same request is looked for again, not sent again.
     */
    @Test
    void aLogNotReadableYetIsReadAgainForTheSameRequest() {
        cluster.fail("GET", "/pods/istio-egressgateway-7d9f-b/log", 400, "no logs found for container", 2);
        EgressEngine.Result result = run(parameters().build());
        assertEquals(List.of("istio-egressgateway-7d9f-b"), result.gatewayPodsWithRoute());
        assertEquals(1, cluster.calls().stream().filter(c -> c.path().contains("/exec")).count(),
                "one request sent: " + log);
        assertTrue(log.stream().filter(line -> line.startsWith("verification not passed yet")).count() == 2
                && log.stream().anyMatch(line -> line.contains("the egress gateway's log cannot be read yet")), log::toString);
    }

    @Test
    void routesThroughTheEgressGatewayAndProvesIt() {
        EgressEngine.Result result = run(parameters().build());

        assertEquals(12, result.applied().size(), result.applied()::toString);
        assertEquals("default", result.istioResource());
        assertTrue(result.egressGatewayTurnedOn());
        assertEquals("curl-5c7d-ready", result.curlPod(), "a ready pod, not the first name");
        assertEquals(200, result.status());
        assertEquals(List.of("istio-egressgateway-7d9f-b"), result.gatewayPodsWithRoute());
        assertTrue(log.contains("verified: egress gateway access log shows outbound|443||httpbin.mtls.test for this"
                + " request in [istio-egressgateway-7d9f-b]"), log::toString);

        List<MockCluster.Request> execs = cluster.calls().stream().filter(c -> c.path().contains("/exec")).toList();
        assertEquals(1, execs.size());
        assertTrue(execs.get(0).pathWithoutQuery().endsWith("/namespaces/mtls-client/pods/curl-5c7d-ready/exec"));
        assertTrue(java.net.URLDecoder.decode(execs.get(0).query(), java.nio.charset.StandardCharsets.UTF_8)
                .contains("command=http://httpbin.mtls.test/headers"), execs.get(0).query());
        List<MockCluster.Request> logs = cluster.calls().stream().filter(c -> c.pathWithoutQuery().endsWith("/log")).toList();
        assertEquals(2, logs.size(), "the logs of all egress gateway pods");
        assertTrue(logs.stream().noneMatch(c -> c.query().contains("tailLines")), "whole logs, not tails");
        assertTrue(logs.stream().allMatch(c -> c.query().contains("sinceSeconds=")), "since the verification began");
    }

    @Test
    @SuppressWarnings("unchecked")
    void switchesOnlyTheEgressGatewayInTheExistingIstioResource() {
        run(parameters().build());
        GenericKubernetesResource istio = cluster.get(ResourceKinds.ISTIO, "kyma-system", "default");
        Map<String, Object> spec = (Map<String, Object>) istio.getAdditionalProperties().get("spec");
        assertEquals(Map.of("numTrustedProxies", 1), spec.get("config"), "other settings untouched");
        assertEquals(true, EgressEngine.egressGatewayEnabled(istio));
        assertEquals(1, cluster.list(ResourceKinds.ISTIO, "kyma-system").size(), "no second Istio CR");
        MockCluster.Request patch = cluster.calls().stream()
                .filter(c -> c.pathWithoutQuery().endsWith("/istios/default")).findFirst().orElseThrow();
        assertTrue(!patch.body().contains("numTrustedProxies") && patch.body().contains("egressGateway"), patch.body());
        assertTrue(patch.query().contains("fieldManager=kyma-mtls-egress/" + NS), "applied as the namespace's own hold: "
                + patch.query());
    }

    @Test
    @SuppressWarnings("unchecked")
    void turnsOnTheEgressGatewaysAccessLogWithATelemetryOfItsOwnAndLeavesTheMeshWideOneAlone() {
        Map<String, Object> meshWide = Map.of("accessLogging", List.of(Map.of("providers", List.of(Map.of("name", "otel")))));
        cluster.create(ResourceKinds.TELEMETRY, "istio-system", "mesh-default", Map.of(), meshWide, Map.of());
        run(parameters().build());
        assertEquals(meshWide, cluster.get(ResourceKinds.TELEMETRY, "istio-system", "mesh-default")
                .getAdditionalProperties().get("spec"), "the mesh-wide Telemetry is not ours to change");
        GenericKubernetesResource ours = cluster.get(ResourceKinds.TELEMETRY, "istio-system", Manifests.TELEMETRY_NAME);
        Map<String, Object> spec = (Map<String, Object>) ours.getAdditionalProperties().get("spec");
        assertEquals(Map.of("matchLabels", Map.of("istio", "egressgateway")), spec.get("selector"));
        assertEquals(List.of(Map.of("providers", List.of(Map.of("name", "envoy")))), spec.get("accessLogging"));
        assertEquals(Manifests.MANAGER, ours.getMetadata().getLabels().get(Manifests.MANAGED_BY_LABEL));
        assertTrue(cluster.calls().stream().anyMatch(c -> c.pathWithoutQuery().endsWith("/telemetries/"
                + Manifests.TELEMETRY_NAME) && c.method().equals("PATCH")
                && c.query().contains("fieldManager=kyma-mtls-egress/" + NS)), "applied as the namespace's own hold");
    }

    @Test
    void aGatewayLogTheServerCannotServeYetIsNotYetNotBroken() {
        // As a real cluster answers for a gateway pod still starting, under load.
        cluster.fail("GET", "/pods/istio-egressgateway-7d9f-b/log", 400,
                "no logs found for container \"istio-proxy\"", 1);
        EgressEngine.Result result = run(parameters().timeouts(Timeouts.ofSeconds(30, 20)).build());
        assertEquals(200, result.status());
        assertTrue(log.stream().anyMatch(line -> line.startsWith("verification not passed yet (attempt 1): the egress"
                + " gateway's log cannot be read yet: 400 bad request: cannot get logs of pods istio-egressgateway-7d9f-b")),
                log::toString);
    }

    @Test
    void aSecretOfAnotherNamespaceStopsTheRunBeforeItsFirstWrite() {
        cluster.create(ResourceKinds.named("Secret"), "istio-system", "client-credential",
                Map.of(Manifests.MANAGED_BY_LABEL, Manifests.MANAGER, Manifests.OWNER_LABEL, "team-a"), null, Map.of());
        cluster.clearRequests();
        ClusterFailure refused = assertThrows(ClusterFailure.class,
                () -> run(parameters().secretName("client-credential").build()));
        assertEquals("409 conflict: Secret client-credential in istio-system belongs to namespace team-a; set secretName"
                + " to a name of this namespace's own (left blank, it is client-credential-" + NS + ") (checked before"
                + " any change: nothing was applied)", refused.getMessage());
        assertTrue(cluster.requests().stream().allMatch(r -> r.method().equals("GET")
                || r.path().contains("/selfsubject")), cluster.requests()::toString);
    }

    @Test
    void anOwnerlessSecretOfAnEarlierVersionIsAdoptedOnlyWhenItHoldsWhatThisRunWrites() {
        cluster.create(ResourceKinds.named("Secret"), "istio-system", "client-credential",
                Map.of(Manifests.MANAGED_BY_LABEL, Manifests.MANAGER), null, Map.of());
        ClusterFailure refused = assertThrows(ClusterFailure.class,
                () -> run(parameters().secretName("client-credential").build()));
        assertTrue(refused.getMessage().startsWith("409 conflict: Secret client-credential in istio-system exists without"
                + " an owner namespace (written by an earlier version) and holds something else than this run writes"),
                refused.getMessage());
    }

    @Test
    void failsWhenThisRequestIsNotInTheEgressGatewayLogEvenIfAnEarlierOneIs() {
        cluster.onExec(command -> new MockCluster.ExecResult("HTTP/1.1 200 OK\r\nx-forwarded-client-cert: Subject=\""
                + "CN=client.mtls.test\"\r\n\r\n{}", 0));
        ClusterFailure failure = assertThrows(ClusterFailure.class, () -> run(parameters().build()));
        assertTrue(failure.getMessage().contains("no egress gateway pod's access log has this request (X-Request-Id"
                + " kyma-mtls-"), failure.getMessage());
        List<MockCluster.Request> logs = cluster.calls().stream().filter(c -> c.pathWithoutQuery().endsWith("/log")).toList();
        assertTrue(logs.stream().allMatch(c -> c.query().contains("sinceSeconds=")), "only recent log lines are read");
    }

    @Test
    void anIstioResourceInWarningIsLoggedAndTheEgressGatewayDecides() {
        cluster.setStatus(ResourceKinds.ISTIO, "kyma-system", "default",
                FakeController.kymaState("Warning", "Some Pods with Istio sidecar injection failed to restart"));
        EgressEngine.Result result = run(parameters().build());
        assertEquals(200, result.status());
        assertTrue(log.contains("Istio default reports Warning: Some Pods with Istio sidecar injection failed to restart;"
                + " going on, the egress gateway Deployment decides"), log::toString);
    }

    @Test
    void anIstioResourceInErrorStillFails() {
        cluster.setStatus(ResourceKinds.ISTIO, "kyma-system", "default",
                FakeController.kymaState("Error", "istiod could not be installed"));
        ClusterFailure failure = assertThrows(ClusterFailure.class, () -> run(parameters().build()));
        assertTrue(failure.getMessage().startsWith("Istio default in kyma-system failed: status.state Error: istiod could"
                + " not be installed"), failure.getMessage());
    }

    @Test
    void missingIstioResourceFailsClearlyBeforeAnyWrite() {
        cluster.unrecorded().genericKubernetesResources(ResourceKinds.ISTIO).inNamespace("kyma-system")
                .withName("default").delete();
        ClusterFailure failure = assertThrows(ClusterFailure.class, () -> run(parameters().build()));
        assertTrue(failure.getMessage().startsWith("no Istio custom resource (istios.operator.kyma-project.io) in"
                + " kyma-system: add the Istio module"), failure.getMessage());
        assertTrue(cluster.calls().stream().noneMatch(c -> c.method().equals("PATCH")), "nothing written");
    }

    @Test
    void failsWhenTheWorkloadDoesNotAnswer() {
        cluster.onExec(command -> new MockCluster.ExecResult("HTTP/1.1 503 Service Unavailable\r\n\r\nupstream connect error",
                0));
        ClusterFailure failure = assertThrows(ClusterFailure.class, () -> run(parameters().build()));
        assertTrue(failure.getMessage().contains("curl http://httpbin.mtls.test/headers in pod curl-5c7d-ready got HTTP 503"),
                failure.getMessage());
    }

    @Test
    void readsTheFinalStatusOfCurlOutput() {
        assertEquals(200, EgressEngine.status("HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 200 OK\r\n\r\n{}"));
        assertEquals(0, EgressEngine.status("curl: (7) Failed to connect"));
    }
}
