package io.jenkins.plugins.kymamtls.work;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.jenkins.plugins.kymamtls.engine.ExposeEngine;
import io.jenkins.plugins.kymamtls.resources.CertificateMaterial;
import io.jenkins.plugins.kymamtls.resources.ClientIdentity;
import io.jenkins.plugins.kymamtls.resources.ExposeParameters;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;

/** {@code kymaExposeMtls}: the target cluster's MUTUAL gateway, proven from the agent. */
public final class ExposeWork extends ClusterWork {

    private static final long serialVersionUID = 1L;

    /** The step's optional settings, with the engine's defaults. */
    public static final class Options implements java.io.Serializable {
        private static final long serialVersionUID = 1L;
        public String certsDir = "mtls";
        public String caCert;
        public String serverCert;
        public String serverKey;
        public String client;
        public String clientCert;
        public String clientKey;
        public boolean workload = true;
        public String serviceName = ExposeParameters.DEFAULT_SERVICE;
        public int servicePort = ExposeParameters.DEFAULT_SERVICE_PORT;
        public String gatewayName = ExposeParameters.DEFAULT_GATEWAY;
        public String secretName = ExposeParameters.DEFAULT_SECRET;
        public String apiRuleName = ExposeParameters.DEFAULT_API_RULE;
        public String methods = ExposeParameters.DEFAULT_METHODS;
        public String path = ExposeParameters.DEFAULT_PATH;
        public String resolve;
        public String httpbinImage = ExposeParameters.DEFAULT_HTTPBIN_IMAGE;
    }

    private final String domain;
    private final String namespace;
    private final Options options;
    private final int httpsPort;

    public ExposeWork(String kubeconfig, String credentialsId, String context, String domain, String namespace,
                      Options options, int readyTimeout, int verifyTimeout) {
        this(kubeconfig, credentialsId, context, domain, namespace, options, readyTimeout, verifyTimeout, 443);
    }

    ExposeWork(String kubeconfig, String credentialsId, String context, String domain, String namespace, Options options,
               int readyTimeout, int verifyTimeout, int httpsPort) {
        super(kubeconfig, credentialsId, context, readyTimeout, verifyTimeout);
        this.domain = domain;
        this.namespace = namespace;
        this.options = options;
        this.httpsPort = httpsPort;
    }

    @Override
    public String functionName() {
        return "kymaExposeMtls";
    }

    private record Checked(ExposeParameters parameters, ClientIdentity verifier) {
    }

    @Override
    protected Object parameters(Path workspace) {
        Path certs = inside(workspace, "certsDir", options.certsDir);
        ExposeParameters parameters = ExposeParameters.builder(domain, namespace,
                        CertificateMaterial.fromFiles("server", certs, domain, file(workspace, "caCert", options.caCert),
                                file(workspace, "serverCert", options.serverCert),
                                file(workspace, "serverKey", options.serverKey)))
                .workload(options.workload).serviceName(options.serviceName).servicePort(options.servicePort)
                .gatewayName(options.gatewayName).secretName(options.secretName).apiRuleName(options.apiRuleName)
                .methods(options.methods).path(options.path).resolve(options.resolve)
                .httpbinImage(options.httpbinImage).timeouts(timeouts()).build();
        return new Checked(parameters, ClientIdentity.fromFiles(certs, options.client,
                file(workspace, "caCert", options.caCert), file(workspace, "clientCert", options.clientCert),
                file(workspace, "clientKey", options.clientKey)));
    }

    @Override
    protected Map<String, Object> run(KubernetesClient client, Object parameters, Path workspace, Consumer<String> log) {
        Checked checked = (Checked) parameters;
        ExposeEngine.Result result = new ExposeEngine(httpsPort).run(client, checked.parameters(), checked.verifier(), log);
        Map<String, Object> values = new LinkedHashMap<>();
        values.put("applied", result.applied());
        values.put("url", result.url());
        values.put("withoutClientCertificate", result.withoutCertificate().describe());
        values.put("withClientCertificate", result.withCertificate().status());
        values.put("xForwardedClientCert", result.withCertificate().xfcc());
        return values;
    }
}
