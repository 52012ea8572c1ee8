package io.jenkins.plugins.kymamtls.cli;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.jenkins.plugins.kymamtls.engine.EgressEngine;
import io.jenkins.plugins.kymamtls.resources.EgressParameters;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "egress", sortOptions = false, mixinStandardHelpOptions = true,
        description = "Client cluster: route plain HTTP for the domain through the Istio egress gateway, which "
                + "originates mTLS with the client certificate; prove it from a pod and from the gateway's access log.")
final class EgressCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    VerifyingClusterOptions cluster;

    @Option(names = "--domain", required = true, paramLabel = "HOST", order = 1, description = "Host of the workload.")
    String domain;

    @Option(names = "--namespace", required = true, paramLabel = "NS", order = 2, description = "Namespace of the client.")
    String namespace;

    @Mixin
    ClientCertificateOptions certificates;

    @Option(names = "--secret-name", paramLabel = "NAME", order = 5,
            description = "Secret in istio-system with the client credential (default: client-credential-<namespace>).")
    String secretName;

    @Option(names = "--no-curl-workload", negatable = false, order = 6,
            description = "Do not deploy the curl workload (one labelled app=curl must exist for the verification).")
    boolean noCurlWorkload;

    @Option(names = "--no-enable-egress-gateway", negatable = false, order = 7,
            description = "Leave the Istio CR alone (the egress gateway is managed elsewhere).")
    boolean noEnableEgressGateway;

    @Option(names = "--no-access-logging", negatable = false, order = 8,
            description = "Do not add envoy access logging to the Telemetry mesh-default.")
    boolean noAccessLogging;

    @Option(names = "--curl-image", paramLabel = "IMAGE", defaultValue = EgressParameters.DEFAULT_CURL_IMAGE, order = 9,
            description = "Image of the curl workload (default: ${DEFAULT-VALUE}).")
    String curlImage;

    @Override
    public Integer call() {
        EgressParameters parameters = EgressParameters.builder(domain, namespace,
                        certificates.client())
                .secretName(secretName).curlWorkload(!noCurlWorkload).enableEgressGateway(!noEnableEgressGateway)
                .accessLogging(!noAccessLogging).curlImage(curlImage).timeouts(cluster.timeouts()).build();
        String kubeconfig = cluster.readKubeconfig();
        PrintWriter out = spec.commandLine().getOut();
        try (KubernetesClient kubernetes = cluster.connect(kubeconfig, out)) {
            EgressEngine.Result result = new EgressEngine().run(kubernetes, parameters, out::println);
            out.println(summary(domain, result));
        }
        return 0;
    }

    static String summary(String domain, EgressEngine.Result result) {
        return "Egress route to " + domain + " through the egress gateway verified: " + result.applied().size()
                + " resources applied.";
    }
}
