// Written by plugin/tools/generate_steps.py from its table of parameters; edit the table, not this file.

package io.jenkins.plugins.kymamtls.steps;

import hudson.EnvVars;
import hudson.Extension;
import hudson.FilePath;
import hudson.Launcher;
import hudson.Util;
import hudson.model.Item;
import hudson.model.Run;
import hudson.model.TaskListener;
import hudson.tasks.Builder;
import hudson.util.FormValidation;
import hudson.util.ListBoxModel;
import io.jenkins.plugins.kymamtls.resources.Timeouts;
import java.io.IOException;
import jenkins.tasks.SimpleBuildStep;
import org.kohsuke.stapler.AncestorInPath;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;
import org.kohsuke.stapler.QueryParameter;
import org.kohsuke.stapler.verb.POST;

/** The freestyle build step of {@code kymaLockEgress}: the same work, the same parameters. */
public final class KymaLockEgressBuilder extends Builder implements SimpleBuildStep, LockSettings {

    private final String credentialsId;
    private String context;
    private final String namespace;
    private String domain;
    private String dnsAddresses;
    private String allowedUrl;
    private String blockedUrl = "https://www.google.com";
    private int readyTimeout = Timeouts.DEFAULT_READY_SECONDS;
    private int verifyTimeout = Timeouts.DEFAULT_VERIFY_SECONDS;

    @DataBoundConstructor
    public KymaLockEgressBuilder(String credentialsId, String namespace) {
        this.credentialsId = Util.fixEmptyAndTrim(credentialsId);
        this.namespace = Util.fixEmptyAndTrim(namespace);
    }

    @Override
    public String getCredentialsId() {
        return credentialsId;
    }

    @Override
    public String getContext() {
        return context;
    }

    @DataBoundSetter
    public void setContext(String context) {
        String given = Util.fixEmptyAndTrim(context);
        this.context = given == null ? null : given;
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
        String given = Util.fixEmptyAndTrim(domain);
        this.domain = given == null ? null : given;
    }

    @Override
    public String getDnsAddresses() {
        return dnsAddresses;
    }

    @DataBoundSetter
    public void setDnsAddresses(String dnsAddresses) {
        String given = Util.fixEmptyAndTrim(dnsAddresses);
        this.dnsAddresses = given == null ? null : given;
    }

    @Override
    public String getAllowedUrl() {
        return allowedUrl;
    }

    @DataBoundSetter
    public void setAllowedUrl(String allowedUrl) {
        String given = Util.fixEmptyAndTrim(allowedUrl);
        this.allowedUrl = given == null ? null : given;
    }

    @Override
    public String getBlockedUrl() {
        return blockedUrl;
    }

    @DataBoundSetter
    public void setBlockedUrl(String blockedUrl) {
        String given = Util.fixEmptyAndTrim(blockedUrl);
        this.blockedUrl = given == null ? "https://www.google.com" : given;
    }

    @Override
    public int getReadyTimeout() {
        return readyTimeout;
    }

    @DataBoundSetter
    public void setReadyTimeout(int readyTimeout) {
        this.readyTimeout = readyTimeout;
    }

    @Override
    public int getVerifyTimeout() {
        return verifyTimeout;
    }

    @DataBoundSetter
    public void setVerifyTimeout(int verifyTimeout) {
        this.verifyTimeout = verifyTimeout;
    }

    @Override
    public void perform(Run<?, ?> run, FilePath workspace, EnvVars env, Launcher launcher, TaskListener listener)
            throws InterruptedException, IOException {
        LockSettings.perform(this, run, workspace, launcher, listener);
    }

    @Extension
    public static final class DescriptorImpl extends KymaBuildStepDescriptor {

        @Override
        public String getDisplayName() {
            return "Lock the namespace to the egress gateway (Kyma client cluster)";
        }

        @POST
        public ListBoxModel doFillCredentialsIdItems(@AncestorInPath Item item,
                @QueryParameter String credentialsId) {
            return KubeconfigCredentials.choices(item, credentialsId);
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
            return Forms.verdict(item, FieldChecks.ipv4List("dnsAddresses", value));
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

        @POST
        public FormValidation doCheckReadyTimeout(@AncestorInPath Item item,
                @QueryParameter int value) {
            return Forms.verdict(item, FieldChecks.timeout("readyTimeout", value));
        }

        @POST
        public FormValidation doCheckVerifyTimeout(@AncestorInPath Item item,
                @QueryParameter int value) {
            return Forms.verdict(item, FieldChecks.timeout("verifyTimeout", value));
        }
    }
}
