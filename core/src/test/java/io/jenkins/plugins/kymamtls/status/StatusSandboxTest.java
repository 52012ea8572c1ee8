package io.jenkins.plugins.kymamtls.status;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.jenkins.plugins.kymamtls.certificates.CertificateEngine;
import io.jenkins.plugins.kymamtls.certificates.CertificateRequest;
import io.jenkins.plugins.kymamtls.certificates.KeyAlgorithm;
import io.jenkins.plugins.kymamtls.cluster.ResourceApplier;
import io.jenkins.plugins.kymamtls.resources.EgressParameters;
import io.jenkins.plugins.kymamtls.resources.ExposeParameters;
import io.jenkins.plugins.kymamtls.resources.Manifests;
import io.jenkins.plugins.kymamtls.resources.RenderedResource;
import io.jenkins.plugins.kymamtls.testing.SandboxCluster;
import io.jenkins.plugins.kymamtls.testing.TestCertificates;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** Status reads what the steps deployed on a real API server and judges it. */
@ExtendWith(SandboxCluster.Extension.class)
class StatusSandboxTest {

    @TempDir
    Path dir;

    private final List<String> log = new ArrayList<>();

    private static List<RenderedResource> pick(List<RenderedResource> resources, Set<String> kinds) {
        return resources.stream().filter(r -> kinds.contains(r.resource().getKind())
                && !r.resource().getMetadata().getName().equals("egressgateway-for-httpbin")).toList();
    }

    private void deploy(KubernetesClient client, Path certs, String namespace, String secret, String clientSecret) {
        ResourceApplier applier = new ResourceApplier(client, log::add);
        pick(Manifests.target(ExposeParameters.builder(TestCertificates.DOMAIN, namespace, TestCertificates.server(certs))
                .secretName(secret).build()), Set.of("Namespace", "Secret", "Gateway")).forEach(applier::apply);
        pick(Manifests.client(EgressParameters.builder(TestCertificates.DOMAIN, namespace, TestCertificates.client(certs))
                .secretName(clientSecret).build(), "default"), Set.of("Secret", "DestinationRule"))
                .forEach(applier::apply);
    }

    @Test
    void whatTheStepsDeployedIsHealthyAndAgesIntoExpiringThenBroken(SandboxCluster sandbox) throws Exception {
        Path certs = TestCertificates.write(dir.resolve("certs"));
        try (KubernetesClient client = sandbox.client()) {
            deploy(client, certs, "status-ok", "status-ok-certs", "status-ok-client");
            StatusEngine.Parameters p = new StatusEngine.Parameters("status-ok-certs", "status-ok-client", "status-ok",
                    null, 30, certs);

            CertificateStatus.Report now = new StatusEngine().run(client, client, p, Instant.now(), log::add);
            assertEquals(CertificateStatus.Health.HEALTHY, now.health(), now.failed()::toString);
            assertEquals(List.of("server", "target-ca", "client", "client-ca"),
                    now.certificates().stream().map(CertificateStatus.Entry::role).toList());
            assertTrue(now.expiresInDays() >= 364, now::toString);
            assertTrue(now.checks().stream().anyMatch(check -> check.passed()
                    && check.name().equals("the server certificate names " + TestCertificates.DOMAIN)), now::toString);
            assertTrue(now.checks().stream().anyMatch(check -> check.passed() && check.detail()
                    .equals("Gateway status-ok/kyma-mtls-gateway (MUTUAL)")), now::toString);
            assertTrue(now.checks().stream().anyMatch(check -> check.passed() && check.detail()
                    .equals("DestinationRule istio-system/originate-mtls-status-ok (MUTUAL)")), now::toString);

            CertificateStatus.Report soon = new StatusEngine().run(client, client, p,
                    Instant.now().plus(Duration.ofDays(350)), log::add);
            assertEquals(CertificateStatus.Health.EXPIRING, soon.health(), soon.failed()::toString);
            assertTrue(soon.failed().stream().allMatch(CertificateStatus.Check::expiry), soon::toString);

            CertificateStatus.Report late = new StatusEngine().run(client, client, p,
                    Instant.now().plus(Duration.ofDays(400)), log::add);
            assertEquals(CertificateStatus.Health.BROKEN, late.health());
            assertTrue(late.failed().stream().anyMatch(check -> check.name().startsWith("server CN=httpbin.mtls.test")
                    && check.name().endsWith(" is valid now")), late::toString);
        }
    }

    @Test
    void aMismatchedChainAWrongKeyAndAMissingSecretAreBroken(SandboxCluster sandbox) throws Exception {
        Path certs = TestCertificates.write(dir.resolve("certs"));
        Path other = dir.resolve("other");
        new CertificateEngine().generate(CertificateRequest.builder(TestCertificates.DOMAIN, TestCertificates.CLIENT)
                .keyAlgorithm(KeyAlgorithm.EC_P256).outputDirectory(other).selfTest(false).build(), line -> { });
        try (KubernetesClient client = sandbox.client()) {
            // The target runs one set, the client another: each side's chain check fails.
            deploy(client, certs, "status-mixed", "status-mixed-certs", "status-unused");
            deploy(client, other, "status-mixed-client", "status-unused-certs", "status-mixed-client");
            CertificateStatus.Report mixed = new StatusEngine().run(client, client, new StatusEngine.Parameters(
                    "status-mixed-certs", "status-mixed-client", "status-mixed", TestCertificates.DOMAIN, 30, certs),
                    Instant.now(), log::add);
            assertEquals(CertificateStatus.Health.BROKEN, mixed.health());
            assertEquals(List.of("the server certificate chains to a CA in the client's ca.crt",
                    "the client certificate chains to a CA in the target's cacert",
                    "the deployed client certificate is the one in certificates.json"),
                    mixed.failed().stream().map(CertificateStatus.Check::name).toList());

            // A key that is not the certificate's.
            String wrongKey = Files.readString(other.resolve(TestCertificates.CLIENT + ".key"));
            client.secrets().inNamespace("istio-system").withName("status-mixed-certs").edit(secret -> {
                secret.getData().put("key", java.util.Base64.getEncoder().encodeToString(wrongKey.getBytes()));
                return secret;
            });
            CertificateStatus.Report wrong = new StatusEngine().run(client, null, new StatusEngine.Parameters(
                    "status-mixed-certs", "client-credential", "status-mixed", null, 30, null), Instant.now(),
                    log::add);
            assertEquals(List.of("the server key in target Secret istio-system/status-mixed-certs matches its"
                    + " certificate"), wrong.failed().stream().map(CertificateStatus.Check::name).toList());

            CertificateStatus.Report missing = new StatusEngine().run(null, client, new StatusEngine.Parameters(
                    "kyma-mtls-certs", "no-such-secret", null, null, 30, null), Instant.now(), log::add);
            assertEquals(CertificateStatus.Health.BROKEN, missing.health());
            assertEquals(List.of("client Secret istio-system/no-such-secret exists"),
                    missing.failed().stream().map(CertificateStatus.Check::name).toList());
            assertEquals(null, missing.expiresInDays());
        }
        assertTrue(log.stream().noneMatch(line -> line.contains("PRIVATE KEY")), log::toString);
    }
}
