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
import io.jenkins.plugins.kymamtls.resources.LockParameters;
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
 * pinned istio.io/istio module, on the live sandbox after each step (expose, egress, lock), with default
 * and with explicit names. Its messages about our objects must be only
 * those that come from the sandbox having no sidecar injector (IST0103: a pod without a proxy).
 */
@ExtendWith(SandboxCluster.Extension.class)
class IstioAnalyzeSandboxTest {

    /** What the sandbox itself causes: no injector runs there, so no pod has a proxy. */
    private static final Set<String> SANDBOX_ONLY = Set.of("IST0103");

    @TempDir
    Path dir;

    /** A flow's names: the defaults, or explicit ones for the Secrets, the Gateway and the APIRule. */
    private record Flow(String host, String target, String client, String serverSecret, String clientSecret,
                        String gateway, String apiRule) {
    }

    @Test
    void istiosAnalyzerFindsNothingInWhatExposeEgressAndLockAppliedWithDefaultAndExplicitNames(SandboxCluster sandbox)
            throws Exception {
        List<Flow> flows = List.of(new Flow("analyze.teams.test", "analyze-target", "analyze-client", null, null,
                        ExposeParameters.DEFAULT_GATEWAY, ExposeParameters.DEFAULT_API_RULE),
                new Flow("analyze-named.teams.test", "analyzen-target", "analyzen-client", "named-server-cert",
                        "named-client-cert", "named-gw", "named-rule"));
        List<String> log = new ArrayList<>();
        try (KubernetesClient client = sandbox.client()) {
            for (Flow flow : flows) {
                Path certs = dir.resolve(flow.host());
                new CertificateEngine().generate(CertificateRequest.builder(flow.host(), "client-" + flow.host())
                        .keyAlgorithm(KeyAlgorithm.EC_P256).outputDirectory(certs).selfTest(false).build(), line -> { });
                new ExposeEngine().run(client, ExposeParameters.builder(flow.host(), flow.target(),
                                CertificateMaterial.fromDirectory("server", certs, flow.host()))
                        .secretName(flow.serverSecret()).gatewayName(flow.gateway()).apiRuleName(flow.apiRule())
                        .resolve(sandbox.ingressAddress()).timeouts(Timeouts.ofSeconds(120, 60)).build(),
                        ClientIdentity.fromDirectory(certs, "client-" + flow.host()), log::add);
                assertAnalyzerFindsNothingAbout(sandbox, flow, "expose");
                new EgressEngine().run(client, EgressParameters.builder(flow.host(), flow.client(),
                        CertificateMaterial.fromDirectory("client", certs, "client-" + flow.host()))
                        .secretName(flow.clientSecret()).timeouts(Timeouts.ofSeconds(120, 60)).build(), log::add);
                assertAnalyzerFindsNothingAbout(sandbox, flow, "egress");
                new LockEngine().run(client, LockParameters.builder(flow.client()).allowedDomain(flow.host())
                        .blockedUrl(sandbox.blockedUrl()).timeouts(Timeouts.ofSeconds(120, 60)).build(), log::add);
                assertAnalyzerFindsNothingAbout(sandbox, flow, "lock");
            }
            for (Flow flow : flows) {
                new CleanupEngine().run(client, flow.client(), Set.of(CleanupEngine.Part.EGRESS, CleanupEngine.Part.LOCK),
                        log::add);
                new CleanupEngine().run(client, flow.target(), Set.of(CleanupEngine.Part.EXPOSE), log::add);
            }
        }
    }

    private static void assertAnalyzerFindsNothingAbout(SandboxCluster sandbox, Flow flow, String after) throws Exception {
        ExternalTools.Result analyzed = sandbox.istioctl("analyze", "-A", "-o", "json", "--failure-threshold",
                "Error", "--output-threshold", "Info");
        String json = analyzed.output().substring(Math.max(0, analyzed.output().indexOf('[')));
        List<String> ours = new ArrayList<>();
        for (JsonNode message : new ObjectMapper().readTree(json)) {
            String origin = message.path("origin").asText();
            boolean aboutUs = origin.contains(flow.target()) || origin.contains(flow.client())
                    || (flow.serverSecret() != null && origin.contains(flow.serverSecret()))
                    || (flow.clientSecret() != null && origin.contains(flow.clientSecret()))
                    || origin.contains("kyma-mtls-certs-" + flow.target());
            if (aboutUs && !SANDBOX_ONLY.contains(message.path("code").asText())) {
                ours.add(message.path("code").asText() + " " + origin + ": " + message.path("message").asText());
            }
        }
        System.out.println("istioctl analyze -A after " + after + " of " + flow.host() + ": about our objects beyond "
                + SANDBOX_ONLY + ": " + ours);
        assertEquals(List.of(), ours, after + " of " + flow.host() + ": " + analyzed.output());
        assertTrue(analyzed.succeeded() || !analyzed.output().contains("\"level\": \"Error\""), analyzed.output());
    }
}
