package io.jenkins.plugins.kymamtls.steps.lock;

import io.jenkins.plugins.kymamtls.steps.FieldChecks;
import io.jenkins.plugins.kymamtls.steps.Forms;
import io.jenkins.plugins.kymamtls.steps.KubeconfigCredentials;
import io.jenkins.plugins.kymamtls.steps.KymaVerifyingStep;
import io.jenkins.plugins.kymamtls.steps.Messages;
import hudson.Extension;
import hudson.model.Item;
import hudson.model.Run;
import hudson.util.FormValidation;
import io.jenkins.plugins.kymamtls.resources.LockParameters;
import io.jenkins.plugins.kymamtls.work.StepWork;
import io.jenkins.plugins.kymamtls.work.Text;
import java.io.IOException;
import java.util.Arrays;
import java.util.List;
import org.kohsuke.stapler.AncestorInPath;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;
import org.kohsuke.stapler.QueryParameter;
import org.kohsuke.stapler.verb.POST;

/** {@code kymaLockEgress}: Lock the namespace to the egress gateway (Kyma client cluster). */
public final class KymaLockEgressStep extends KymaVerifyingStep implements LockWork.Spec {

    /** blockedUrl when it is not given: a saved job without it, or a blank field, gets this. */
    public static final String DEFAULT_BLOCKED_URL = LockParameters.DEFAULT_BLOCKED_URL;

    private final String namespace;
    private String domain;
    private String dnsAddresses;
    private String allowedUrl;
    private String blockedUrl;

    @DataBoundConstructor
    public KymaLockEgressStep(String credentialsId, String namespace) {
        super(credentialsId);
        this.namespace = Forms.trimmed(namespace);
    }

    public String getNamespace() {
        return namespace;
    }

    public String getDomain() {
        return domain;
    }

    @DataBoundSetter
    public void setDomain(String domain) {
        this.domain = Forms.trimmed(domain);
    }

    public String getDnsAddresses() {
        return dnsAddresses;
    }

    @DataBoundSetter
    public void setDnsAddresses(String dnsAddresses) {
        this.dnsAddresses = Forms.trimmed(dnsAddresses);
    }

    public String getAllowedUrl() {
        return allowedUrl;
    }

    @DataBoundSetter
    public void setAllowedUrl(String allowedUrl) {
        this.allowedUrl = Forms.trimmed(allowedUrl);
    }

    public String getBlockedUrl() {
        return blockedUrl == null ? DEFAULT_BLOCKED_URL : blockedUrl;
    }

    @DataBoundSetter
    public void setBlockedUrl(String blockedUrl) {
        this.blockedUrl = Forms.trimmed(blockedUrl);
    }

    @Override
    protected StepWork work(Run<?, ?> run, Text text) throws IOException {
        return new LockWork(this, text, KubeconfigCredentials.read(getCredentialsId(), run, "credentialsId"));
    }

    @Override
    public LockParameters parameters(Text text) {
        String addresses = text.of(dnsAddresses);
        LockParameters.Builder builder = LockParameters.builder(text.of(namespace))
                .dnsAddresses(addresses == null || addresses.isBlank() ? List.of()
                        : Arrays.stream(addresses.split(",")).map(String::strip).toList())
                .blockedUrl(text.of(getBlockedUrl())).timeouts(timeouts());
        String allowedDomain = text.of(domain);
        if (allowedDomain != null && !allowedDomain.isBlank()) {
            builder.allowedDomain(allowedDomain);
        }
        String allowed = text.of(allowedUrl);
        if (allowed != null && !allowed.isBlank()) {
            builder.allowedUrl(allowed);
        }
        return builder.build();
    }

    @Extension
    public static final class DescriptorImpl extends VerifyingStepDescriptor {

        @Override
        public String getFunctionName() {
            return "kymaLockEgress";
        }

        @Override
        public String getDisplayName() {
            return Messages.KymaLockEgressStep_DisplayName();
        }

        @POST
        public FormValidation doCheckNamespace(@AncestorInPath Item item,
                @QueryParameter String value) {
            return Forms.verdict(item, FieldChecks.namespace(value));
        }

        @POST
        public FormValidation doCheckDomain(@AncestorInPath Item item,
                @QueryParameter String value) {
            return Forms.verdict(item, FieldChecks.client(value));
        }

        @POST
        public FormValidation doCheckDnsAddresses(@AncestorInPath Item item,
                @QueryParameter String value) {
            return Forms.verdict(item, FieldChecks.ipList("dnsAddresses", value));
        }

        @POST
        public FormValidation doCheckAllowedUrl(@AncestorInPath Item item,
                @QueryParameter String value) {
            return Forms.verdict(item, FieldChecks.url("allowedUrl", value));
        }

        @POST
        public FormValidation doCheckBlockedUrl(@AncestorInPath Item item,
                @QueryParameter String value) {
            return Forms.verdict(item, FieldChecks.url("blockedUrl", value));
        }
    }
}
