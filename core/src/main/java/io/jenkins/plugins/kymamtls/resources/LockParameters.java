package io.jenkins.plugins.kymamtls.resources;

import io.jenkins.plugins.kymamtls.input.InputChecks;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/** Everything {@code kymaLockEgress} needs, checked at {@link Builder#build()}. */
public final class LockParameters {

    /** The node-local DNS cache on Gardener clusters, which answers outside the CNI. */
    public static final String NODE_LOCAL_DNS = "169.254.20.10";
    public static final String DEFAULT_BLOCKED_URL = "https://www.google.com";

    private final String namespace;
    private final List<String> dnsAddresses;
    private final String allowedUrl;
    private final String blockedUrl;
    private final Timeouts timeouts;

    private LockParameters(Builder b) {
        this.namespace = b.namespace;
        this.dnsAddresses = List.copyOf(b.dnsAddresses);
        this.allowedUrl = b.allowedUrl;
        this.blockedUrl = b.blockedUrl;
        this.timeouts = b.timeouts;
    }

    public static Builder builder(String namespace) {
        return new Builder(namespace);
    }

    public String namespace() {
        return namespace;
    }

    /** Addresses given by the user; empty means: the kube-dns ClusterIP plus {@link #NODE_LOCAL_DNS}. */
    public List<String> dnsAddresses() {
        return dnsAddresses;
    }

    /** A URL that must still work through the egress gateway; null to skip that check. */
    public String allowedUrl() {
        return allowedUrl;
    }

    public String blockedUrl() {
        return blockedUrl;
    }

    public Timeouts timeouts() {
        return timeouts;
    }

    public static final class Builder {
        private final String namespace;
        private final List<String> dnsAddresses = new ArrayList<>();
        private String allowedUrl;
        private String blockedUrl = DEFAULT_BLOCKED_URL;
        private Timeouts timeouts = Timeouts.DEFAULT;

        private Builder(String namespace) {
            this.namespace = namespace;
        }

        public Builder dnsAddresses(List<String> addresses) {
            dnsAddresses.clear();
            dnsAddresses.addAll(addresses);
            return this;
        }

        /** The tutorial's own check, {@code http://<domain>/headers} through the egress route. */
        public Builder allowedDomain(String domain) {
            this.allowedUrl = "http://" + InputChecks.dnsName("domain", domain) + "/headers";
            return this;
        }

        public Builder allowedUrl(String allowedUrl) {
            this.allowedUrl = allowedUrl;
            return this;
        }

        public Builder blockedUrl(String blockedUrl) {
            this.blockedUrl = blockedUrl;
            return this;
        }

        public Builder timeouts(Timeouts timeouts) {
            this.timeouts = Objects.requireNonNull(timeouts, "timeouts");
            return this;
        }

        public LockParameters build() {
            InputChecks.namespace("namespace", namespace);
            dnsAddresses.replaceAll(address -> InputChecks.ipAddress("dnsAddresses", address));
            if (allowedUrl != null) {
                InputChecks.url("allowedUrl", allowedUrl);
            }
            InputChecks.url("blockedUrl", blockedUrl);
            return new LockParameters(this);
        }
    }
}
