package io.jenkins.plugins.kymamtls.cli;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.jenkins.plugins.kymamtls.cluster.ClusterAccess;
import io.jenkins.plugins.kymamtls.input.InputChecks;
import io.jenkins.plugins.kymamtls.input.InvalidInputException;
import io.jenkins.plugins.kymamtls.resources.Timeouts;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** How the cluster commands reach a cluster, and how long they wait for resources. */
class ClusterOptions {

    private static final long MAX_KUBECONFIG_BYTES = 4 << 20;

    @Option(names = "--kubeconfig", required = true, paramLabel = "FILE", order = 90,
            description = "Kubeconfig of the cluster (token, client certificate or exec plugin).")
    Path kubeconfig;

    @Option(names = "--context", paramLabel = "NAME", order = 91,
            description = "Context in the kubeconfig (default: its current-context).")
    String context;

    @Option(names = "--ready-timeout", paramLabel = "SECONDS", defaultValue = "" + Timeouts.DEFAULT_READY_SECONDS,
            order = 92, description = "How long to wait for resources to become ready, or for cleanup's deleted ones to be gone"
                    + " (default: ${DEFAULT-VALUE}).")
    int readyTimeout;

    /** Checked like every cluster command's, before the kubeconfig is read or the cluster contacted. */
    int readyTimeoutSeconds() {
        return InputChecks.timeoutSeconds("readyTimeout", readyTimeout);
    }

    /** Reads and checks the kubeconfig; no connection yet. */
    String readKubeconfig() {
        return readKubeconfig("kubeconfig", kubeconfig, context);
    }

    /** A kubeconfig file, read and checked (its context too); {@code field} names the option in messages. */
    static String readKubeconfig(String field, Path kubeconfig, String context) {
        try {
            if (!Files.isRegularFile(kubeconfig)) {
                throw InvalidInputException.problem(field, "the file " + kubeconfig
                        + " does not exist; expected a kubeconfig file");
            }
            if (Files.size(kubeconfig) > MAX_KUBECONFIG_BYTES) {
                throw InvalidInputException.problem(field, "the file " + kubeconfig
                        + " is larger than 4 MiB; expected a kubeconfig file");
            }
            String content = Files.readString(kubeconfig, StandardCharsets.UTF_8);
            ClusterAccess.check(content, context);
            return content;
        } catch (IOException e) {
            throw InvalidInputException.problem(field, "cannot read the file " + kubeconfig + " ("
                    + e.getClass().getSimpleName() + "); expected a readable kubeconfig file");
        }
    }

    KubernetesClient connect(String content, PrintWriter out) {
        return ClusterAccess.connect(content, context, out::println);
    }
}
