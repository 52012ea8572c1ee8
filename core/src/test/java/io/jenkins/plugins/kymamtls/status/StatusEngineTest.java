package io.jenkins.plugins.kymamtls.status;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.jenkins.plugins.kymamtls.certificates.CertificateFiles;
import io.jenkins.plugins.kymamtls.cluster.ClusterFailure;
import io.jenkins.plugins.kymamtls.cluster.ResourceKinds;
import io.jenkins.plugins.kymamtls.input.InvalidInputException;
import io.jenkins.plugins.kymamtls.resources.Manifests;
import io.jenkins.plugins.kymamtls.status.CertificateStatus.Check;
import io.jenkins.plugins.kymamtls.status.CertificateStatus.Health;
import io.jenkins.plugins.kymamtls.status.CertificateStatus.Report;
import io.jenkins.plugins.kymamtls.testing.MockCluster;
import io.jenkins.plugins.kymamtls.testing.TestCertificates;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Reading what the clusters hold, on the mock API server: the Secrets, the Gateways and our
 * DestinationRule that name them, a kind not installed, a refusal; and the checks on the parameters.
 */
class StatusEngineTest {

    private static final String TARGET_SECRET = "kyma-mtls-certs";
    private static final String CLIENT_SECRET = "client-credential";

    @TempDir
    static Path set;

    private final MockCluster target = new MockCluster();
    private final MockCluster client = new MockCluster();

    @BeforeAll
    static void certificates() {
        TestCertificates.write(set);
    }

    @AfterEach
    void stop() {
        target.close();
        client.close();
    }

    private static String pem(String stem, String extension) {
        try {
            return Files.readString(set.resolve(stem + extension));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static String base64(String text) {
        return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }

    private void deployTarget() {
        target.unrecorded().secrets().inNamespace("istio-system").resource(new SecretBuilder().withNewMetadata()
                .withName(TARGET_SECRET).withNamespace("istio-system").endMetadata()
                .withData(Map.of("cacert", base64(pem("egress", ".crt")),
                        "cert", base64(pem(TestCertificates.DOMAIN, ".crt"))))
                .withStringData(Map.of("key", pem(TestCertificates.DOMAIN, ".key"))).build()).create();
        target.create(ResourceKinds.named("Gateway"), "mtls-demo", "kyma-mtls-gateway", Map.of(), Map.of("servers", List.of(
                Map.of("hosts", List.of(TestCertificates.DOMAIN), "tls", Map.of("mode", "MUTUAL",
                        "credentialName", TARGET_SECRET)),
                Map.of("hosts", List.of("other.mtls.test"), "tls", Map.of("mode", "SIMPLE", "credentialName", "other")),
                "not a server")), Map.of());
    }

    private void deployClient(boolean portLevel) {
        client.unrecorded().secrets().inNamespace("istio-system").resource(new SecretBuilder().withNewMetadata()
                .withName(CLIENT_SECRET).withNamespace("istio-system").endMetadata()
                .withData(Map.of("tls.crt", base64(pem(TestCertificates.CLIENT, ".crt")),
                        "tls.key", base64(pem(TestCertificates.CLIENT, ".key")), "ca.crt", base64(pem("egress", ".crt"))))
                .build()).create();
        // As the egress step writes it: with the server-name check (subjectAltNames).
        Map<String, Object> tls = Map.of("mode", "MUTUAL", "credentialName", CLIENT_SECRET, "sni", TestCertificates.DOMAIN,
                "subjectAltNames", List.of(TestCertificates.DOMAIN));
        Map<String, Object> policy = portLevel
                ? Map.of("portLevelSettings", List.of(Map.of("port", Map.of("number", 443), "tls", tls)))
                : Map.of("tls", tls);
        client.create(ResourceKinds.named("DestinationRule"), "istio-system",
                io.jenkins.plugins.kymamtls.resources.Names.TUTORIAL_ORIGINATE_RULE, Map.of(),
                Map.of("host", TestCertificates.DOMAIN, "trafficPolicy", policy), Map.of());
    }

    private static StatusEngine.Parameters parameters(String namespace, String domain, Path certsDir) {
        return new StatusEngine.Parameters(TARGET_SECRET, CLIENT_SECRET, namespace, domain, 30, certsDir);
    }

    @Test
    void bothClustersReadAndJudgedTogether() {
        deployTarget();
        deployClient(true);
        Report report = new StatusEngine().run(target.client(), client.client(), parameters(null, null, set), Instant.now(),
                line -> { });
        assertEquals(Health.HEALTHY, report.health(), report.failed().toString());
        List<String> passed = report.checks().stream().map(check -> check.name() + " -> " + check.detail()).toList();
        assertTrue(passed.contains("target Secret istio-system/kyma-mtls-certs is used by a Gateway -> Gateway"
                + " mtls-demo/kyma-mtls-gateway (MUTUAL)"), passed.toString());
        assertTrue(passed.contains("the DestinationRule for " + TestCertificates.DOMAIN + " checks the server's name"
                + " (subjectAltNames) -> subjectAltNames [" + TestCertificates.DOMAIN + "]"), passed.toString());
        assertTrue(passed.contains("client Secret istio-system/client-credential is used by a DestinationRule ->"
                + " DestinationRule istio-system/" + io.jenkins.plugins.kymamtls.resources.Names.TUTORIAL_ORIGINATE_RULE + " (MUTUAL)"), passed.toString());
        assertTrue(passed.stream().anyMatch(line -> line.startsWith("the server certificate names " + TestCertificates.DOMAIN)),
                passed.toString());
        assertTrue(passed.stream().noneMatch(line -> line.contains("other.mtls.test")), "another Secret's hosts are not ours");
        assertTrue(passed.contains("the deployed server certificate is the one in certificates.json -> deployed "
                + report.certificates().get(0).sha256Fingerprint() + ", the folder has "
                + report.certificates().get(0).sha256Fingerprint() + " (run the cluster step again to roll it out)"),
                passed.toString());
    }

    @Test
    void aRuleLevelTlsSettingCountsAndAGatewayNamespaceNarrowsTheSearch() {
        deployTarget();
        deployClient(false);
        Report clientOnly = new StatusEngine().run(null, client.client(), parameters(null, null, null), Instant.now(),
                line -> { });
        assertEquals(Health.HEALTHY, clientOnly.health(), clientOnly.failed().toString());
        Report elsewhere = new StatusEngine().run(target.client(), null, parameters("apps", TestCertificates.DOMAIN, null),
                Instant.now(), line -> { });
        assertEquals(List.of("target Secret istio-system/kyma-mtls-certs is used by a Gateway"),
                elsewhere.failed().stream().map(Check::name).toList());
        assertTrue(target.requests().stream().anyMatch(r -> r.path().contains("/namespaces/apps/gateways")),
                target.requests().toString());
    }

    @Test
    void nothingDeployedIsAReportNotAFailure() {
        Report report = new StatusEngine().run(target.client(), client.client(), parameters(null, null, null),
                Instant.now(), line -> { });
        assertEquals(Health.BROKEN, report.health());
        assertEquals(List.of("target Secret istio-system/kyma-mtls-certs exists",
                "client Secret istio-system/client-credential exists"), report.failed().stream().map(Check::name).toList());
        assertNull(report.expiresInDays());
    }

    @Test
    void aGatewayKindNotInstalledHasNoGatewaysButARefusalFailsTheRun() {
        deployTarget();
        target.fail("GET", "/gateways", 404, "the server could not find the requested resource", Integer.MAX_VALUE);
        Report report = new StatusEngine().run(target.client(), null, parameters(null, TestCertificates.DOMAIN, null),
                Instant.now(), line -> { });
        assertEquals(List.of("target Secret istio-system/kyma-mtls-certs is used by a Gateway"),
                report.failed().stream().map(Check::name).toList());

        client.fail("GET", "/secrets/" + CLIENT_SECRET, 403, "secrets \"client-credential\" is forbidden", Integer.MAX_VALUE);
        ClusterFailure refused = assertThrows(ClusterFailure.class, () -> new StatusEngine().run(null, client.client(),
                parameters(null, null, null), Instant.now(), line -> { }));
        assertTrue(refused.getMessage().startsWith("403 forbidden: cannot get secrets client-credential in istio-system"),
                refused.getMessage());
    }

    @Test
    void parametersAreCheckedByFieldBeforeAnyCluster(@TempDir Path empty) throws IOException {
        assertEquals("secretName", assertThrows(InvalidInputException.class,
                () -> new StatusEngine.Parameters("Certs", CLIENT_SECRET, null, null, 30, null)).field());
        // A blank name is the namespace's own; without a namespace it is needed only for the cluster
        // that is read, and asked for before that cluster gets a request.
        StatusEngine.Parameters unnamed = new StatusEngine.Parameters(TARGET_SECRET, "", null, null, 30, null);
        assertEquals(null, unnamed.clientSecretName());
        InvalidInputException needed = assertThrows(InvalidInputException.class,
                () -> new StatusEngine().run(null, client.client(), unnamed, java.time.Instant.now(), line -> { }));
        assertEquals("clientSecretName", needed.field());
        assertEquals(List.of(), client.requests());
        assertEquals("client-credential-team-a", new StatusEngine.Parameters(null, " ", "team-a", null, 30, null)
                .clientSecretName());
        assertEquals("namespace", assertThrows(InvalidInputException.class, () -> parameters("Apps", null, null)).field());
        assertEquals("domain", assertThrows(InvalidInputException.class, () -> parameters(null, "a..b", null)).field());
        assertEquals("warnDays", assertThrows(InvalidInputException.class,
                () -> new StatusEngine.Parameters(TARGET_SECRET, CLIENT_SECRET, null, null, 0, null)).field());
        assertEquals("certsDir: there is no certificates.json in " + empty + "; expected the folder of a certificate run",
                assertThrows(InvalidInputException.class, () -> parameters(null, null, empty)).getMessage());
        Files.writeString(empty.resolve(CertificateFiles.SUMMARY_FILE), "not json");
        InvalidInputException unreadable = assertThrows(InvalidInputException.class, () -> new StatusEngine()
                .run(null, client.client(), parameters(null, null, empty), Instant.now(), line -> { }));
        assertTrue(unreadable.getMessage().startsWith("certsDir: " + empty.resolve(CertificateFiles.SUMMARY_FILE)
                + " cannot be read ("), unreadable.getMessage());
        assertEquals("target: is empty and so is client; expected the target cluster, the client cluster or both",
                assertThrows(InvalidInputException.class, () -> StatusEngine.checkClusters("target", null, "client", null))
                        .getMessage());
        StatusEngine.checkClusters("target", "config", "client", null);
        StatusEngine.checkClusters("target", null, "client", "config");
    }
}
