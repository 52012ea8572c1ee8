package io.jenkins.plugins.kymamtls.steps.status;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.jenkins.plugins.kymamtls.input.InvalidInputException;
import io.jenkins.plugins.kymamtls.testing.InWorkspace;
import io.jenkins.plugins.kymamtls.testing.MockCluster;
import io.jenkins.plugins.kymamtls.testing.Persistence;
import io.jenkins.plugins.kymamtls.testing.TestCertificates;
import io.jenkins.plugins.kymamtls.testing.Works;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** kymaMtlsStatus and its build step: what it needs, what it returns and logs, a saved job. */
class KymaMtlsStatusStepTest extends InWorkspace {

    @Test
    void statusNeedsOneClusterAndChecksEverythingBeforeReadingAKubeconfig() {
        InvalidInputException none = assertThrows(InvalidInputException.class, () -> Works.status(null, null,
                "kyma-mtls-certs", "client-credential", null, null, 30, null)
                .run(workspace, log::add));
        assertEquals("targetCredentialsId: is empty and so is clientCredentialsId; expected the target cluster, the"
                + " client cluster or both", none.getMessage());
        Works.Cluster garbage = new Works.Cluster("garbage", "client-kubeconfig", null);
        InvalidInputException days = assertThrows(InvalidInputException.class, () -> Works.status(null, garbage,
                "kyma-mtls-certs", "client-credential", null, null, 0, null)
                .run(workspace, log::add));
        assertEquals("warnDays", days.field());
        InvalidInputException folder = assertThrows(InvalidInputException.class, () -> Works.status(null, garbage,
                "kyma-mtls-certs", "client-credential", null, null, 30, "nowhere")
                .run(workspace, log::add));
        assertTrue(folder.getMessage().startsWith("certsDir: there is no certificates.json in "), folder.getMessage());
        InvalidInputException kubeconfig = assertThrows(InvalidInputException.class, () -> Works.status(null, garbage,
                "kyma-mtls-certs", "client-credential", null, null, 30, null)
                .run(workspace, log::add));
        assertTrue(kubeconfig.getMessage().startsWith("clientCredentialsId: 'client-kubeconfig' "), kubeconfig.getMessage());
        assertTrue(!kubeconfig.getMessage().contains("garbage"), kubeconfig.getMessage());
    }

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
    void statusBuildStep() throws Exception {
        KymaMtlsStatusStep step = new KymaMtlsStatusStep();
        step.setTargetCredentialsId("target-kubeconfig");
        step.setClientCredentialsId("client-kubeconfig");
        step.setWarnDays(45);
        step.setCertsDir("mtls");
        Persistence.roundTrip(new KymaMtlsStatusBuilder(step), step);
    }
}
