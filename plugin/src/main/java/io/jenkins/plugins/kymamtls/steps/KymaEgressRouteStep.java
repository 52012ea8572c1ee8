package io.jenkins.plugins.kymamtls.steps;

import io.jenkins.plugins.kymamtls.resources.EgressParameters;
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

/** {@code kymaEgressRoute}: Route egress through the Istio egress gateway with mTLS (Kyma client cluster). */
public final class KymaEgressRouteStep extends KymaVerifyingStep implements EgressSettings {

    /** curlImage when it is not given: a saved job without it, or a blank field, gets this. */
    static final String DEFAULT_CURL_IMAGE = EgressParameters.DEFAULT_CURL_IMAGE;

    /** accessLogging when it is not given: a saved job without it, or a blank field, gets this. */
    static final boolean DEFAULT_ACCESS_LOGGING = true;

    /** enableEgressGateway when it is not given: a saved job without it, or a blank field, gets this. */
    static final boolean DEFAULT_ENABLE_EGRESS_GATEWAY = true;

    /** curlWorkload when it is not given: a saved job without it, or a blank field, gets this. */
    static final boolean DEFAULT_CURL_WORKLOAD = true;

    /** certsDir when it is not given: a saved job without it, or a blank field, gets this. */
    static final String DEFAULT_CERTS_DIR = "mtls";

    private final String domain;
    private final String namespace;
    private String certsDir;
    private String client;
    private String caCert;
    private String clientCert;
    private String clientKey;
    private String secretName;
    private Boolean curlWorkload;
    private Boolean enableEgressGateway;
    private Boolean accessLogging;
    private String curlImage;

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
        return certsDir == null ? DEFAULT_CERTS_DIR : certsDir;
    }

    @DataBoundSetter
    public void setCertsDir(String certsDir) {
        this.certsDir = Forms.trimmed(certsDir);
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
        return curlWorkload == null ? DEFAULT_CURL_WORKLOAD : curlWorkload;
    }

    @DataBoundSetter
    public void setCurlWorkload(Boolean curlWorkload) {
        this.curlWorkload = curlWorkload;
    }

    @Override
    public boolean isEnableEgressGateway() {
        return enableEgressGateway == null ? DEFAULT_ENABLE_EGRESS_GATEWAY : enableEgressGateway;
    }

    @DataBoundSetter
    public void setEnableEgressGateway(Boolean enableEgressGateway) {
        this.enableEgressGateway = enableEgressGateway;
    }

    @Override
    public boolean isAccessLogging() {
        return accessLogging == null ? DEFAULT_ACCESS_LOGGING : accessLogging;
    }

    @DataBoundSetter
    public void setAccessLogging(Boolean accessLogging) {
        this.accessLogging = accessLogging;
    }

    @Override
    public String getCurlImage() {
        return curlImage == null ? DEFAULT_CURL_IMAGE : curlImage;
    }

    @DataBoundSetter
    public void setCurlImage(String curlImage) {
        this.curlImage = Forms.trimmed(curlImage);
    }

    @Override
    Map<String, Object> perform(Run<?, ?> run, FilePath workspace, EnvVars env, Launcher launcher,
                                TaskListener listener)
            throws IOException, InterruptedException {
        return EgressSettings.perform(this, run, workspace, env, launcher, listener);
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
