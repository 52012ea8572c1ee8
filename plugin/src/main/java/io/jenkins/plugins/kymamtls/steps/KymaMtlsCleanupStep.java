package io.jenkins.plugins.kymamtls.steps;

import hudson.Extension;
import hudson.FilePath;
import hudson.Launcher;
import hudson.model.Item;
import hudson.model.Run;
import hudson.model.TaskListener;
import hudson.util.FormValidation;
import hudson.util.ListBoxModel;
import io.jenkins.plugins.kymamtls.resources.EgressParameters;
import io.jenkins.plugins.kymamtls.resources.ExposeParameters;
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

/**
 * {@code kymaMtlsCleanup}: removes what the steps created in a namespace, for
 * {@code post { always { kymaMtlsCleanup(...) } }}; returns what it deleted and whether it switched
 * the egress gateway off again.
 */
public final class KymaMtlsCleanupStep extends Step implements CleanupSettings {


    private final String credentialsId;
    private String context;
    private final String namespace;
    private String parts = "EXPOSE,EGRESS,LOCK";
    private String secretName = ExposeParameters.DEFAULT_SECRET;
    private String clientSecretName = EgressParameters.DEFAULT_SECRET;
    private int readyTimeout = Timeouts.DEFAULT_READY_SECONDS;
    private int verifyTimeout = Timeouts.DEFAULT_VERIFY_SECONDS;

    @DataBoundConstructor
    public KymaMtlsCleanupStep(String credentialsId, String namespace) {
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
        this.context = Forms.trimmed(context);
    }

    @Override
    public String getNamespace() {
        return namespace;
    }

    @Override
    public String getParts() {
        return parts;
    }

    @DataBoundSetter
    public void setParts(String parts) {
        String given = Forms.trimmed(parts);
        this.parts = given == null ? "EXPOSE,EGRESS,LOCK" : given;
    }

    @Override
    public String getSecretName() {
        return secretName;
    }

    @DataBoundSetter
    public void setSecretName(String secretName) {
        String given = Forms.trimmed(secretName);
        this.secretName = given == null ? ExposeParameters.DEFAULT_SECRET : given;
    }

    @Override
    public String getClientSecretName() {
        return clientSecretName;
    }

    @DataBoundSetter
    public void setClientSecretName(String clientSecretName) {
        String given = Forms.trimmed(clientSecretName);
        this.clientSecretName = given == null ? EgressParameters.DEFAULT_SECRET : given;
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

    /** Off the pipeline thread: credentials and the network are touched in {@link #run()}. */
    static final class Execution extends SynchronousNonBlockingStepExecution<Map<String, Object>> {

        private static final long serialVersionUID = 1L;

        private final transient KymaMtlsCleanupStep step;

        Execution(KymaMtlsCleanupStep step, StepContext context) {
            super(context);
            this.step = step;
        }

        @Override
        protected Map<String, Object> run() throws Exception {
            StepContext context = getContext();
            return CleanupSettings.perform(step, context.get(Run.class), context.get(FilePath.class),
                    context.get(Launcher.class), context.get(TaskListener.class));
        }
    }

    @Extension
    public static final class DescriptorImpl extends StepDescriptor {

        @Override
        public String getFunctionName() {
            return "kymaMtlsCleanup";
        }

        @Override
        public String getDisplayName() {
            return Messages.KymaMtlsCleanupStep_DisplayName();
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
        public FormValidation doCheckParts(@AncestorInPath Item item,
                @QueryParameter String value) {
            return Forms.verdict(item, FieldChecks.parts(value));
        }

        @POST
        public FormValidation doCheckSecretName(@AncestorInPath Item item,
                @QueryParameter String value) {
            return Forms.verdict(item, FieldChecks.name("secretName", value));
        }

        @POST
        public FormValidation doCheckClientSecretName(@AncestorInPath Item item,
                @QueryParameter String value) {
            return Forms.verdict(item, FieldChecks.name("clientSecretName", value));
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
