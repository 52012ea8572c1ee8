package io.jenkins.plugins.kymamtls.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.jenkins.plugins.kymamtls.testing.SandboxCluster;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code kyma-mtls up} and {@code down} against the sandbox: the same lines in the same order as the
 * single commands (certs, expose, egress, lock; cleanup of the client, then of the target), the same
 * verifications, the same exit codes and failure messages.
 */
@ExtendWith(SandboxCluster.Extension.class)
class UpDownSandboxTest {

    @TempDir
    Path dir;

    record Run(int exit, String out, String err) {
    }

    private static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = KymaMtlsCommand.execute(new PrintWriter(out, true), new PrintWriter(err, true), args);
        return new Run(exit, out.toString(), err.toString());
    }

    private static Run ok(Run run) {
        assertEquals(0, run.exit(), () -> run.out() + run.err());
        return run;
    }

    /** What differs between two runs of the same flow: names, fingerprints, dates, pods, retries. */
    private static List<String> shape(String out, String target, String client, String domain, String certs) {
        return out.lines()
                .filter(line -> !line.startsWith("verification not passed yet") && !line.startsWith("waiting for ")
                        && !line.startsWith("lock not effective yet"))
                .map(line -> line.replace(certs, "CERTS").replace(domain, "DOMAIN").replace(target, "TARGET")
                        .replace(client, "CLIENT"))
                .map(line -> SHA.matcher(line).replaceAll("sha256 X"))
                .map(line -> DATE.matcher(line).replaceAll("DATE"))
                .map(line -> POD.matcher(line).replaceAll("$1-POD"))
                .toList();
    }

    private static final Pattern SHA = Pattern.compile("sha256 [0-9A-F:]+");
    private static final Pattern DATE = Pattern.compile("[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9:]+Z");
    private static final Pattern POD = Pattern.compile("\\b(curl|istio-egressgateway)-[a-z0-9]+-[a-z0-9]+");

    private static String lines(List<String> lines) {
        return lines.stream().collect(Collectors.joining("\n"));
    }

    @Test
    void upAndDownSayWhatTheSingleCommandsSayInTheirOrder(SandboxCluster sandbox) {
        String kubeconfig = sandbox.kubeconfigFile().toString();
        String blocked = sandbox.blockedUrl();

        String singleCerts = dir.resolve("single").toString();
        String domain = "single.updown.test";
        String client = "client.updown.test";
        StringBuilder single = new StringBuilder();
        single.append(ok(run("certs", "--domain", domain, "--client", client, "--out", singleCerts,
                "--key-algorithm", "ec-p256")).out());
        single.append(ok(run("expose", "--kubeconfig", kubeconfig, "--domain", domain, "--namespace", "single-target",
                "--certs-dir", singleCerts, "--resolve", sandbox.ingressAddress())).out());
        single.append(ok(run("egress", "--kubeconfig", kubeconfig, "--domain", domain, "--namespace", "single-client",
                "--certs-dir", singleCerts)).out());
        single.append(ok(run("lock", "--kubeconfig", kubeconfig, "--namespace", "single-client", "--domain", domain,
                "--blocked-url", blocked)).out());
        StringBuilder singleCleanup = new StringBuilder();
        singleCleanup.append(ok(run("cleanup", "--kubeconfig", kubeconfig, "--namespace", "single-client", "--parts",
                "egress,lock")).out());
        singleCleanup.append(ok(run("cleanup", "--kubeconfig", kubeconfig, "--namespace", "single-target", "--parts",
                "expose")).out());

        String upCerts = dir.resolve("up").toString();
        String upDomain = "whole.updown.test";
        Run up = ok(run("up", "--target-kubeconfig", kubeconfig, "--client-kubeconfig", kubeconfig, "--domain", upDomain,
                "--client", client, "--target-namespace", "whole-target", "--client-namespace", "whole-client",
                "--certs-dir", upCerts, "--key-algorithm", "ec-p256", "--resolve", sandbox.ingressAddress(),
                "--blocked-url", blocked));
        assertEquals(lines(shape(single.toString(), "single-target", "single-client", domain, singleCerts)),
                lines(shape(up.out(), "whole-target", "whole-client", upDomain, upCerts)));
        assertTrue(up.out().contains("verified: egress gateway access log shows outbound|443||" + upDomain), up.out());

        Run down = ok(run("down", "--target-kubeconfig", kubeconfig, "--client-kubeconfig", kubeconfig,
                "--target-namespace", "whole-target", "--client-namespace", "whole-client"));
        assertEquals(lines(shape(singleCleanup.toString(), "single-target", "single-client", domain, singleCerts)),
                lines(shape(down.out(), "whole-target", "whole-client", upDomain, upCerts)));
        try (KubernetesClient cluster = sandbox.client()) {
            for (String ns : List.of("whole-target", "whole-client")) {
                assertEquals(List.of(), cluster.apps().deployments().inNamespace(ns).list().getItems(), ns);
            }
        }
    }

    @Test
    void upFailsAsTheSingleCommandFailsAndDownConverges(SandboxCluster sandbox) {
        String kubeconfig = sandbox.kubeconfigFile().toString();
        // Bad input: one line naming the option, exit 2, before anything is written or contacted.
        Run invalid = run("up", "--target-kubeconfig", kubeconfig, "--client-kubeconfig", kubeconfig, "--domain",
                "bad.updown.test", "--client", "client.updown.test", "--namespace", "Not_A_Namespace", "--certs-dir",
                dir.resolve("bad").toString());
        assertEquals(2, invalid.exit(), invalid::err);
        assertTrue(invalid.err().startsWith("up: --namespace: "), invalid.err());
        assertTrue(!dir.resolve("bad").toFile().exists(), "no certificate written before the input was checked");

        // The target does not answer (nothing listens at the address): up fails with expose's message
        // and exit code, after the client part running beside it was stopped and its lines printed.
        String certs = dir.resolve("failing").toString();
        String domain = "failing.updown.test";
        Run failed = run("up", "--target-kubeconfig", kubeconfig, "--client-kubeconfig", kubeconfig, "--domain", domain,
                "--client", "client.updown.test", "--namespace", "failing-updown", "--certs-dir", certs,
                "--key-algorithm", "ec-p256", "--resolve", "127.0.0.1", "--verify-timeout", "3");
        Run single = run("expose", "--kubeconfig", kubeconfig, "--domain", domain, "--namespace", "failing-updown",
                "--certs-dir", certs, "--resolve", "127.0.0.1", "--verify-timeout", "3");
        assertEquals(1, failed.exit(), failed::err);
        assertEquals(single.exit(), failed.exit());
        String reason = "failed: verification of https://" + domain + "/headers failed after ";
        assertTrue(failed.err().startsWith("up: " + reason), failed.err());
        assertTrue(single.err().startsWith("expose: " + reason), single.err());
        assertTrue(failed.out().contains("applied Namespace failing-updown\n"), failed.out());

        Run down = ok(run("down", "--target-kubeconfig", kubeconfig, "--client-kubeconfig", kubeconfig,
                "--namespace", "failing-updown"));
        assertTrue(down.out().contains("deleted APIRule httpbin in failing-updown"), down.out());
        try (KubernetesClient cluster = sandbox.client()) {
            assertEquals(List.of(), cluster.apps().deployments().inNamespace("failing-updown").list().getItems());
        }
    }
}
