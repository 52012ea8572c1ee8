package io.jenkins.plugins.kymamtls.cli;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.jenkins.plugins.kymamtls.engine.CleanupEngine;
import io.jenkins.plugins.kymamtls.resources.EgressParameters;
import io.jenkins.plugins.kymamtls.resources.ExposeParameters;
import java.io.PrintWriter;
import java.util.EnumSet;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "cleanup", sortOptions = false, mixinStandardHelpOptions = true,
        description = "Delete what the steps created in a namespace (objects labelled "
                + "app.kubernetes.io/managed-by=kyma-mtls-egress, and our Secrets and DestinationRule in istio-system); "
                + "switch the egress gateway off only if the egress step switched it on; wait until the deleted objects are "
                + "gone. The namespace stays.")
final class CleanupCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    ClusterOptions cluster;

    @Option(names = "--namespace", required = true, paramLabel = "NS", order = 1, description = "Namespace to clean.")
    String namespace;

    @Option(names = "--parts", paramLabel = "LIST", split = ",", defaultValue = "EXPOSE,EGRESS,LOCK", order = 2,
            description = "Which steps' resources: EXPOSE, EGRESS, LOCK, in any case (default: all).")
    List<CleanupEngine.Part> parts;

    @Option(names = "--secret-name", paramLabel = "NAME", order = 3,
            description = "The expose step's Secret in istio-system (default: kyma-mtls-certs-<namespace>).")
    String secretName;

    @Option(names = "--client-secret-name", paramLabel = "NAME", order = 4,
            description = "The egress step's Secret in istio-system (default: client-credential-<namespace>).")
    String clientSecretName;

    @Override
    public Integer call() {
        CleanupEngine.Parameters parameters = new CleanupEngine.Parameters(namespace, EnumSet.copyOf(parts), secretName,
                clientSecretName, cluster.readyTimeoutSeconds());
        String kubeconfig = cluster.readKubeconfig();
        PrintWriter out = spec.commandLine().getOut();
        try (KubernetesClient kubernetes = cluster.connect(kubeconfig, out)) {
            CleanupEngine.Result result = new CleanupEngine().run(kubernetes, parameters, out::println);
            out.println(summary(result));
        }
        return 0;
    }

    static String summary(CleanupEngine.Result result) {
        return "Deleted " + result.deleted().size() + " resources"
                + (result.egressGatewaySwitchedOff() ? "; egress gateway switched off again." : ".");
    }
}
