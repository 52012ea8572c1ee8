package io.jenkins.plugins.kymamtls.work;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.jenkins.plugins.kymamtls.engine.EgressEngine;
import io.jenkins.plugins.kymamtls.resources.CertificateMaterial;
import io.jenkins.plugins.kymamtls.resources.EgressParameters;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;

/** {@code kymaEgressRoute}: the client cluster's route through the egress gateway, proven from a pod. */
public final class EgressWork extends VerifyingClusterWork {

    private static final long serialVersionUID = 1L;

    /** The step's optional settings, with the engine's defaults; set what differs. */
    public static final class Options implements java.io.Serializable {
        private static final long serialVersionUID = 1L;
        private String certsDir = "mtls";
        private String caCert;
        private String client;
        private String clientCert;
        private String clientKey;
        private String secretName;
        private boolean curlWorkload = true;
        private boolean enableEgressGateway = true;
        private boolean accessLogging = true;
        private String curlImage = EgressParameters.DEFAULT_CURL_IMAGE;

        public Options certsDir(String certsDir) {
            this.certsDir = certsDir;
            return this;
        }

        public Options caCert(String caCert) {
            this.caCert = caCert;
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

        public Options secretName(String secretName) {
            this.secretName = secretName;
            return this;
        }

        public Options curlWorkload(boolean curlWorkload) {
            this.curlWorkload = curlWorkload;
            return this;
        }

        public Options enableEgressGateway(boolean enableEgressGateway) {
            this.enableEgressGateway = enableEgressGateway;
            return this;
        }

        public Options accessLogging(boolean accessLogging) {
            this.accessLogging = accessLogging;
            return this;
        }

        public Options curlImage(String curlImage) {
            this.curlImage = curlImage;
            return this;
        }
    }

    private final String domain;
    private final String namespace;
    private final Options options;

    public EgressWork(String kubeconfig, String credentialsId, String context, String domain, String namespace,
                      Options options, int readyTimeout, int verifyTimeout) {
        super(kubeconfig, credentialsId, context, readyTimeout, verifyTimeout);
        this.domain = domain;
        this.namespace = namespace;
        this.options = options;
    }

    @Override
    public String functionName() {
        return "kymaEgressRoute";
    }

    @Override
    protected Object parameters(Path workspace) {
        Path certs = inside(workspace, "certsDir", options.certsDir);
        return EgressParameters.builder(domain, namespace, CertificateMaterial.fromFiles("client", certs, options.client,
                        file(workspace, "caCert", options.caCert), file(workspace, "clientCert", options.clientCert),
                        file(workspace, "clientKey", options.clientKey)))
                .secretName(options.secretName).curlWorkload(options.curlWorkload)
                .enableEgressGateway(options.enableEgressGateway).accessLogging(options.accessLogging)
                .curlImage(options.curlImage).timeouts(timeouts()).build();
    }

    @Override
    protected Map<String, Object> run(KubernetesClient client, Object parameters, Path workspace, Consumer<String> log) {
        EgressEngine.Result result = new EgressEngine().run(client, (EgressParameters) parameters, log);
        Map<String, Object> values = new LinkedHashMap<>();
        values.put("applied", result.applied());
        values.put("istioResource", result.istioResource());
        values.put("egressGatewayTurnedOn", result.egressGatewayTurnedOn());
        values.put("curlPod", result.curlPod());
        values.put("status", result.status());
        values.put("xForwardedClientCert", result.xfcc());
        values.put("egressGatewayPods", result.gatewayPodsWithRoute());
        return values;
    }
}
