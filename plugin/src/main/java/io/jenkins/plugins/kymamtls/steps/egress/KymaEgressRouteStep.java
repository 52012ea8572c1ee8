package io.jenkins.plugins.kymamtls.steps.egress;

import io.jenkins.plugins.kymamtls.steps.FieldChecks;
import io.jenkins.plugins.kymamtls.steps.Forms;
import io.jenkins.plugins.kymamtls.steps.KubeconfigCredentials;
import io.jenkins.plugins.kymamtls.steps.KymaVerifyingStep;
import io.jenkins.plugins.kymamtls.steps.Messages;
import hudson.Extension;
import hudson.model.Item;
import hudson.model.Run;
import hudson.util.FormValidation;
import io.jenkins.plugins.kymamtls.certificates.CertificateFolder;
import io.jenkins.plugins.kymamtls.resources.CertificateMaterial;
import io.jenkins.plugins.kymamtls.resources.EgressParameters;
import io.jenkins.plugins.kymamtls.work.StepWork;
import io.jenkins.plugins.kymamtls.work.Text;
import io.jenkins.plugins.kymamtls.work.Workspace;
import java.io.IOException;
import java.nio.file.Path;
import org.kohsuke.stapler.AncestorInPath;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;
import org.kohsuke.stapler.QueryParameter;
import org.kohsuke.stapler.verb.POST;

/** {@code kymaEgressRoute}: Route egress through the Istio egress gateway with mTLS (Kyma client cluster). */
public final class KymaEgressRouteStep extends KymaVerifyingStep implements EgressWork.Spec {

    /** curlImage when it is not given: a saved job without it, or a blank field, gets this. */
    public static final String DEFAULT_CURL_IMAGE = EgressParameters.DEFAULT_CURL_IMAGE;

    /** accessLogging when it is not given: a saved job without it, or a blank field, gets this. */
    public static final boolean DEFAULT_ACCESS_LOGGING = true;

    /** enableEgressGateway when it is not given: a saved job without it, or a blank field, gets this. */
    public static final boolean DEFAULT_ENABLE_EGRESS_GATEWAY = true;

    /** curlWorkload when it is not given: a saved job without it, or a blank field, gets this. */
    public static final boolean DEFAULT_CURL_WORKLOAD = true;

    /** certsDir when it is not given: a saved job without it, or a blank field, gets this. */
    public static final String DEFAULT_CERTS_DIR = "mtls";

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

    public String getDomain() {
        return domain;
    }

    public String getNamespace() {
        return namespace;
    }

    public String getCertsDir() {
        return certsDir == null ? DEFAULT_CERTS_DIR : certsDir;
    }

    @DataBoundSetter
    public void setCertsDir(String certsDir) {
        this.certsDir = Forms.trimmed(certsDir);
    }

    public String getClient() {
        return client;
    }

    @DataBoundSetter
    public void setClient(String client) {
        this.client = Forms.trimmed(client);
    }

    public String getCaCert() {
        return caCert;
    }

    @DataBoundSetter
    public void setCaCert(String caCert) {
        this.caCert = Forms.trimmed(caCert);
    }

    public String getClientCert() {
        return clientCert;
    }

    @DataBoundSetter
    public void setClientCert(String clientCert) {
        this.clientCert = Forms.trimmed(clientCert);
    }

    public String getClientKey() {
        return clientKey;
    }

    @DataBoundSetter
    public void setClientKey(String clientKey) {
        this.clientKey = Forms.trimmed(clientKey);
    }

    public String getSecretName() {
        return secretName;
    }

    @DataBoundSetter
    public void setSecretName(String secretName) {
        String given = Forms.trimmed(secretName);
        this.secretName = given;
    }

    public boolean isCurlWorkload() {
        return curlWorkload == null ? DEFAULT_CURL_WORKLOAD : curlWorkload;
    }

    @DataBoundSetter
    public void setCurlWorkload(Boolean curlWorkload) {
        this.curlWorkload = curlWorkload;
    }

    public boolean isEnableEgressGateway() {
        return enableEgressGateway == null ? DEFAULT_ENABLE_EGRESS_GATEWAY : enableEgressGateway;
    }

    @DataBoundSetter
    public void setEnableEgressGateway(Boolean enableEgressGateway) {
        this.enableEgressGateway = enableEgressGateway;
    }

    public boolean isAccessLogging() {
        return accessLogging == null ? DEFAULT_ACCESS_LOGGING : accessLogging;
    }

    @DataBoundSetter
    public void setAccessLogging(Boolean accessLogging) {
        this.accessLogging = accessLogging;
    }

    public String getCurlImage() {
        return curlImage == null ? DEFAULT_CURL_IMAGE : curlImage;
    }

    @DataBoundSetter
    public void setCurlImage(String curlImage) {
        this.curlImage = Forms.trimmed(curlImage);
    }

    @Override
    protected StepWork work(Run<?, ?> run, Text text) throws IOException {
        return new EgressWork(this, text, KubeconfigCredentials.read(getCredentialsId(), run, "credentialsId"));
    }

    @Override
    public EgressParameters parameters(Workspace workspace, Text text) {
        CertificateFolder certs = workspace.certificates("certsDir", text.of(getCertsDir()));
        return EgressParameters.builder(text.of(domain), text.of(namespace), CertificateMaterial.fromFiles("client",
                        certs, text.of(client), workspace.file("caCert", text.of(caCert)),
                        workspace.file("clientCert", text.of(clientCert)),
                        workspace.file("clientKey", text.of(clientKey))))
                .secretName(text.of(secretName)).curlWorkload(isCurlWorkload())
                .enableEgressGateway(isEnableEgressGateway()).accessLogging(isAccessLogging())
                .curlImage(text.of(getCurlImage())).timeouts(timeouts()).build();
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
