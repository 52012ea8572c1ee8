package io.jenkins.plugins.kymamtls.steps.status;

import io.jenkins.plugins.kymamtls.steps.FieldChecks;
import io.jenkins.plugins.kymamtls.steps.Forms;
import io.jenkins.plugins.kymamtls.steps.KubeconfigCredentials;
import io.jenkins.plugins.kymamtls.steps.KymaStep;
import io.jenkins.plugins.kymamtls.steps.Messages;
import hudson.Extension;
import hudson.model.Item;
import hudson.model.Run;
import hudson.util.FormValidation;
import hudson.util.ListBoxModel;
import io.jenkins.plugins.kymamtls.status.CertificateStatus;
import io.jenkins.plugins.kymamtls.status.StatusEngine;
import io.jenkins.plugins.kymamtls.work.StepWork;
import io.jenkins.plugins.kymamtls.work.Text;
import io.jenkins.plugins.kymamtls.work.Workspace;
import java.io.IOException;
import org.kohsuke.stapler.AncestorInPath;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;
import org.kohsuke.stapler.QueryParameter;
import org.kohsuke.stapler.verb.POST;

/**
 * {@code kymaMtlsStatus}: what certificates the clusters run and whether the route can rely on them.
 * Returns the report and does not fail the build on expiry, so a Jenkinsfile decides
 * ({@code if (s.expiresInDays < 30) unstable(...)}); it fails only when a cluster cannot be read.
 */
public final class KymaMtlsStatusStep extends KymaStep implements StatusWork.Spec {

    /** warnDays when it is not given: a saved job without it, or a blank field, gets this. */
    public static final int DEFAULT_WARN_DAYS = CertificateStatus.DEFAULT_WARN_DAYS;

    private String targetCredentialsId;
    private String targetContext;
    private String clientCredentialsId;
    private String clientContext;
    private String namespace;
    private String domain;
    private String secretName;
    private String clientSecretName;
    private Integer warnDays;
    private String certsDir;

    /** Every parameter is optional, but one of the two credentials is needed; the work says so. */
    @DataBoundConstructor
    public KymaMtlsStatusStep() {
    }

    public String getTargetCredentialsId() {
        return targetCredentialsId;
    }

    @DataBoundSetter
    public void setTargetCredentialsId(String targetCredentialsId) {
        this.targetCredentialsId = Forms.trimmed(targetCredentialsId);
    }

    public String getTargetContext() {
        return targetContext;
    }

    @DataBoundSetter
    public void setTargetContext(String targetContext) {
        this.targetContext = Forms.trimmed(targetContext);
    }

    public String getClientCredentialsId() {
        return clientCredentialsId;
    }

    @DataBoundSetter
    public void setClientCredentialsId(String clientCredentialsId) {
        this.clientCredentialsId = Forms.trimmed(clientCredentialsId);
    }

    public String getClientContext() {
        return clientContext;
    }

    @DataBoundSetter
    public void setClientContext(String clientContext) {
        this.clientContext = Forms.trimmed(clientContext);
    }

    public String getNamespace() {
        return namespace;
    }

    @DataBoundSetter
    public void setNamespace(String namespace) {
        this.namespace = Forms.trimmed(namespace);
    }

    public String getDomain() {
        return domain;
    }

    @DataBoundSetter
    public void setDomain(String domain) {
        this.domain = Forms.trimmed(domain);
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

    public int getWarnDays() {
        return warnDays == null ? DEFAULT_WARN_DAYS : warnDays;
    }

    @DataBoundSetter
    public void setWarnDays(Integer warnDays) {
        this.warnDays = warnDays;
    }

    public String getCertsDir() {
        return certsDir;
    }

    @DataBoundSetter
    public void setCertsDir(String certsDir) {
        this.certsDir = Forms.trimmed(certsDir);
    }

    @Override
    protected StepWork work(Run<?, ?> run, Text text) throws IOException {
        return new StatusWork(this, text, kubeconfig(targetCredentialsId, run, "targetCredentialsId"),
                kubeconfig(clientCredentialsId, run, "clientCredentialsId"));
    }

    private static String kubeconfig(String credentialsId, Run<?, ?> run, String field) throws IOException {
        return credentialsId == null ? null : KubeconfigCredentials.read(credentialsId, run, field);
    }

    @Override
    protected int warnDays() {
        return getWarnDays();
    }

    @Override
    public StatusEngine.Parameters parameters(Workspace workspace, Text text) {
        String folder = text.of(certsDir);
        return new StatusEngine.Parameters(text.of(secretName), text.of(clientSecretName), text.of(namespace),
                text.of(domain), getWarnDays(), folder == null ? null : workspace.inside("certsDir", folder));
    }

    @Extension
    public static final class DescriptorImpl extends KymaStepDescriptor {

        @Override
        public String getFunctionName() {
            return "kymaMtlsStatus";
        }

        @Override
        public String getDisplayName() {
            return Messages.KymaMtlsStatusStep_DisplayName();
        }

        @POST
        public ListBoxModel doFillTargetCredentialsIdItems(@AncestorInPath Item item,
                @QueryParameter String targetCredentialsId) {
            return KubeconfigCredentials.choices(item, targetCredentialsId);
        }

        @POST
        public FormValidation doCheckTargetCredentialsId(@AncestorInPath Item item, @QueryParameter String value) {
            return KubeconfigCredentials.check(item, value, false);
        }

        @POST
        public ListBoxModel doFillClientCredentialsIdItems(@AncestorInPath Item item,
                @QueryParameter String clientCredentialsId) {
            return KubeconfigCredentials.choices(item, clientCredentialsId);
        }

        @POST
        public FormValidation doCheckClientCredentialsId(@AncestorInPath Item item, @QueryParameter String value) {
            return KubeconfigCredentials.check(item, value, false);
        }

        @POST
        public FormValidation doCheckNamespace(@AncestorInPath Item item, @QueryParameter String value) {
            return Forms.verdict(item, FieldChecks.optionalNamespace(value));
        }

        @POST
        public FormValidation doCheckDomain(@AncestorInPath Item item, @QueryParameter String value) {
            return Forms.verdict(item, FieldChecks.optionalDomain(value));
        }

        @POST
        public FormValidation doCheckSecretName(@AncestorInPath Item item, @QueryParameter String value) {
            return Forms.verdict(item, FieldChecks.name("secretName", value));
        }

        @POST
        public FormValidation doCheckClientSecretName(@AncestorInPath Item item, @QueryParameter String value) {
            return Forms.verdict(item, FieldChecks.name("clientSecretName", value));
        }

        @POST
        public FormValidation doCheckWarnDays(@AncestorInPath Item item, @QueryParameter String value) {
            return Forms.verdict(item, FieldChecks.warnDays(value));
        }
    }
}
