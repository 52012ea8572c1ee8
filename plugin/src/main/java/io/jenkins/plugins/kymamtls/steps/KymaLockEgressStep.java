package io.jenkins.plugins.kymamtls.steps;

import io.jenkins.plugins.kymamtls.resources.LockParameters;
import hudson.Extension;
import hudson.EnvVars;
import hudson.FilePath;
import hudson.Launcher;
import hudson.model.Item;
import hudson.model.Run;
import hudson.model.TaskListener;
import hudson.util.FormValidation;
import java.io.IOException;
import java.util.Map;
import org.kohsuke.stapler.AncestorInPath;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;
import org.kohsuke.stapler.QueryParameter;
import org.kohsuke.stapler.verb.POST;

/** {@code kymaLockEgress}: Lock the namespace to the egress gateway (Kyma client cluster). */
public final class KymaLockEgressStep extends KymaVerifyingStep implements LockSettings {

    /** blockedUrl when it is not given: a saved job without it, or a blank field, gets this. */
    static final String DEFAULT_BLOCKED_URL = LockParameters.DEFAULT_BLOCKED_URL;

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

    @Override
    public String getNamespace() {
        return namespace;
    }

    @Override
    public String getDomain() {
        return domain;
    }

    @DataBoundSetter
    public void setDomain(String domain) {
        String given = Forms.trimmed(domain);
        this.domain = given == null ? null : given;
    }

    @Override
    public String getDnsAddresses() {
        return dnsAddresses;
    }

    @DataBoundSetter
    public void setDnsAddresses(String dnsAddresses) {
        String given = Forms.trimmed(dnsAddresses);
        this.dnsAddresses = given == null ? null : given;
    }

    @Override
    public String getAllowedUrl() {
        return allowedUrl;
    }

    @DataBoundSetter
    public void setAllowedUrl(String allowedUrl) {
        String given = Forms.trimmed(allowedUrl);
        this.allowedUrl = given == null ? null : given;
    }

    @Override
    public String getBlockedUrl() {
        return blockedUrl == null ? DEFAULT_BLOCKED_URL : blockedUrl;
    }

    @DataBoundSetter
    public void setBlockedUrl(String blockedUrl) {
        this.blockedUrl = Forms.trimmed(blockedUrl);
    }

    @Override
    Map<String, Object> perform(Run<?, ?> run, FilePath workspace, EnvVars env, Launcher launcher,
                                TaskListener listener)
            throws IOException, InterruptedException {
        return LockSettings.perform(this, run, workspace, env, launcher, listener);
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
