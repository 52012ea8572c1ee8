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
public final class ExposeWork extends VerifyingClusterWork {

    private static final long serialVersionUID = 1L;

    /** The step's optional settings, with the engine's defaults; set what differs. */
    public static final class Options implements java.io.Serializable {
        private static final long serialVersionUID = 1L;
        private String certsDir = "mtls";
        private String caCert;
        private String serverCert;
        private String serverKey;
        private String client;
        private String clientCert;
        private String clientKey;
        private boolean workload = true;
        private String serviceName = ExposeParameters.DEFAULT_SERVICE;
        private int servicePort = ExposeParameters.DEFAULT_SERVICE_PORT;
        private String gatewayName = ExposeParameters.DEFAULT_GATEWAY;
        private String secretName;
        private String apiRuleName = ExposeParameters.DEFAULT_API_RULE;
        private String methods = ExposeParameters.DEFAULT_METHODS;
        private String path = ExposeParameters.DEFAULT_PATH;
        private String resolve;
        private String httpbinImage = ExposeParameters.DEFAULT_HTTPBIN_IMAGE;

        public Options certsDir(String certsDir) {
            this.certsDir = certsDir;
            return this;
        }

        public Options caCert(String caCert) {
            this.caCert = caCert;
            return this;
        }

        public Options serverCert(String serverCert) {
            this.serverCert = serverCert;
            return this;
        }

        public Options serverKey(String serverKey) {
            this.serverKey = serverKey;
            return this;
        }

        public Options client(String client) {
            this.client = client;
            return this;
        }

        public Options clientCert(String clientCert) {
            this.clientCert = clientCert;
            return this;
        }

        public Options clientKey(String clientKey) {
            this.clientKey = clientKey;
            return this;
        }

        public Options workload(boolean workload) {
            this.workload = workload;
            return this;
        }

        public Options serviceName(String serviceName) {
            this.serviceName = serviceName;
            return this;
        }

        public Options servicePort(int servicePort) {
            this.servicePort = servicePort;
            return this;
        }

        public Options gatewayName(String gatewayName) {
            this.gatewayName = gatewayName;
            return this;
        }

        public Options secretName(String secretName) {
            this.secretName = secretName;
            return this;
        }

        public Options apiRuleName(String apiRuleName) {
            this.apiRuleName = apiRuleName;
            return this;
        }

        public Options methods(String methods) {
            this.methods = methods;
            return this;
        }

        public Options path(String path) {
            this.path = path;
            return this;
        }

        public Options resolve(String resolve) {
            this.resolve = resolve;
            return this;
        }

        public Options httpbinImage(String httpbinImage) {
            this.httpbinImage = httpbinImage;
            return this;
        }
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

    record Checked(ExposeParameters parameters, ClientIdentity verifier) {
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
