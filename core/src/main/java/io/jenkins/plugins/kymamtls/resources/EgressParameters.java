package io.jenkins.plugins.kymamtls.resources;

import io.jenkins.plugins.kymamtls.input.InputChecks;
import java.util.Objects;

/** Everything {@code kymaEgressRoute} needs, checked at {@link Builder#build()}. */
public final class EgressParameters {

    public static final String DEFAULT_SERVICE_ENTRY = "httpbin";
    public static final String DEFAULT_CURL_IMAGE = "docker.io/curlimages/curl:8.11.1";

    private final String domain;
    private final String namespace;
    private final CertificateMaterial client;
    private final String secretName;
    private final String serviceEntryName;
    private final boolean curlWorkload;
    private final boolean enableEgressGateway;
    private final boolean accessLogging;
    private final String curlImage;
    private final Timeouts timeouts;

    private EgressParameters(Builder b) {
        this.domain = b.domain;
        this.namespace = b.namespace;
        this.client = b.client;
        this.secretName = b.secretName;
        this.serviceEntryName = b.serviceEntryName;
        this.curlWorkload = b.curlWorkload;
        this.enableEgressGateway = b.enableEgressGateway;
        this.accessLogging = b.accessLogging;
        this.curlImage = b.curlImage;
        this.timeouts = b.timeouts;
    }

    public static Builder builder(String domain, String namespace, CertificateMaterial client) {
        return new Builder(domain, namespace, client);
    }

    public String domain() {
        return domain;
    }

    public String namespace() {
        return namespace;
    }

    public CertificateMaterial client() {
        return client;
    }

    public String secretName() {
        return secretName;
    }

    /** The DestinationRule in istio-system through which the egress gateway originates mTLS. */
    public String originateRuleName() {
        return Names.originateRule(namespace);
    }

    public String serviceEntryName() {
        return serviceEntryName;
    }

    public boolean curlWorkload() {
        return curlWorkload;
    }

    public boolean enableEgressGateway() {
        return enableEgressGateway;
    }

    public boolean accessLogging() {
        return accessLogging;
    }

    public String curlImage() {
        return curlImage;
    }

    public Timeouts timeouts() {
        return timeouts;
    }

    public static final class Builder {
        private final String domain;
        private final String namespace;
        private final CertificateMaterial client;
        private String secretName;
        private String serviceEntryName = DEFAULT_SERVICE_ENTRY;
        private boolean curlWorkload = true;
        private boolean enableEgressGateway = true;
        private boolean accessLogging = true;
        private String curlImage = DEFAULT_CURL_IMAGE;
        private Timeouts timeouts = Timeouts.DEFAULT;

        private Builder(String domain, String namespace, CertificateMaterial client) {
            this.domain = domain;
            this.namespace = namespace;
            this.client = client;
        }

        public Builder secretName(String secretName) {
            this.secretName = secretName;
            return this;
        }

        public Builder serviceEntryName(String serviceEntryName) {
            this.serviceEntryName = serviceEntryName;
            return this;
        }

        public Builder curlWorkload(boolean curlWorkload) {
            this.curlWorkload = curlWorkload;
            return this;
        }

        public Builder enableEgressGateway(boolean enableEgressGateway) {
            this.enableEgressGateway = enableEgressGateway;
            return this;
        }

        public Builder accessLogging(boolean accessLogging) {
            this.accessLogging = accessLogging;
            return this;
        }

        public Builder curlImage(String curlImage) {
            this.curlImage = curlImage;
            return this;
        }

        public Builder timeouts(Timeouts timeouts) {
            this.timeouts = Objects.requireNonNull(timeouts, "timeouts");
            return this;
        }

        public EgressParameters build() {
            // The egress route needs one concrete host: DNS resolution and SNI cannot use a wildcard.
            InputChecks.dnsName("domain", domain);
            InputChecks.namespace("namespace", namespace);
            Objects.requireNonNull(client, "client certificate material");
            // Blank takes the namespace's own name (a DNS subdomain whatever the namespace's length).
            secretName = secretName == null || secretName.isBlank() ? Names.clientSecret(namespace)
                    : InputChecks.serviceName("secretName", secretName.strip());
            InputChecks.serviceName("serviceEntryName", serviceEntryName);
            InputChecks.image("curlImage", curlImage);
            return new EgressParameters(this);
        }
    }
}
