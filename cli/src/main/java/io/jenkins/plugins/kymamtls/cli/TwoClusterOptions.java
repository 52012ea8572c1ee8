package io.jenkins.plugins.kymamtls.cli;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.jenkins.plugins.kymamtls.cluster.ClusterAccess;
import io.jenkins.plugins.kymamtls.input.InputChecks;
import io.jenkins.plugins.kymamtls.resources.Timeouts;
import java.io.PrintWriter;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** The target and the client cluster of the whole flow ({@code up}, {@code down}), and their namespaces. */
final class TwoClusterOptions {

    @Option(names = "--namespace", paramLabel = "NS", order = 3,
            description = "Namespace on both clusters (--target-namespace and --client-namespace override it).")
    String namespace;

    @Option(names = "--target-namespace", paramLabel = "NS", order = 4, description = "Namespace of the workload.")
    String targetNamespace;

    @Option(names = "--client-namespace", paramLabel = "NS", order = 5, description = "Namespace of the client.")
    String clientNamespace;

    @Option(names = "--target-kubeconfig", required = true, paramLabel = "FILE", order = 80,
            description = "Kubeconfig of the target cluster (the workload).")
    Path targetKubeconfig;

    @Option(names = "--target-context", paramLabel = "NAME", order = 81,
            description = "Context in that kubeconfig (default: its current-context).")
    String targetContext;

    @Option(names = "--client-kubeconfig", required = true, paramLabel = "FILE", order = 82,
            description = "Kubeconfig of the client cluster (the egress gateway); may be the same file.")
    Path clientKubeconfig;

    @Option(names = "--client-context", paramLabel = "NAME", order = 83,
            description = "Context in that kubeconfig (default: its current-context).")
    String clientContext;

    @Option(names = "--ready-timeout", paramLabel = "SECONDS", defaultValue = "" + Timeouts.DEFAULT_READY_SECONDS,
            order = 92, description = "How long to wait for resources to become ready, or for deleted ones to be gone"
                    + " (default: ${DEFAULT-VALUE}).")
    int readyTimeout;

    String targetNamespace() {
        return namespace("targetNamespace", targetNamespace);
    }

    String clientNamespace() {
        return namespace("clientNamespace", clientNamespace);
    }

    private String namespace(String field, String own) {
        return own != null ? InputChecks.namespace(field, own) : InputChecks.namespace("namespace", namespace);
    }

    String readTarget() {
        return ClusterOptions.readKubeconfig("targetKubeconfig", targetKubeconfig, targetContext);
    }

    String readClient() {
        return ClusterOptions.readKubeconfig("clientKubeconfig", clientKubeconfig, clientContext);
    }

    KubernetesClient connectTarget(String content, PrintWriter out) {
        return ClusterAccess.connect(content, targetContext, out::println);
    }

    KubernetesClient connectClient(String content, PrintWriter out) {
        return ClusterAccess.connect(content, clientContext, out::println);
    }
}
