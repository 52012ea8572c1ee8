package io.jenkins.plugins.kymamtls.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.AuthInfo;
import io.fabric8.kubernetes.api.model.ExecConfig;
import io.fabric8.kubernetes.api.model.ExecEnvVar;
import io.fabric8.kubernetes.api.model.NamedAuthInfo;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.internal.KubeConfigUtils;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.jenkins.plugins.kymamtls.testing.SandboxCluster;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * M3: an exec credential plugin named in the kubeconfig (kubelogin, gardenctl, a cloud CLI) runs
 * with the build's environment, as {@code sh 'kubectl …'} in the same build would: variables set by
 * withEnv or withCredentials, tool paths. Here the plugin is a script that answers the API server's
 * token only when the build set it, against the sandbox's real API server.
 */
@ExtendWith(SandboxCluster.Extension.class)
public class ExecCredentialSandboxTest {

    @TempDir
    Path dir;

    /**
     * A kubeconfig for the sandbox whose user is an exec plugin: a script that prints the token in
     * KYMA_EXEC_TOKEN, which only the build's environment holds, and fails without it.
     */
    public static String execKubeconfig(SandboxCluster sandbox, Path dir) throws java.io.IOException {
        Path plugin = dir.resolve("exec-plugin");
        Files.writeString(plugin, "#!/bin/sh\n"
                + "[ -n \"$KYMA_EXEC_TOKEN\" ] || { echo 'KYMA_EXEC_TOKEN is not set' >&2; exit 1; }\n"
                + "[ \"$KYMA_EXEC_OWN\" = from-the-kubeconfig ] || { echo 'the kubeconfig env was overridden' >&2; exit 1; }\n"
                + "printf '{\"apiVersion\":\"client.authentication.k8s.io/v1\",\"kind\":\"ExecCredential\","
                + "\"status\":{\"token\":\"%s\"}}' \"$KYMA_EXEC_TOKEN\"\n");
        Files.setPosixFilePermissions(plugin, PosixFilePermissions.fromString("rwx------"));
        return execKubeconfig(sandbox.kubeconfig(), plugin);
    }

    /** A token of a ServiceAccount bound to the given cluster role, for the exec plugin to print. */
    public static String token(SandboxCluster sandbox, String clusterRole) {
        sandbox.kubectl("-n", "default", "create", "serviceaccount", "exec-user-" + clusterRole);
        sandbox.kubectl("create", "clusterrolebinding", "exec-user-" + clusterRole, "--clusterrole=" + clusterRole,
                "--serviceaccount=default:exec-user-" + clusterRole);
        return sandbox.kubectlOk("-n", "default", "create", "token", "exec-user-" + clusterRole).strip();
    }

    private static String execKubeconfig(String admin, Path plugin) {
        io.fabric8.kubernetes.api.model.Config config = KubeConfigUtils.parseConfigFromString(admin);
        ExecConfig exec = new ExecConfig();
        exec.setApiVersion("client.authentication.k8s.io/v1");
        exec.setCommand(plugin.toString());
        exec.setInteractiveMode("Never");
        exec.setEnv(new ArrayList<>(List.of(new ExecEnvVar("KYMA_EXEC_OWN", "from-the-kubeconfig"))));
        AuthInfo user = new AuthInfo();
        user.setExec(exec);
        config.setUsers(List.of(new NamedAuthInfo("exec-user", user)));
        config.getContexts().get(0).getContext().setUser("exec-user");
        return Serialization.asYaml(config);
    }

    @Test
    void anExecPluginGetsTheBuildsVariablesAndTheKubeconfigKeepsItsOwn(SandboxCluster sandbox) throws Exception {
        String token = token(sandbox, "view");
        String kubeconfig = execKubeconfig(sandbox, dir);

        Map<String, String> build = Map.of("KYMA_EXEC_TOKEN", token, "KYMA_EXEC_OWN", "from-the-build");
        List<String> log = new ArrayList<>();
        try (KubernetesClient client = ClusterAccess.connect(kubeconfig, null, build, log::add)) {
            assertFalse(client.pods().inNamespace("istio-system").list().getItems().isEmpty(),
                    "the API server took the token the plugin printed");
        }
        assertTrue(log.isEmpty(), log::toString);

        // Without the build's variable the plugin has nothing to print: no client gets through.
        RuntimeException without = assertThrows(RuntimeException.class, () -> {
            try (KubernetesClient client = ClusterAccess.connect(kubeconfig, null, Map.of(), line -> { })) {
                client.pods().inNamespace("istio-system").list();
            }
        });
        assertFalse(String.valueOf(without.getMessage()).contains(token), "the token never reaches a message");
        assertEquals(kubeconfig, ClusterAccess.withExecEnvironment(kubeconfig, Map.of()), "no environment, no change");
    }
}
