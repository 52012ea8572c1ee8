package io.jenkins.plugins.kymamtls.cli;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.jenkins.plugins.kymamtls.engine.ExposeEngine;
import io.jenkins.plugins.kymamtls.resources.CertificateMaterial;
import io.jenkins.plugins.kymamtls.resources.ClientIdentity;
import io.jenkins.plugins.kymamtls.resources.ExposeParameters;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "expose", sortOptions = false, mixinStandardHelpOptions = true,
        description = "Target cluster: expose the workload behind an Istio gateway in MUTUAL TLS mode with an APIRule, "
                + "then prove a request without a client certificate fails and one with it gets 200.")
final class ExposeCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    VerifyingClusterOptions cluster;

    @Option(names = "--domain", required = true, paramLabel = "HOST", order = 1, description = "Host of the workload.")
    String domain;

    @Option(names = "--namespace", required = true, paramLabel = "NS", order = 2, description = "Namespace of the workload.")
    String namespace;

    @Mixin
    ClientCertificateOptions certificates;

    @Option(names = "--server-cert", paramLabel = "FILE", order = 21,
            description = "Server certificate (default: DIR/<domain>.crt).")
    Path serverCert;

    @Option(names = "--server-key", paramLabel = "FILE", order = 22, description = "Server key (default: DIR/<domain>.key).")
    Path serverKey;

    @Option(names = "--no-workload", negatable = false, order = 5,
            description = "Expose an existing service (--service-name, --service-port) instead of deploying httpbin.")
    boolean noWorkload;

    @Option(names = "--service-name", paramLabel = "NAME", defaultValue = ExposeParameters.DEFAULT_SERVICE, order = 6,
            description = "Service to expose (default: ${DEFAULT-VALUE}).")
    String serviceName;

    @Option(names = "--service-port", paramLabel = "PORT", defaultValue = "" + ExposeParameters.DEFAULT_SERVICE_PORT,
            order = 7, description = "Port of that service (default: ${DEFAULT-VALUE}).")
    int servicePort;

    @Option(names = "--gateway-name", paramLabel = "NAME", defaultValue = ExposeParameters.DEFAULT_GATEWAY, order = 8,
            description = "Istio Gateway name (default: ${DEFAULT-VALUE}).")
    String gatewayName;

    @Option(names = "--secret-name", paramLabel = "NAME", order = 9,
            description = "Secret in istio-system with the gateway's credentials (default: kyma-mtls-certs-<namespace>).")
    String secretName;

    @Option(names = "--api-rule-name", paramLabel = "NAME", defaultValue = ExposeParameters.DEFAULT_API_RULE, order = 10,
            description = "APIRule name (default: ${DEFAULT-VALUE}).")
    String apiRuleName;

    @Option(names = "--methods", paramLabel = "LIST", defaultValue = ExposeParameters.DEFAULT_METHODS, order = 11,
            description = "HTTP methods the APIRule allows, comma-separated (default: ${DEFAULT-VALUE}).")
    String methods;

    @Option(names = "--path", paramLabel = "PATH", defaultValue = ExposeParameters.DEFAULT_PATH, order = 12,
            description = "Path the APIRule exposes (default: ${DEFAULT-VALUE}).")
    String path;

    @Option(names = "--resolve", paramLabel = "IP", order = 13,
            description = "Connect to this address for the verification instead of resolving the domain.")
    String resolve;

    @Option(names = "--httpbin-image", paramLabel = "IMAGE", defaultValue = ExposeParameters.DEFAULT_HTTPBIN_IMAGE,
            order = 14, description = "Image of the httpbin sample (default: ${DEFAULT-VALUE}).")
    String httpbinImage;

    @Override
    public Integer call() {
        ExposeParameters parameters = ExposeParameters.builder(domain, namespace,
                        CertificateMaterial.fromFiles("server", certificates.certsDir, domain, certificates.caCert,
                                serverCert, serverKey))
                .workload(!noWorkload).serviceName(serviceName).servicePort(servicePort).gatewayName(gatewayName)
                .secretName(secretName).apiRuleName(apiRuleName).methods(methods).path(path).resolve(resolve)
                .httpbinImage(httpbinImage).timeouts(cluster.timeouts()).build();
        ClientIdentity verifier = ClientIdentity.of(certificates.client());
        String kubeconfig = cluster.readKubeconfig();
        PrintWriter out = spec.commandLine().getOut();
        try (KubernetesClient kubernetes = cluster.connect(kubeconfig, out)) {
            ExposeEngine.Result result = new ExposeEngine().run(kubernetes, parameters, verifier, out::println);
            out.println(summary(result));
        }
        return 0;
    }

    static String summary(ExposeEngine.Result result) {
        return "Exposed " + result.url() + " with mutual TLS: " + result.applied().size() + " resources applied.";
    }
}
