package io.jenkins.plugins.kymamtls.cli;

import io.jenkins.plugins.kymamtls.rbac.AccessRules;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "rbac", sortOptions = false, mixinStandardHelpOptions = true,
        description = "Print the ServiceAccount, Roles, ClusterRole and bindings a kubeconfig needs for the steps on one"
                + " cluster and nothing more, each rule with what it is for, and a kubeconfig template for the"
                + " ServiceAccount's token. Apply it with kubectl apply -f as a cluster administrator.")
final class RbacCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--cluster", required = true, paramLabel = "target|client", order = 1,
            description = "target (expose and its cleanup) or client (egress, lock and their cleanup), in any case.")
    AccessRules.Cluster cluster;

    @Option(names = "--namespace", required = true, paramLabel = "NS", order = 2,
            description = "Namespace the steps work in on that cluster.")
    String namespace;

    @Option(names = "--service-account", paramLabel = "NAME", defaultValue = "kyma-mtls", order = 3,
            description = "ServiceAccount to grant the rights to (default: ${DEFAULT-VALUE}).")
    String serviceAccount;

    @Option(names = "--service-account-namespace", paramLabel = "NS", defaultValue = "default", order = 4,
            description = "Namespace of that ServiceAccount (default: ${DEFAULT-VALUE}).")
    String serviceAccountNamespace;

    @Override
    public Integer call() {
        spec.commandLine().getOut().print(AccessRules.yaml(cluster, namespace, serviceAccount, serviceAccountNamespace));
        spec.commandLine().getOut().flush();
        return 0;
    }
}
