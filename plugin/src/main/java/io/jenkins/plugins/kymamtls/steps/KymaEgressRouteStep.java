package io.jenkins.plugins.kymamtls.steps;

import hudson.Extension;
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

/** {@code kymaEgressRoute}: Route egress through the Istio egress gateway with mTLS (Kyma client cluster). */
public final class KymaEgressRouteStep extends KymaVerifyingStep implements EgressSettings {

    private final String domain;
    private final String namespace;
    private String certsDir = "mtls";
    private String client;
    private String caCert;
    private String clientCert;
    private String clientKey;
    private String secretName;
    private boolean curlWorkload = true;
    private boolean enableEgressGateway = true;
    private boolean accessLogging = true;
    private String curlImage = "docker.io/curlimages/curl:8.11.1";

    @DataBoundConstructor
    public KymaEgressRouteStep(String credentialsId, String domain, String namespace) {
        super(credentialsId);
        this.domain = Forms.trimmed(domain);
        this.namespace = Forms.trimmed(namespace);
    }

    @Override
    public String getDomain() {
        return domain;
    }

    @Override
    public String getNamespace() {
        return namespace;
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
    public String getClient() {
        return client;
    }

    @DataBoundSetter
    public void setClient(String client) {
        String given = Forms.trimmed(client);
        this.client = given == null ? null : given;
    }

    @Override
    public String getCaCert() {
        return caCert;
    }

    @DataBoundSetter
    public void setCaCert(String caCert) {
        String given = Forms.trimmed(caCert);
        this.caCert = given == null ? null : given;
    }

    @Override
    public String getClientCert() {
        return clientCert;
    }

    @DataBoundSetter
    public void setClientCert(String clientCert) {
        String given = Forms.trimmed(clientCert);
        this.clientCert = given == null ? null : given;
    }

    @Override
    public String getClientKey() {
        return clientKey;
    }

    @DataBoundSetter
    public void setClientKey(String clientKey) {
        String given = Forms.trimmed(clientKey);
        this.clientKey = given == null ? null : given;
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
    public boolean isCurlWorkload() {
        return curlWorkload;
    }

    @DataBoundSetter
    public void setCurlWorkload(boolean curlWorkload) {
        this.curlWorkload = curlWorkload;
    }

    @Override
    public boolean isEnableEgressGateway() {
        return enableEgressGateway;
    }

    @DataBoundSetter
    public void setEnableEgressGateway(boolean enableEgressGateway) {
        this.enableEgressGateway = enableEgressGateway;
    }

    @Override
    public boolean isAccessLogging() {
        return accessLogging;
    }

    @DataBoundSetter
    public void setAccessLogging(boolean accessLogging) {
        this.accessLogging = accessLogging;
    }

    @Override
    public String getCurlImage() {
        return curlImage;
    }

    @DataBoundSetter
    public void setCurlImage(String curlImage) {
        String given = Forms.trimmed(curlImage);
        this.curlImage = given == null ? "docker.io/curlimages/curl:8.11.1" : given;
    }

    @Override
    Map<String, Object> perform(Run<?, ?> run, FilePath workspace, Launcher launcher, TaskListener listener)
            throws IOException, InterruptedException {
        return EgressSettings.perform(this, run, workspace, launcher, listener);
    }

    @Extension
    public static final class DescriptorImpl extends VerifyingStepDescriptor {

        @Override
        public String getFunctionName() {
            return "kymaEgressRoute";
        }

        @Override
        public String getDisplayName() {
            return Messages.KymaEgressRouteStep_DisplayName();
        }

        @POST
        public FormValidation doCheckDomain(@AncestorInPath Item item,
                @QueryParameter String value) {
            return Forms.verdict(item, FieldChecks.domain(value));
        }

        @POST
        public FormValidation doCheckNamespace(@AncestorInPath Item item,
                @QueryParameter String value) {
            return Forms.verdict(item, FieldChecks.namespace(value));
        }

        @POST
        public FormValidation doCheckClient(@AncestorInPath Item item,
                @QueryParameter String value) {
            return Forms.verdict(item, FieldChecks.client(value));
        }

        @POST
        public FormValidation doCheckSecretName(@AncestorInPath Item item,
                @QueryParameter String value) {
            return Forms.verdict(item, FieldChecks.name("secretName", value));
        }

        @POST
        public FormValidation doCheckCurlImage(@AncestorInPath Item item,
                @QueryParameter String value) {
            return Forms.verdict(item, FieldChecks.image("curlImage", value));
        }
    }
}
