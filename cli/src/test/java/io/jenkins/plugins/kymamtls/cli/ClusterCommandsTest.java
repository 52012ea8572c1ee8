package io.jenkins.plugins.kymamtls.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.jenkins.plugins.kymamtls.cluster.ResourceKinds;
import io.jenkins.plugins.kymamtls.testing.MockCluster;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ClusterCommandsTest {

    @TempDir
    Path dir;

    private MockCluster cluster;
    private Path kubeconfig;
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    @BeforeEach
    void start() throws Exception {
        cluster = new MockCluster();
        kubeconfig = Files.writeString(dir.resolve("kubeconfig"), cluster.kubeconfig());
        GenericKubernetesResource pod = new GenericKubernetesResource();
        pod.setApiVersion("v1");
        pod.setKind("Pod");
        pod.setMetadata(new ObjectMetaBuilder().withName("curl-1").withNamespace("mtls-client")
                .withLabels(Map.of("app", "curl")).build());
        pod.setAdditionalProperty("spec", Map.of("containers", List.of(Map.of("name", "curl", "image", "curl"))));
        pod.setAdditionalProperty("status", Map.of("conditions", List.of(Map.of("type", "Ready", "status", "True"))));
        cluster.unrecorded().genericKubernetesResources(ResourceKinds.POD).inNamespace("mtls-client").resource(pod).create();
        cluster.onExec(command -> command.contains("google") ? new MockCluster.ExecResult("", 28)
                : new MockCluster.ExecResult("200", 0));
    }

    @AfterEach
    void stop() {
        cluster.close();
    }

    private int run(String... args) {
        return KymaMtlsCommand.execute(new PrintWriter(out, true), new PrintWriter(err, true), args);
    }

    @Test
    void lockRunsAgainstTheClusterInTheKubeconfig() {
        assertEquals(0, run("lock", "--kubeconfig", kubeconfig.toString(), "--namespace", "mtls-client",
                "--domain", "httpbin.example.com", "--dns-addresses", "10.96.0.10", "--verify-timeout", "5"), err::toString);
        String printed = out.toString();
        assertTrue(printed.contains("WARNING: the kubeconfig sets insecure-skip-tls-verify for context 'mock'"), printed);
        assertTrue(printed.contains("applied NetworkPolicy network-policy-allow-egress-traffic in mtls-client"), printed);
        assertTrue(printed.contains("Namespace mtls-client locked: DNS [10.96.0.10] and istio-system only;"
                + " https://www.google.com blocked (not proven: blocked before the lock too)."), printed);
    }

    @Test
    void badKubeconfigsAreBadInputAndReachNoCluster() throws Exception {
        Files.writeString(kubeconfig, "this: [is not, a kubeconfig");
        assertEquals(2, run("lock", "--kubeconfig", kubeconfig.toString(), "--namespace", "mtls-client"));
        assertEquals("lock: --kubeconfig: is not valid kubeconfig YAML; expected kubeconfig YAML with clusters, users"
                + " and contexts", err.toString().strip());

        Files.writeString(kubeconfig, cluster.kubeconfig());
        StringWriter wrongContext = new StringWriter();
        assertEquals(2, KymaMtlsCommand.execute(new PrintWriter(out), new PrintWriter(wrongContext, true), "lock",
                "--kubeconfig", kubeconfig.toString(), "--context", "prod", "--namespace", "mtls-client"));
        assertEquals("lock: --context: 'prod' is not allowed; expected one of the kubeconfig's contexts [mock]",
                wrongContext.toString().strip());
        assertEquals(List.of(), cluster.requests());
    }

    @Test
    void cleanupChecksItsTimeoutsFirstAndTakesPartsInAnyCase() {
        assertEquals(2, run("cleanup", "--kubeconfig", kubeconfig.toString(), "--namespace", "mtls-client",
                "--ready-timeout", "0"));
        assertTrue(err.toString().startsWith("cleanup: --ready-timeout: '0' is not allowed"), err::toString);
        assertEquals(List.of(), cluster.requests(), "nothing was sent");
        assertEquals(0, run("cleanup", "--kubeconfig", kubeconfig.toString(), "--namespace", "mtls-client",
                "--parts", "expose,Lock"), err::toString);
    }

    @Test
    void statusRefusesBadInputWithTwoBeforeAnyRequest() {
        assertEquals(2, run("status"));
        assertEquals("status: --target-kubeconfig: is empty and so is --client-kubeconfig; expected the target"
                + " cluster, the client cluster or both", err.toString().strip());
        assertEquals(2, run("status", "--client-kubeconfig", kubeconfig.toString(), "--warn-days", "0"));
        assertTrue(err.toString().contains("status: --warn-days: '0' is not allowed"), err::toString);
        assertEquals(2, run("status", "--client-kubeconfig", kubeconfig.toString(), "--output", "yaml"));
        // The client's Secret is client-credential-<namespace>: without a namespace it must be named.
        assertEquals(2, run("status", "--client-kubeconfig", kubeconfig.toString()));
        assertTrue(err.toString().contains("status: --client-secret-name: is empty and so is namespace; expected the"
                + " namespace the steps ran for (the Secret is then client-credential-<namespace>) or the Secret's"
                + " name"), err::toString);
        assertEquals(List.of(), cluster.requests(), "nothing was sent");
    }

    @Test
    void badParametersAreRejectedBeforeTheKubeconfigIsEvenRead() {
        assertEquals(2, run("lock", "--kubeconfig", dir.resolve("missing").toString(), "--namespace", "Bad_NS"));
        assertTrue(err.toString().startsWith("lock: --namespace: 'Bad_NS' is not allowed"), err::toString);
    }

    @Test
    void clusterFailuresExitWithOneAndSayWhy() {
        cluster.onExec(command -> new MockCluster.ExecResult("200", 0));
        assertEquals(1, run("lock", "--kubeconfig", kubeconfig.toString(), "--namespace", "mtls-client",
                "--dns-addresses", "10.96.0.10", "--verify-timeout", "1"));
        assertTrue(err.toString().startsWith("lock: failed: lock verification failed after"), err::toString);
        assertTrue(err.toString().contains("was not blocked: HTTP 200"), err::toString);
    }
}
