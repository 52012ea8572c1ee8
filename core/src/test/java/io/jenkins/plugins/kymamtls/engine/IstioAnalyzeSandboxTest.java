package io.jenkins.plugins.kymamtls.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.jenkins.plugins.kymamtls.resources.LockParameters;
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

    @Test
    void istiosAnalyzerFindsNothingInWhatExposeEgressAndLockAppliedWithDefaultAndExplicitNames(SandboxCluster sandbox)
            throws Exception {
        List<SandboxFlow> flows = List.of(
                SandboxFlow.withDefaultNames("analyze.teams.test", "analyze-target", "analyze-client"),
                new SandboxFlow("analyze-named.teams.test", "analyzen-target", "analyzen-client", "named-server-cert",
                        "named-client-cert", "named-gw", "named-rule"));
        List<String> log = new ArrayList<>();
        try (KubernetesClient client = sandbox.client()) {
            for (SandboxFlow flow : flows) {
                Path certs = flow.certificates(dir);
                flow.expose(sandbox, client, certs, log::add);
                assertAnalyzerFindsNothingAbout(sandbox, flow, "expose");
                flow.egress(client, certs, log::add);
                assertAnalyzerFindsNothingAbout(sandbox, flow, "egress");
                new LockEngine().run(client, LockParameters.builder(flow.client()).allowedDomain(flow.host())
                        .blockedUrl(sandbox.blockedUrl()).timeouts(SandboxFlow.timeouts()).build(), log::add);
                assertAnalyzerFindsNothingAbout(sandbox, flow, "lock");
            }
            for (SandboxFlow flow : flows) {
                flow.cleanup(client, log::add);
            }
        }
    }

    private static void assertAnalyzerFindsNothingAbout(SandboxCluster sandbox, SandboxFlow flow, String after) throws Exception {
        ExternalTools.Result analyzed = sandbox.istioctl("analyze", "-A", "-o", "json", "--failure-threshold",
                "Error", "--output-threshold", "Info");
        String json = analyzed.output().substring(Math.max(0, analyzed.output().indexOf('[')));
        List<String> ours = new ArrayList<>();
        for (JsonNode message : new ObjectMapper().readTree(json)) {
            String origin = message.path("origin").asText();
            boolean aboutUs = origin.contains(flow.target()) || origin.contains(flow.client())
                    || origin.contains(flow.serverSecret()) || origin.contains(flow.clientSecret());
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
