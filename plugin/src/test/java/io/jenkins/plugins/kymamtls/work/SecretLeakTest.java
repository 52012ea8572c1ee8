package io.jenkins.plugins.kymamtls.work;

import io.jenkins.plugins.kymamtls.testing.Works;
import io.jenkins.plugins.kymamtls.steps.certs.ArtifactSelection;
import io.jenkins.plugins.kymamtls.steps.expose.ExposeWork;
import io.jenkins.plugins.kymamtls.testing.Workspaces;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jenkins.plugins.kymamtls.cluster.ClusterFailure;
import io.jenkins.plugins.kymamtls.cluster.ResourceKinds;
import io.jenkins.plugins.kymamtls.testing.FakeController;
import io.jenkins.plugins.kymamtls.testing.MockCluster;
import io.jenkins.plugins.kymamtls.testing.MutualTlsHaproxy;
import io.jenkins.plugins.kymamtls.testing.TestCertificates;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs every step and searches all it produced (log lines, results, exception messages and stack
 * traces, archived files, files left in the workspace) for the private keys, the kubeconfig's
 * token and the Secret data sent to the API.
 */
class SecretLeakTest {

    /** The workspace's folder; the keys go to the workspace's @tmp sibling in it. */
    @TempDir
    Path builds;

    Path workspace;

    @BeforeEach
    void workspace() {
        workspace = Workspaces.in(builds);
    }

    @TempDir
    Path peerFiles;

    private final List<String> produced = new ArrayList<>();

    private List<String> secrets(String kubeconfigToken) throws Exception {
        List<String> secrets = new ArrayList<>(List.of(kubeconfigToken));
        // The workspace and its @tmp sibling, where the keys are.
        try (Stream<Path> files = Files.walk(builds)) {
            for (Path key : files.filter(f -> f.toString().endsWith(".key")).toList()) {
                String pem = Files.readString(key);
                String body = pem.lines().filter(line -> !line.startsWith("-----")).reduce("", String::concat);
                secrets.add(body.substring(0, 40));
                pem.lines().filter(line -> !line.startsWith("-----") && line.length() > 20).forEach(secrets::add);
                secrets.add(Base64.getEncoder().encodeToString(pem.getBytes(StandardCharsets.US_ASCII)).substring(0, 60));
                byte[] der = Base64.getDecoder().decode(body);
                secrets.add(Base64.getEncoder().encodeToString(der).substring(20, 80));
            }
        }
        return secrets;
    }

    private void assertNoSecretIn(List<String> secrets) throws Exception {
        List<String> everything = new ArrayList<>(produced);
        try (Stream<Path> files = Files.walk(builds)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                String name = file.getFileName().toString();
                assertFalse(name.endsWith(".tmp"), "temporary file left: " + file);
                if (!name.endsWith(".key")) {
                    everything.add(Files.readString(file, StandardCharsets.ISO_8859_1));
                }
            }
        }
        for (String text : everything) {
            for (String secret : secrets) {
                assertFalse(text.contains(secret), "secret material found in: " + text.substring(0, Math.min(200, text.length())));
            }
        }
    }

    private static String trace(Throwable e) {
        StringWriter text = new StringWriter();
        e.printStackTrace(new PrintWriter(text));
        return text.toString();
    }

    @Test
    void noStepLeaksAKeyATokenOrSecretData() throws Exception {
        Map<String, Object> certs = Works.certs(TestCertificates.DOMAIN, TestCertificates.CLIENT, "mtls", "ec-p256", 30,
                "example Inc.", null, null, false, true).run(workspace, produced::add);
        produced.add(certs.toString());
        for (String artifact : ArtifactSelection.of(certs).values()) {
            produced.add(Files.readString(workspace.resolve(artifact)));
        }
        Path files = workspace.resolve("mtls");
        Path keys = Workspace.of(workspace).keysRoot().resolve("mtls");
        try (MockCluster cluster = new MockCluster(); FakeController controller = new FakeController(cluster);
             MutualTlsHaproxy gateway = MutualTlsHaproxy.start(peerFiles, MutualTlsHaproxy.combine(
                     peerFiles.resolve("server.pem"), List.of(files.resolve(TestCertificates.DOMAIN + ".crt"),
                             keys.resolve(TestCertificates.DOMAIN + ".key"))), files.resolve("egress.crt"))) {
            String kubeconfig = cluster.kubeconfig();
            controller.whenCreated(ResourceKinds.DEPLOYMENT, "mtls-demo", "httpbin", FakeController.available())
                    .whenCreated(ResourceKinds.APIRULE, "mtls-demo", "httpbin", FakeController.kymaState("Ready", "ok"));
            produced.add(new ExposeWork(Works.exposeStep("target-kubeconfig", null, TestCertificates.DOMAIN, "mtls-demo",
                    options -> options.setResolve("127.0.0.1"), 30, 20), Text.AS_TYPED, kubeconfig, gateway.port())
                    .run(workspace, produced::add).toString());

            // The key did go to the API, inside the Secret, and nowhere else.
            String sentKey = Base64.getEncoder().encodeToString(
                    Files.readString(keys.resolve(TestCertificates.DOMAIN + ".key")).getBytes(StandardCharsets.US_ASCII));
            assertTrue(cluster.requests().stream().anyMatch(r -> r.path().contains("/secrets/kyma-mtls-certs")
                    && r.body().contains(sentKey)));

            // A failing step: its message and stack trace are searched too.
            cluster.onExec(command -> new MockCluster.ExecResult("200", 0));
            cluster.create(ResourceKinds.POD, "mtls-demo", "curl-1",
                    Map.of("app", "curl"), Map.of("containers", List.of(Map.of("name", "curl", "image", "curl"))),
                    Map.of("conditions", List.of(Map.of("type", "Ready", "status", "True"))));
            ClusterFailure failure = assertThrows(ClusterFailure.class, () -> Works.lock(kubeconfig, "client-kubeconfig",
                    null, "mtls-demo", lock -> lock.setDnsAddresses("10.96.0.10"), 10, 1).run(workspace, produced::add));
            produced.add(trace(failure));

            assertNoSecretIn(secrets("not-a-real-token"));
        }
    }
}
