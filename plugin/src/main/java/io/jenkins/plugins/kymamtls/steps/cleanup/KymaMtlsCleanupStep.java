package io.jenkins.plugins.kymamtls.steps.cleanup;

import io.jenkins.plugins.kymamtls.steps.FieldChecks;
import io.jenkins.plugins.kymamtls.steps.Forms;
import io.jenkins.plugins.kymamtls.steps.KubeconfigCredentials;
import io.jenkins.plugins.kymamtls.steps.KymaClusterStep;
import io.jenkins.plugins.kymamtls.steps.Messages;
import hudson.Extension;
import hudson.model.Item;
import hudson.model.Run;
import hudson.util.FormValidation;
import io.jenkins.plugins.kymamtls.engine.CleanupEngine;
import io.jenkins.plugins.kymamtls.work.StepWork;
import io.jenkins.plugins.kymamtls.work.Text;
import java.io.IOException;
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
public final class KymaMtlsCleanupStep extends KymaClusterStep implements CleanupWork.Spec {

    /** parts when it is not given: a saved job without it, or a blank field, gets this. */
    public static final String DEFAULT_PARTS = "EXPOSE,EGRESS,LOCK";

    private final String namespace;
    private String parts;
    private String secretName;
    private String clientSecretName;

    @DataBoundConstructor
    public KymaMtlsCleanupStep(String credentialsId, String namespace) {
        super(credentialsId);
        this.namespace = Forms.trimmed(namespace);
    }

    public String getNamespace() {
        return namespace;
    }

    public String getParts() {
        return parts == null ? DEFAULT_PARTS : parts;
    }

    @DataBoundSetter
    public void setParts(String parts) {
        this.parts = Forms.trimmed(parts);
    }

    public String getSecretName() {
        return secretName;
    }

    @DataBoundSetter
    public void setSecretName(String secretName) {
        this.secretName = Forms.trimmed(secretName);
    }

    public String getClientSecretName() {
        return clientSecretName;
    }

    @DataBoundSetter
    public void setClientSecretName(String clientSecretName) {
        this.clientSecretName = Forms.trimmed(clientSecretName);
    }

    @Override
    protected StepWork work(Run<?, ?> run, Text text) throws IOException {
        return new CleanupWork(this, text, KubeconfigCredentials.read(getCredentialsId(), run, "credentialsId"));
    }

    @Override
    public CleanupEngine.Parameters parameters(Text text) {
        return new CleanupEngine.Parameters(text.of(namespace), CleanupEngine.parts("parts", text.of(getParts())),
                text.of(secretName), text.of(clientSecretName), getReadyTimeout());
    }

    @Extension
    public static final class DescriptorImpl extends ClusterStepDescriptor {

        @Override
        public String getFunctionName() {
            return "kymaMtlsCleanup";
        }

        @Override
        public String getDisplayName() {
            return Messages.KymaMtlsCleanupStep_DisplayName();
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
    }
}
