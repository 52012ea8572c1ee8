package io.jenkins.plugins.kymamtls.cli;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.jenkins.plugins.kymamtls.engine.LockEngine;
import io.jenkins.plugins.kymamtls.resources.LockParameters;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "lock", sortOptions = false, mixinStandardHelpOptions = true,
        description = "Client cluster: a NetworkPolicy lets the namespace reach only DNS and istio-system; prove the "
                + "allowed URL still works and the blocked one does not.")
final class LockCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    VerifyingClusterOptions cluster;

    @Option(names = "--namespace", required = true, paramLabel = "NS", order = 1, description = "Namespace to lock.")
    String namespace;

    @Option(names = "--domain", paramLabel = "HOST", order = 2,
            description = "Workload host; the allowed URL defaults to http://HOST/headers through the egress route.")
    String domain;

    @Option(names = "--dns-addresses", paramLabel = "IP", split = ",", order = 3,
            description = "DNS servers to allow (default: the kube-dns ClusterIP and 169.254.20.10).")
    List<String> dnsAddresses = List.of();

    @Option(names = "--allowed-url", paramLabel = "URL", order = 4, description = "A URL that must still work.")
    String allowedUrl;

    @Option(names = "--blocked-url", paramLabel = "URL", defaultValue = LockParameters.DEFAULT_BLOCKED_URL, order = 5,
            description = "A URL that must be blocked (default: ${DEFAULT-VALUE}).")
    String blockedUrl;

    @Override
    public Integer call() {
        LockParameters.Builder builder = LockParameters.builder(namespace).dnsAddresses(dnsAddresses)
                .blockedUrl(blockedUrl).timeouts(cluster.timeouts());
        if (domain != null) {
            builder.allowedDomain(domain);
        }
        if (allowedUrl != null) {
            builder.allowedUrl(allowedUrl);
        }
        LockParameters parameters = builder.build();
        String kubeconfig = cluster.readKubeconfig();
        PrintWriter out = spec.commandLine().getOut();
        try (KubernetesClient kubernetes = cluster.connect(kubeconfig, out)) {
            LockEngine.Result result = new LockEngine().run(kubernetes, parameters, out::println);
            out.println(summary(parameters, result));
        }
        return 0;
    }

    static String summary(LockParameters parameters, LockEngine.Result result) {
        return "Namespace " + parameters.namespace() + " locked: DNS " + result.dnsAddresses() + " and istio-system only; "
                + parameters.blockedUrl() + " blocked"
                + (result.proven() ? " (proven: reached before the lock)." : " (not proven: blocked before the lock too).");
    }
}
