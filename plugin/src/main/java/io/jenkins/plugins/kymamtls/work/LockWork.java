package io.jenkins.plugins.kymamtls.work;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.jenkins.plugins.kymamtls.engine.LockEngine;
import io.jenkins.plugins.kymamtls.resources.LockParameters;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/** {@code kymaLockEgress}: the client namespace may reach only DNS and istio-system. */
public final class LockWork extends VerifyingClusterWork {

    private static final long serialVersionUID = 1L;

    /** The step's optional settings, with the engine's defaults; set what differs. */
    public static final class Options implements java.io.Serializable {
        private static final long serialVersionUID = 1L;
        private String domain;
        private String dnsAddresses;
        private String allowedUrl;
        private String blockedUrl = LockParameters.DEFAULT_BLOCKED_URL;

        public Options domain(String domain) {
            this.domain = domain;
            return this;
        }

        public Options dnsAddresses(String dnsAddresses) {
            this.dnsAddresses = dnsAddresses;
            return this;
        }

        public Options allowedUrl(String allowedUrl) {
            this.allowedUrl = allowedUrl;
            return this;
        }

        public Options blockedUrl(String blockedUrl) {
            this.blockedUrl = blockedUrl;
            return this;
        }
    }

    private final String namespace;
    private final Options options;

    public LockWork(String kubeconfig, String credentialsId, String context, String namespace, Options options,
                    int readyTimeout, int verifyTimeout) {
        super(kubeconfig, credentialsId, context, readyTimeout, verifyTimeout);
        this.namespace = namespace;
        this.options = options;
    }

    @Override
    public String functionName() {
        return "kymaLockEgress";
    }

    @Override
    protected Object parameters(Path workspace) {
        List<String> dns = options.dnsAddresses == null || options.dnsAddresses.isBlank() ? List.of()
                : Arrays.stream(options.dnsAddresses.split(",")).map(String::strip).toList();
        LockParameters.Builder builder = LockParameters.builder(namespace).dnsAddresses(dns)
                .blockedUrl(options.blockedUrl).timeouts(timeouts());
        if (options.domain != null && !options.domain.isBlank()) {
            builder.allowedDomain(options.domain);
        }
        if (options.allowedUrl != null && !options.allowedUrl.isBlank()) {
            builder.allowedUrl(options.allowedUrl);
        }
        return builder.build();
    }

    @Override
    protected Map<String, Object> run(KubernetesClient client, Object parameters, Path workspace, Consumer<String> log) {
        LockEngine.Result result = new LockEngine().run(client, (LockParameters) parameters, log);
        Map<String, Object> values = new LinkedHashMap<>();
        values.put("applied", result.applied());
        values.put("dnsAddresses", result.dnsAddresses());
        values.put("curlPod", result.curlPod());
        values.put("allowed", result.allowed());
        values.put("blocked", result.blocked());
        values.put("proven", result.proven());
        values.put("proof", result.proof());
        return values;
    }
}
