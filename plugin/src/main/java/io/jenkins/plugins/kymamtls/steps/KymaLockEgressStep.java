package io.jenkins.plugins.kymamtls.steps;

import hudson.Extension;
import hudson.FilePath;
import hudson.Launcher;
import hudson.model.Item;
import hudson.model.Run;
import hudson.model.TaskListener;
import hudson.util.FormValidation;
import hudson.util.ListBoxModel;
import io.jenkins.plugins.kymamtls.resources.Timeouts;
import java.util.Map;
import java.util.Set;
import org.jenkinsci.plugins.workflow.steps.Step;
import org.jenkinsci.plugins.workflow.steps.StepContext;
import org.jenkinsci.plugins.workflow.steps.StepDescriptor;
import org.jenkinsci.plugins.workflow.steps.StepExecution;
import org.jenkinsci.plugins.workflow.steps.SynchronousNonBlockingStepExecution;
import org.kohsuke.stapler.AncestorInPath;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;
import org.kohsuke.stapler.QueryParameter;
import org.kohsuke.stapler.verb.POST;

/** {@code kymaLockEgress}: Lock the namespace to the egress gateway (Kyma client cluster). */
public final class KymaLockEgressStep extends Step implements LockSettings {


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
    public KymaLockEgressStep(String credentialsId, String namespace) {
        this.credentialsId = Forms.trimmed(credentialsId);
        this.namespace = Forms.trimmed(namespace);
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
        String given = Forms.trimmed(context);
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
        return blockedUrl;
    }

    @DataBoundSetter
    public void setBlockedUrl(String blockedUrl) {
        String given = Forms.trimmed(blockedUrl);
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
    public StepExecution start(StepContext context) {
        return new Execution(this, context);
    }

    /** Off the pipeline thread: credentials, files and the network are all touched in {@link #run()}. */
    static final class Execution extends SynchronousNonBlockingStepExecution<Map<String, Object>> {

        private static final long serialVersionUID = 1L;

        private final transient KymaLockEgressStep step;

        Execution(KymaLockEgressStep step, StepContext context) {
            super(context);
            this.step = step;
        }

        @Override
        protected Map<String, Object> run() throws Exception {
            StepContext context = getContext();
            return LockSettings.perform(step, context.get(Run.class), context.get(FilePath.class),
                    context.get(Launcher.class), context.get(TaskListener.class));
        }
    }

    @Extension
    public static final class DescriptorImpl extends StepDescriptor {

        @Override
        public String getFunctionName() {
            return "kymaLockEgress";
        }

        @Override
        public String getDisplayName() {
            return Messages.KymaLockEgressStep_DisplayName();
        }

        @Override
        public Set<? extends Class<?>> getRequiredContext() {
            return Set.of(Run.class, FilePath.class, Launcher.class, TaskListener.class);
        }

        @POST
        public ListBoxModel doFillCredentialsIdItems(@AncestorInPath Item item,
                @QueryParameter String credentialsId) {
            return KubeconfigCredentials.choices(item, credentialsId);
        }

        @POST
        public FormValidation doCheckCredentialsId(@AncestorInPath Item item,
                @QueryParameter String value) {
            return KubeconfigCredentials.check(item, value, true);
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
