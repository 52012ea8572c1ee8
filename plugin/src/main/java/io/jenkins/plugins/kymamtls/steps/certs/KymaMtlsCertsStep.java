package io.jenkins.plugins.kymamtls.steps.certs;

import io.jenkins.plugins.kymamtls.steps.FieldChecks;
import io.jenkins.plugins.kymamtls.steps.Forms;
import io.jenkins.plugins.kymamtls.steps.KubeconfigCredentials;
import io.jenkins.plugins.kymamtls.steps.KymaStep;
import io.jenkins.plugins.kymamtls.steps.Messages;
import io.jenkins.plugins.kymamtls.steps.StepRunner;
import io.jenkins.plugins.kymamtls.certificates.CertificateRequest;
import io.jenkins.plugins.kymamtls.certificates.CertificateRotation;
import io.jenkins.plugins.kymamtls.certificates.KeyAlgorithm;
import io.jenkins.plugins.kymamtls.certificates.PemMaterial;
import io.jenkins.plugins.kymamtls.work.StepWork;
import io.jenkins.plugins.kymamtls.work.Text;
import io.jenkins.plugins.kymamtls.work.Workspace;
import hudson.Extension;
import hudson.FilePath;
import hudson.Launcher;
import hudson.model.Item;
import hudson.model.Run;
import hudson.model.TaskListener;
import hudson.util.FormValidation;
import hudson.util.ListBoxModel;
import java.io.IOException;
import java.util.Map;
import org.kohsuke.stapler.AncestorInPath;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;
import org.kohsuke.stapler.QueryParameter;
import org.kohsuke.stapler.verb.POST;

/** {@code kymaMtlsCerts}: Generate the mTLS certificates (Kyma egress tutorial). */
public final class KymaMtlsCertsStep extends KymaStep implements CertsWork.Spec {

    /** selfTest when it is not given: a saved job without it, or a blank field, gets this. */
    public static final boolean DEFAULT_SELF_TEST = true;

    /** force when it is not given: a saved job without it, or a blank field, gets this. */
    public static final boolean DEFAULT_FORCE = false;

    /** archiveKeys when it is not given: a saved job without it, or a blank field, gets this. */
    public static final boolean DEFAULT_ARCHIVE_KEYS = false;

    /** org when it is not given: a saved job without it, or a blank field, gets this. */
    public static final String DEFAULT_ORG = CertificateRequest.DEFAULT_ORGANIZATION;

    /** renewCa when it is not given: a saved job without it, or a blank field, gets this. */
    public static final boolean DEFAULT_RENEW_CA = false;

    /** renew when it is not given: a saved job without it, or a blank field, gets this. */
    public static final boolean DEFAULT_RENEW = false;

    /** renewBefore when it is not given: a saved job without it, or a blank field, gets this. */
    public static final int DEFAULT_RENEW_BEFORE = 0;

    /** caDays when it is not given: a saved job without it, or a blank field, gets this. */
    public static final int DEFAULT_CA_DAYS = CertificateRequest.DEFAULT_CA_DAYS;

    /** days when it is not given: a saved job without it, or a blank field, gets this. */
    public static final int DEFAULT_DAYS = CertificateRequest.DEFAULT_DAYS;

    /** keyAlgorithm when it is not given: a saved job without it, or a blank field, gets this. */
    public static final String DEFAULT_KEY_ALGORITHM = "rsa-2048";

    /** certsDir when it is not given: a saved job without it, or a blank field, gets this. */
    public static final String DEFAULT_CERTS_DIR = "mtls";

    private final String domain;
    private final String client;
    private String certsDir;
    private String keyAlgorithm;
    private Integer days;
    private Integer caDays;
    private Integer renewBefore;
    private Boolean renew;
    private Boolean renewCa;
    private String rotateCa;
    private String org;
    private String caCredentialsId;
    private Boolean archiveKeys;
    private Boolean force;
    private Boolean selfTest;

    @DataBoundConstructor
    public KymaMtlsCertsStep(String domain, String client) {
        this.domain = Forms.trimmed(domain);
        this.client = Forms.trimmed(client);
    }

    public String getDomain() {
        return domain;
    }

    public String getClient() {
        return client;
    }

    public String getCertsDir() {
        return certsDir == null ? DEFAULT_CERTS_DIR : certsDir;
    }

    @DataBoundSetter
    public void setCertsDir(String certsDir) {
        this.certsDir = Forms.trimmed(certsDir);
    }

    public String getKeyAlgorithm() {
        return keyAlgorithm == null ? DEFAULT_KEY_ALGORITHM : keyAlgorithm;
    }

    @DataBoundSetter
    public void setKeyAlgorithm(String keyAlgorithm) {
        this.keyAlgorithm = Forms.trimmed(keyAlgorithm);
    }

    public int getDays() {
        return days == null ? DEFAULT_DAYS : days;
    }

    @DataBoundSetter
    public void setDays(Integer days) {
        this.days = days;
    }

    public int getCaDays() {
        return caDays == null ? DEFAULT_CA_DAYS : caDays;
    }

    @DataBoundSetter
    public void setCaDays(Integer caDays) {
        this.caDays = caDays;
    }

    public int getRenewBefore() {
        return renewBefore == null ? DEFAULT_RENEW_BEFORE : renewBefore;
    }

    @DataBoundSetter
    public void setRenewBefore(Integer renewBefore) {
        this.renewBefore = renewBefore;
    }

    public boolean isRenew() {
        return renew == null ? DEFAULT_RENEW : renew;
    }

    @DataBoundSetter
    public void setRenew(Boolean renew) {
        this.renew = renew;
    }

    public boolean isRenewCa() {
        return renewCa == null ? DEFAULT_RENEW_CA : renewCa;
    }

    @DataBoundSetter
    public void setRenewCa(Boolean renewCa) {
        this.renewCa = renewCa;
    }

    public String getRotateCa() {
        return rotateCa;
    }

    @DataBoundSetter
    public void setRotateCa(String rotateCa) {
        this.rotateCa = Forms.trimmed(rotateCa);
    }

    public String getOrg() {
        return org == null ? DEFAULT_ORG : org;
    }

    @DataBoundSetter
    public void setOrg(String org) {
        this.org = Forms.trimmed(org);
    }

    public String getCaCredentialsId() {
        return caCredentialsId;
    }

    @DataBoundSetter
    public void setCaCredentialsId(String caCredentialsId) {
        this.caCredentialsId = Forms.trimmed(caCredentialsId);
    }

    public boolean isArchiveKeys() {
        return archiveKeys == null ? DEFAULT_ARCHIVE_KEYS : archiveKeys;
    }

    @DataBoundSetter
    public void setArchiveKeys(Boolean archiveKeys) {
        this.archiveKeys = archiveKeys;
    }

    public boolean isForce() {
        return force == null ? DEFAULT_FORCE : force;
    }

    @DataBoundSetter
    public void setForce(Boolean force) {
        this.force = force;
    }

    public boolean isSelfTest() {
        return selfTest == null ? DEFAULT_SELF_TEST : selfTest;
    }

    @DataBoundSetter
    public void setSelfTest(Boolean selfTest) {
        this.selfTest = selfTest;
    }

    @Override
    protected StepWork work(Run<?, ?> run, Text text) throws IOException {
        String caBundle = caCredentialsId == null ? null
                : KubeconfigCredentials.readCa(caCredentialsId, run, "caCredentialsId");
        return new CertsWork(this, text, caBundle, caCredentialsId);
    }

    @Override
    public CertificateRequest request(Workspace workspace, Text text, PemMaterial.Bundle authority) {
        CertificateRequest.Builder builder = CertificateRequest.builder(text.of(domain), text.of(client))
                .keyAlgorithm(KeyAlgorithm.parse("keyAlgorithm", text.of(getKeyAlgorithm())))
                .days(getDays())
                .caDays(getCaDays())
                .renewBefore(getRenewBefore())
                .renew(isRenew())
                .renewCa(isRenewCa())
                .rotateCa(CertificateRotation.Phase.parse("rotateCa", text.of(rotateCa)))
                .organization(text.of(getOrg()))
                .folder(workspace.certificates("certsDir", text.of(getCertsDir())))
                .force(isForce())
                .selfTest(isSelfTest());
        if (authority != null) {
            builder.authority(authority.certificatePem(), authority.keyPem());
        }
        return builder.build();
    }

    @Override
    public String describe(Text text) {
        return "kymaMtlsCerts for " + text.of(domain) + " and " + text.of(client) + " in " + text.of(getCertsDir());
    }

    /** renewBefore, where it is set, says when a certificate is due; otherwise 30 days. */
    @Override
    protected int warnDays() {
        return getRenewBefore() > 0 ? getRenewBefore() : super.warnDays();
    }

    /** The certificates are archived through the build's artifact manager; keys only when asked. */
    @Override
    protected void finish(Map<String, Object> result, Run<?, ?> run, FilePath workspace, Launcher launcher, TaskListener listener)
            throws IOException, InterruptedException {
        StepRunner.archive(result, isArchiveKeys(), run, workspace, launcher, listener);
    }

    @Extension
    public static final class DescriptorImpl extends KymaStepDescriptor {

        @Override
        public String getFunctionName() {
            return "kymaMtlsCerts";
        }

        @Override
        public String getDisplayName() {
            return Messages.KymaMtlsCertsStep_DisplayName();
        }

        @POST
        public FormValidation doCheckDomain(@AncestorInPath Item item,
                @QueryParameter String value) {
            return Forms.verdict(item, FieldChecks.domain(value));
        }

        @POST
        public FormValidation doCheckClient(@AncestorInPath Item item,
                @QueryParameter String value) {
            return Forms.verdict(item, FieldChecks.requiredClient(value));
        }

        @POST
        public FormValidation doCheckKeyAlgorithm(@AncestorInPath Item item,
                @QueryParameter String value) {
            return Forms.verdict(item, FieldChecks.keyAlgorithm(value));
        }

        @POST
        public FormValidation doCheckDays(@AncestorInPath Item item,
                @QueryParameter String value) {
            return Forms.verdict(item, FieldChecks.days(value));
        }

        @POST
        public FormValidation doCheckCaDays(@AncestorInPath Item item,
                @QueryParameter String value, @QueryParameter String days) {
            return Forms.verdict(item, FieldChecks.caDays(value, days));
        }

        @POST
        public FormValidation doCheckRenewBefore(@AncestorInPath Item item,
                @QueryParameter String value, @QueryParameter String days) {
            return Forms.verdict(item, FieldChecks.renewBefore(value, days));
        }

        @POST
        public FormValidation doCheckRotateCa(@AncestorInPath Item item,
                @QueryParameter String value) {
            return Forms.verdict(item, FieldChecks.rotateCa(value));
        }

        @POST
        public FormValidation doCheckOrg(@AncestorInPath Item item,
                @QueryParameter String value) {
            return Forms.verdict(item, FieldChecks.org(value));
        }

        @POST
        public ListBoxModel doFillCaCredentialsIdItems(@AncestorInPath Item item,
                @QueryParameter String caCredentialsId) {
            return KubeconfigCredentials.caChoices(item, caCredentialsId);
        }

        @POST
        public FormValidation doCheckCaCredentialsId(@AncestorInPath Item item,
                @QueryParameter String value) {
            return KubeconfigCredentials.checkCa(item, value);
        }
    }
}
