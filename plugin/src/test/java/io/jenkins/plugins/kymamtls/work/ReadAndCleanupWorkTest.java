package io.jenkins.plugins.kymamtls.work;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jenkins.plugins.kymamtls.steps.status.StatusWork;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.jenkins.plugins.kymamtls.cluster.ResourceKinds;
import io.jenkins.plugins.kymamtls.input.InvalidInputException;
import io.jenkins.plugins.kymamtls.testing.MockCluster;
import io.jenkins.plugins.kymamtls.testing.TestCertificates;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The status and cleanup steps' work against the mock API server: what they return and log. */
class ReadAndCleanupWorkTest {

    @TempDir
    Path workspace;

    private final List<String> log = new ArrayList<>();

    private static String base64(Path file) throws Exception {
        return Base64.getEncoder().encodeToString(Files.readString(file).getBytes(StandardCharsets.UTF_8));
    }

    @Test
    @SuppressWarnings("unchecked")
    void statusReturnsPlainValuesAndLogsEachFailedCheckAndTheVerdict() throws Exception {
        Path set = TestCertificates.write(workspace.resolve("mtls"));
        try (MockCluster client = new MockCluster()) {
            client.unrecorded().secrets().inNamespace("istio-system").resource(new SecretBuilder().withNewMetadata()
                    .withName("client-credential").withNamespace("istio-system").endMetadata()
                    .withData(Map.of("tls.crt", base64(set.resolve(TestCertificates.CLIENT + ".crt")),
                            "tls.key", base64(set.resolve(TestCertificates.CLIENT + ".key")),
                            "ca.crt", base64(set.resolve("egress.crt")))).build()).create();
            StatusWork work = Works.status(null, new Works.Cluster(client.kubeconfig(), "client-kubeconfig", null),
                    "kyma-mtls-certs", "client-credential", null, null, 30, "mtls");
            Map<String, Object> values = work.run(workspace, log::add);

            assertEquals(false, values.get("healthy"));
            assertEquals("BROKEN", values.get("health"));
            assertTrue(((Long) values.get("expiresInDays")) >= 28, values.toString());
            List<Map<String, Object>> certificates = (List<Map<String, Object>>) values.get("certificates");
            assertEquals(List.of("client", "client-ca"), certificates.stream().map(c -> c.get("role")).toList());
            assertEquals(List.of(TestCertificates.CLIENT), certificates.get(0).get("dnsNames"));
            assertEquals(List.of("role", "source", "subject", "dnsNames", "issuer", "serial", "sha256Fingerprint",
                    "notBefore", "notAfter", "daysLeft"), new ArrayList<>(certificates.get(0).keySet()));
            assertEquals(List.of("client Secret istio-system/client-credential is used by a DestinationRule: nothing names"
                    + " it as credentialName"), values.get("failedChecks"));
            assertTrue(((List<String>) values.get("checks")).contains(
                    "the deployed client certificate is the one in certificates.json"), values.toString());
            assertTrue(log.contains("failed: client Secret istio-system/client-credential is used by a DestinationRule:"
                    + " nothing names it as credentialName"), log::toString);
            assertTrue(log.get(log.size() - 1).startsWith("BROKEN: the soonest certificate ends in "), log::toString);
            assertEquals("kymaMtlsStatus of client credentials 'client-kubeconfig'", work.toString());
        }
    }

    @Test
    void statusNeedsAClusterAndNamesEachCredentialItCannotUse() {
        assertEquals("targetCredentialsId", assertThrows(InvalidInputException.class,
                () -> status(null, null).run(workspace, log::add)).field());
        InvalidInputException broken = assertThrows(InvalidInputException.class, () -> status(
                new Works.Cluster("", "target-kubeconfig", null), null).run(workspace, log::add));
        assertEquals("targetCredentialsId", broken.field());
        assertTrue(broken.getMessage().startsWith("targetCredentialsId: 'target-kubeconfig' is empty"), broken.getMessage());
        assertEquals("kymaMtlsStatus of target credentials 'a' and client credentials 'b'", status(
                new Works.Cluster("x", "a", null), new Works.Cluster("y", "b", null)).toString());
        assertFalse(status(new Works.Cluster("token: s3cr3t", "a", null), null).toString().contains("s3cr3t"));
    }

    private static StatusWork status(Works.Cluster target, Works.Cluster client) {
        return Works.status(target, client, "kyma-mtls-certs", "client-credential", null, null, 30, null);
    }

    @Test
    void cleanupDeletesWhatTheStepsMadeAndSaysSo() {
        try (MockCluster cluster = new MockCluster()) {
            cluster.create(ResourceKinds.named("NetworkPolicy"), "mtls-client", "network-policy-allow-egress-traffic",
                    Map.of("app.kubernetes.io/managed-by", "kyma-mtls-egress"), Map.of(), Map.of());
            Map<String, Object> values = Works.cleanup(cluster.kubeconfig(), "client-kubeconfig", null, "mtls-client",
                    "lock", "kyma-mtls-certs", "client-credential", 20).run(workspace, log::add);
            assertEquals(List.of("NetworkPolicy network-policy-allow-egress-traffic in mtls-client"), values.get("deleted"));
            assertEquals(false, values.get("egressGatewaySwitchedOff"));
            assertTrue(cluster.list(ResourceKinds.named("NetworkPolicy"), "mtls-client").isEmpty());
            assertEquals("kymaMtlsCleanup with credentials 'client-kubeconfig'", Works.cleanup("x", "client-kubeconfig",
                    null, "mtls-client", "", null, null, 20).toString());
        }
    }
}
