package io.jenkins.plugins.kymamtls.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jenkins.plugins.kymamtls.rbac.AccessRules;
import io.jenkins.plugins.kymamtls.testing.SandboxCluster;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code kyma-mtls rbac} against the sandbox's real API server: with exactly the printed rules every
 * step on that cluster succeeds, and without any one of them a step fails with a 403.
 */
@ExtendWith(SandboxCluster.Extension.class)
class SandboxRbacTest {

    static final String DOMAIN = "httpbin.rbac.test";
    static final String CLIENT = "client.rbac.test";

    @TempDir
    Path dir;

    private record Run(int exit, String out, String err) {
    }

    private static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = KymaMtlsCommand.execute(new PrintWriter(out, true), new PrintWriter(err, true), args);
        return new Run(exit, out.toString(), err.toString());
    }

    /** A kubeconfig for the ServiceAccount: the admin's cluster entry and the account's token. */
    private Path serviceAccountKubeconfig(SandboxCluster sandbox, String account) throws Exception {
        String token = sandbox.kubectlOk("-n", "default", "create", "token", account).strip();
        String admin = sandbox.kubectlOk("config", "view", "--raw", "--minify", "-o", "yaml");
        return Files.writeString(dir.resolve(account + ".kubeconfig"),
                admin.replaceAll("(?s)users:.*", "users:\n- name: sandbox-admin\n  user:\n    token: " + token + "\n"));
    }

    private void grant(SandboxCluster sandbox, AccessRules.Cluster cluster, String namespace, String account,
                       List<AccessRules.Rule> rules) throws Exception {
        // Roles left without rules must go, since applying fewer documents would leave them as they were.
        String name = AccessRules.roleName(cluster, namespace);
        sandbox.kubectl("delete", "clusterrole", name, "--ignore-not-found");
        for (String ns : List.of(namespace, "istio-system", "kyma-system", "kube-system")) {
            sandbox.kubectl("-n", ns, "delete", "role", name, "--ignore-not-found");
        }
        Path yaml = Files.writeString(dir.resolve("rbac.yaml"),
                AccessRules.yaml(cluster, namespace, account, "default", rules));
        sandbox.kubectlOk("apply", "--server-side", "--force-conflicts", "--filename=" + yaml);
    }

    private List<Run> target(Path kubeconfig, String namespace, SandboxCluster sandbox) {
        String certs = dir.resolve("certs").toString();
        return List.of(
                run("expose", "--kubeconfig", kubeconfig.toString(), "--domain", DOMAIN, "--namespace", namespace,
                        "--certs-dir", certs, "--resolve", sandbox.ingressAddress(), "--ready-timeout", "60",
                        "--verify-timeout", "30"),
                run("status", "--target-kubeconfig", kubeconfig.toString(), "--namespace", namespace, "--certs-dir",
                        certs),
                run("cleanup", "--kubeconfig", kubeconfig.toString(), "--namespace", namespace, "--parts", "expose"));
    }

    private List<Run> client(Path kubeconfig, String namespace, SandboxCluster sandbox) {
        String certs = dir.resolve("certs").toString();
        return List.of(
                run("egress", "--kubeconfig", kubeconfig.toString(), "--domain", DOMAIN, "--namespace", namespace,
                        "--certs-dir", certs, "--ready-timeout", "60", "--verify-timeout", "30"),
                run("lock", "--kubeconfig", kubeconfig.toString(), "--namespace", namespace, "--domain", DOMAIN,
                        "--blocked-url", sandbox.blockedUrl(), "--verify-timeout", "20"),
                run("status", "--client-kubeconfig", kubeconfig.toString(), "--namespace", namespace, "--certs-dir",
                        certs),
                run("cleanup", "--kubeconfig", kubeconfig.toString(), "--namespace", namespace, "--parts",
                        "egress,lock"));
    }

    private void exactlyTheseRules(SandboxCluster sandbox, AccessRules.Cluster cluster, String namespace,
                                   boolean expose) throws Exception {
        String account = "kyma-mtls-" + cluster.name().toLowerCase(java.util.Locale.ROOT);
        Path yaml = Files.writeString(dir.resolve("full.yaml"), run("rbac", "--cluster", cluster.name(), "--namespace",
                namespace, "--service-account", account).out());
        sandbox.kubectlOk("apply", "--server-side", "--filename=" + yaml);
        Path kubeconfig = serviceAccountKubeconfig(sandbox, account);
        List<AccessRules.Rule> all = AccessRules.rules(cluster, namespace);

        for (Run step : expose ? target(kubeconfig, namespace, sandbox) : client(kubeconfig, namespace, sandbox)) {
            assertEquals(0, step.exit(), () -> "with all the rules:\n" + step.out() + step.err());
        }
        List<String> unneeded = new ArrayList<>();
        for (AccessRules.Rule rule : all) {
            List<AccessRules.Rule> fewer = new ArrayList<>(all);
            fewer.remove(rule);
            grant(sandbox, cluster, namespace, account, fewer);
            List<Run> runs = expose ? target(kubeconfig, namespace, sandbox) : client(kubeconfig, namespace, sandbox);
            boolean refused = runs.stream().anyMatch(step -> step.exit() != 0 && step.err().contains("403"));
            if (!refused) {
                unneeded.add(rule.resource() + " in " + rule.namespace() + " " + rule.verbs());
            }
        }
        grant(sandbox, cluster, namespace, account, all);
        for (Run step : expose ? target(kubeconfig, namespace, sandbox) : client(kubeconfig, namespace, sandbox)) {
            assertEquals(0, step.exit(), () -> "with all the rules again:\n" + step.out() + step.err());
        }
        assertEquals(List.of(), unneeded, "rules whose removal no step noticed");
    }

    @Test
    void theTargetClusterNeedsExactlyItsRules(SandboxCluster sandbox) throws Exception {
        assertEquals(0, run("certs", "--domain", DOMAIN, "--client", CLIENT, "--out", dir.resolve("certs").toString(),
                "--key-algorithm", "ec-p256", "--no-self-test").exit());
        exactlyTheseRules(sandbox, AccessRules.Cluster.TARGET, "rbac-target", true);
    }

    @Test
    void theClientClusterNeedsExactlyItsRules(SandboxCluster sandbox) throws Exception {
        assertEquals(0, run("certs", "--domain", DOMAIN, "--client", CLIENT, "--out", dir.resolve("certs").toString(),
                "--key-algorithm", "ec-p256", "--no-self-test").exit());
        // The workload the client reaches, exposed by the administrator as the target cluster's would be.
        Run exposed = run("expose", "--kubeconfig", sandbox.kubeconfigFile().toString(), "--domain", DOMAIN,
                "--namespace", "rbac-workload", "--certs-dir", dir.resolve("certs").toString(), "--resolve",
                sandbox.ingressAddress(), "--verify-timeout", "30");
        assertEquals(0, exposed.exit(), exposed::err);
        exactlyTheseRules(sandbox, AccessRules.Cluster.CLIENT, "rbac-client", false);
        assertNotEquals("", run("rbac", "--cluster", "client", "--namespace", "rbac-client").out());
    }
}
