package io.jenkins.plugins.kymamtls.resources;

import io.jenkins.plugins.kymamtls.input.InputChecks;
import java.util.List;
import java.util.Objects;

/** Everything {@code kymaExposeMtls} needs, checked at {@link Builder#build()}. */
public final class ExposeParameters {

    public static final String DEFAULT_SERVICE = "httpbin";
    public static final int DEFAULT_SERVICE_PORT = 8000;
    public static final String DEFAULT_GATEWAY = "kyma-mtls-gateway";
    public static final String DEFAULT_API_RULE = "httpbin";
    public static final String DEFAULT_METHODS = "GET";
    public static final String DEFAULT_PATH = "/*";
    public static final String DEFAULT_HTTPBIN_IMAGE = "docker.io/mccutchen/go-httpbin:v2.15.0";

    private final String domain;
    private final String namespace;
    private final CertificateMaterial server;
    private final boolean workload;
    private final String serviceName;
    private final int servicePort;
    private final String gatewayName;
    private final String secretName;
    private final String apiRuleName;
    private final List<String> methods;
    private final String path;
    private final String resolve;
    private final String httpbinImage;
    private final Timeouts timeouts;

    private ExposeParameters(Builder b) {
        this.domain = b.domain;
        this.namespace = b.namespace;
        this.server = b.server;
        this.workload = b.workload;
        this.serviceName = b.serviceName;
        this.servicePort = b.servicePort;
        this.gatewayName = b.gatewayName;
        this.secretName = b.secretName;
        this.apiRuleName = b.apiRuleName;
        this.methods = InputChecks.methods("methods", b.methods);
        this.path = b.path;
        this.resolve = b.resolve;
        this.httpbinImage = b.httpbinImage;
        this.timeouts = b.timeouts;
    }

    public static Builder builder(String domain, String namespace, CertificateMaterial server) {
        return new Builder(domain, namespace, server);
    }

    public String domain() {
        return domain;
    }

    public String namespace() {
        return namespace;
    }

    public CertificateMaterial server() {
        return server;
    }

    public boolean workload() {
        return workload;
    }

    public String serviceName() {
        return serviceName;
    }

    public int servicePort() {
        return servicePort;
    }

    public String gatewayName() {
        return gatewayName;
    }

    public String secretName() {
        return secretName;
    }

    public String apiRuleName() {
        return apiRuleName;
    }

    public List<String> methods() {
        return methods;
    }

    public String path() {
        return path;
    }

    /** The address to connect to for the verification instead of resolving the domain; null to resolve. */
    public String resolve() {
        return resolve;
    }

    public String httpbinImage() {
        return httpbinImage;
    }

    public Timeouts timeouts() {
        return timeouts;
    }

    public static final class Builder {
        private final String domain;
        private final String namespace;
        private final CertificateMaterial server;
        private boolean workload = true;
        private String serviceName = DEFAULT_SERVICE;
        private int servicePort = DEFAULT_SERVICE_PORT;
        private String gatewayName = DEFAULT_GATEWAY;
        private String secretName;
        private String apiRuleName = DEFAULT_API_RULE;
        private String methods = DEFAULT_METHODS;
        private String path = DEFAULT_PATH;
        private String resolve;
        private String httpbinImage = DEFAULT_HTTPBIN_IMAGE;
        private Timeouts timeouts = Timeouts.DEFAULT;

        private Builder(String domain, String namespace, CertificateMaterial server) {
            this.domain = domain;
            this.namespace = namespace;
            this.server = server;
        }

        /** Deploy the httpbin sample (true) or expose an existing service (false, give its name and port). */
        public Builder workload(boolean workload) {
            this.workload = workload;
            return this;
        }

        public Builder serviceName(String serviceName) {
            this.serviceName = serviceName;
            return this;
        }

        public Builder servicePort(int servicePort) {
            this.servicePort = servicePort;
            return this;
        }

        public Builder gatewayName(String gatewayName) {
            this.gatewayName = gatewayName;
            return this;
        }

        public Builder secretName(String secretName) {
            this.secretName = secretName;
            return this;
        }

        public Builder apiRuleName(String apiRuleName) {
            this.apiRuleName = apiRuleName;
            return this;
        }

        /** Comma-separated HTTP methods, e.g. {@code GET,POST}. */
        public Builder methods(String methods) {
            this.methods = methods;
            return this;
        }

        public Builder path(String path) {
            this.path = path;
            return this;
        }

        public Builder resolve(String resolve) {
            this.resolve = resolve;
            return this;
        }

        public Builder httpbinImage(String httpbinImage) {
            this.httpbinImage = httpbinImage;
            return this;
        }

        public Builder timeouts(Timeouts timeouts) {
            this.timeouts = Objects.requireNonNull(timeouts, "timeouts");
            return this;
        }

        public ExposeParameters build() {
            InputChecks.wildcardDnsName("domain", domain);
            InputChecks.namespace("namespace", namespace);
            Objects.requireNonNull(server, "server certificate material");
            InputChecks.serviceName("serviceName", serviceName);
            InputChecks.port("servicePort", servicePort);
            InputChecks.serviceName("gatewayName", gatewayName);
            // Blank takes the namespace's own name (a DNS subdomain whatever the namespace's length).
            secretName = secretName == null || secretName.isBlank() ? Names.targetSecret(namespace)
                    : InputChecks.serviceName("secretName", secretName.strip());
            InputChecks.serviceName("apiRuleName", apiRuleName);
            InputChecks.apiPath("path", path);
            if (resolve != null) {
                InputChecks.ipv4("resolve", resolve);
            }
            InputChecks.image("httpbinImage", httpbinImage);
            return new ExposeParameters(this);
        }
    }
}
