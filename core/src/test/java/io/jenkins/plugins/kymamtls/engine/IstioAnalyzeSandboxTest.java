package io.jenkins.plugins.kymamtls.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.jenkins.plugins.kymamtls.certificates.CertificateEngine;
import io.jenkins.plugins.kymamtls.certificates.CertificateRequest;
import io.jenkins.plugins.kymamtls.certificates.KeyAlgorithm;
import io.jenkins.plugins.kymamtls.resources.CertificateMaterial;
import io.jenkins.plugins.kymamtls.resources.ClientIdentity;
import io.jenkins.plugins.kymamtls.resources.EgressParameters;
import io.jenkins.plugins.kymamtls.resources.ExposeParameters;
import io.jenkins.plugins.kymamtls.resources.Timeouts;
import io.jenkins.plugins.kymamtls.testing.ExternalTools;
import io.jenkins.plugins.kymamtls.testing.SandboxCluster;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Istio's own reading of what expose and egress applied: {@code istioctl analyze -A}, built from the
 * pinned istio.io/istio module, on the live sandbox. Its messages about our objects must be only
 * those that come from the sandbox having no sidecar injector (IST0103: a pod without a proxy).
 */
@ExtendWith(SandboxCluster.Extension.class)
class IstioAnalyzeSandboxTest {

    /** What the sandbox itself causes: no injector runs there, so no pod has a proxy. */
    private static final Set<String> SANDBOX_ONLY = Set.of("IST0103");

    @TempDir
    Path dir;

    @Test
    void istiosAnalyzerFindsNothingInWhatExposeAndEgressApplied(SandboxCluster sandbox) throws Exception {
        String host = "analyze.teams.test";
        Path certs = dir.resolve("certs");
        new CertificateEngine().generate(CertificateRequest.builder(host, "client-" + host)
                .keyAlgorithm(KeyAlgorithm.EC_P256).outputDirectory(certs).selfTest(false).build(), line -> { });
        List<String> log = new ArrayList<>();
        try (KubernetesClient client = sandbox.client()) {
            new ExposeEngine().run(client, ExposeParameters.builder(host, "analyze-target",
                            CertificateMaterial.fromDirectory("server", certs, host)).resolve(sandbox.ingressAddress())
                    .timeouts(Timeouts.ofSeconds(120, 60)).build(), ClientIdentity.fromDirectory(certs, "client-" + host),
                    log::add);
            new EgressEngine().run(client, EgressParameters.builder(host, "analyze-client",
                    CertificateMaterial.fromDirectory("client", certs, "client-" + host))
                    .timeouts(Timeouts.ofSeconds(120, 60)).build(), log::add);

            ExternalTools.Result analyzed = sandbox.istioctl("analyze", "-A", "-o", "json", "--failure-threshold",
                    "Error", "--output-threshold", "Info");
            String json = analyzed.output().substring(Math.max(0, analyzed.output().indexOf('[')));
            List<String> ours = new ArrayList<>();
            for (JsonNode message : new ObjectMapper().readTree(json)) {
                String origin = message.path("origin").asText();
                boolean aboutUs = origin.contains("analyze-target") || origin.contains("analyze-client")
                        || origin.contains("originate-mtls-analyze-client") || origin.contains("kyma-mtls-certs-analyze");
                if (aboutUs && !SANDBOX_ONLY.contains(message.path("code").asText())) {
                    ours.add(message.path("code").asText() + " " + origin + ": " + message.path("message").asText());
                }
            }
            System.out.println("istioctl analyze -A on the sandbox: " + analyzed.output().length() + " characters, about"
                    + " our objects beyond " + SANDBOX_ONLY + ": " + ours);
            assertEquals(List.of(), ours, analyzed.output());
            assertTrue(analyzed.succeeded() || !analyzed.output().contains("\"level\": \"Error\""), analyzed.output());

            new CleanupEngine().run(client, "analyze-client", Set.of(CleanupEngine.Part.EGRESS), log::add);
            new CleanupEngine().run(client, "analyze-target", Set.of(CleanupEngine.Part.EXPOSE), log::add);
        }
    }
}
