package io.jenkins.plugins.kymamtls.steps;

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
public final class KymaMtlsCertsStep extends KymaStep implements CertsSettings {

    private final String domain;
    private final String client;
    private String certsDir = "mtls";
    private String keyAlgorithm = "rsa-2048";
    private int days = 365;
    private int caDays = 1825;
    private int renewBefore = 0;
    private boolean renew = false;
    private boolean renewCa = false;
    private String rotateCa;
    private String org = "example Inc.";
    private String caCredentialsId;
    private boolean archiveKeys = false;
    private boolean force = false;
    private boolean selfTest = true;

    @DataBoundConstructor
    public KymaMtlsCertsStep(String domain, String client) {
        this.domain = Forms.trimmed(domain);
        this.client = Forms.trimmed(client);
    }

    @Override
    public String getDomain() {
        return domain;
    }

    @Override
    public String getClient() {
        return client;
    }

    @Override
    public String getCertsDir() {
        return certsDir;
    }

    @DataBoundSetter
    public void setCertsDir(String certsDir) {
        String given = Forms.trimmed(certsDir);
        this.certsDir = given == null ? "mtls" : given;
    }

    @Override
    public String getKeyAlgorithm() {
        return keyAlgorithm;
    }

    @DataBoundSetter
    public void setKeyAlgorithm(String keyAlgorithm) {
        String given = Forms.trimmed(keyAlgorithm);
        this.keyAlgorithm = given == null ? "rsa-2048" : given;
    }

    @Override
    public int getDays() {
        return days;
    }

    @DataBoundSetter
    public void setDays(int days) {
        this.days = days;
    }

    @Override
    public int getCaDays() {
        return caDays;
    }

    @DataBoundSetter
    public void setCaDays(int caDays) {
        this.caDays = caDays;
    }

    @Override
    public int getRenewBefore() {
        return renewBefore;
    }

    @DataBoundSetter
    public void setRenewBefore(int renewBefore) {
        this.renewBefore = renewBefore;
    }

    @Override
    public boolean isRenew() {
        return renew;
    }

    @DataBoundSetter
    public void setRenew(boolean renew) {
        this.renew = renew;
    }

    @Override
    public boolean isRenewCa() {
        return renewCa;
    }

    @DataBoundSetter
    public void setRenewCa(boolean renewCa) {
        this.renewCa = renewCa;
    }

    @Override
    public String getRotateCa() {
        return rotateCa;
    }

    @DataBoundSetter
    public void setRotateCa(String rotateCa) {
        this.rotateCa = Forms.trimmed(rotateCa);
    }

    @Override
    public String getOrg() {
        return org;
    }

    @DataBoundSetter
    public void setOrg(String org) {
        String given = Forms.trimmed(org);
        this.org = given == null ? "example Inc." : given;
    }

    @Override
    public String getCaCredentialsId() {
        return caCredentialsId;
    }

    @DataBoundSetter
    public void setCaCredentialsId(String caCredentialsId) {
        String given = Forms.trimmed(caCredentialsId);
        this.caCredentialsId = given == null ? null : given;
    }

    @Override
    public boolean isArchiveKeys() {
        return archiveKeys;
    }

    @DataBoundSetter
    public void setArchiveKeys(boolean archiveKeys) {
        this.archiveKeys = archiveKeys;
    }

    @Override
    public boolean isForce() {
        return force;
    }

    @DataBoundSetter
    public void setForce(boolean force) {
        this.force = force;
    }

    @Override
    public boolean isSelfTest() {
        return selfTest;
    }

    @DataBoundSetter
    public void setSelfTest(boolean selfTest) {
        this.selfTest = selfTest;
    }

    @Override
    Map<String, Object> perform(Run<?, ?> run, FilePath workspace, Launcher launcher, TaskListener listener)
            throws IOException, InterruptedException {
        return CertsSettings.perform(this, run, workspace, launcher, listener);
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
                @QueryParameter int value) {
            return Forms.verdict(item, FieldChecks.days(value));
        }

        @POST
        public FormValidation doCheckCaDays(@AncestorInPath Item item,
                @QueryParameter int value, @QueryParameter int days) {
            return Forms.verdict(item, FieldChecks.caDays(value, days));
        }

        @POST
        public FormValidation doCheckRenewBefore(@AncestorInPath Item item,
                @QueryParameter int value, @QueryParameter int days) {
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
