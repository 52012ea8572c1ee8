package io.jenkins.plugins.kymamtls.steps;

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

/**
 * {@code kymaMtlsCleanup}: removes what the steps created in a namespace, for
 * {@code post { always { kymaMtlsCleanup(...) } }}; returns what it deleted and whether it switched
 * the egress gateway off again.
 */
public final class KymaMtlsCleanupStep extends KymaClusterStep implements CleanupSettings {

    /** parts when it is not given: a saved job without it, or a blank field, gets this. */
    static final String DEFAULT_PARTS = "EXPOSE,EGRESS,LOCK";

    private final String namespace;
    private String parts;
    private String secretName;
    private String clientSecretName;

    @DataBoundConstructor
    public KymaMtlsCleanupStep(String credentialsId, String namespace) {
        super(credentialsId);
        this.namespace = Forms.trimmed(namespace);
    }

    @Override
    public String getNamespace() {
        return namespace;
    }

    @Override
    public String getParts() {
        return parts == null ? DEFAULT_PARTS : parts;
    }

    @DataBoundSetter
    public void setParts(String parts) {
        this.parts = Forms.trimmed(parts);
    }

    @Override
    public String getSecretName() {
        return secretName;
    }

    @DataBoundSetter
    public void setSecretName(String secretName) {
        String given = Forms.trimmed(secretName);
        this.secretName = given;
    }

    @Override
    public String getClientSecretName() {
        return clientSecretName;
    }

    @DataBoundSetter
    public void setClientSecretName(String clientSecretName) {
        String given = Forms.trimmed(clientSecretName);
        this.clientSecretName = given;
    }

    @Override
    Map<String, Object> perform(Run<?, ?> run, FilePath workspace, EnvVars env, Launcher launcher,
                                TaskListener listener)
            throws IOException, InterruptedException {
        return CleanupSettings.perform(this, run, workspace, env, launcher, listener);
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
