package io.jenkins.plugins.kymamtls.steps.egress;

import io.jenkins.plugins.kymamtls.steps.FieldChecks;
import io.jenkins.plugins.kymamtls.steps.Forms;
import io.jenkins.plugins.kymamtls.steps.KubeconfigCredentials;
import io.jenkins.plugins.kymamtls.steps.KymaCertificateFilesStep;
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
import org.kohsuke.stapler.AncestorInPath;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;
import org.kohsuke.stapler.QueryParameter;
import org.kohsuke.stapler.verb.POST;

/** {@code kymaEgressRoute}: Route egress through the Istio egress gateway with mTLS (Kyma client cluster). */
public final class KymaEgressRouteStep extends KymaCertificateFilesStep implements EgressWork.Spec {

    /** curlImage when it is not given: a saved job without it, or a blank field, gets this. */
    public static final String DEFAULT_CURL_IMAGE = EgressParameters.DEFAULT_CURL_IMAGE;

    /** accessLogging when it is not given: a saved job without it, or a blank field, gets this. */
    public static final boolean DEFAULT_ACCESS_LOGGING = true;

    /** enableEgressGateway when it is not given: a saved job without it, or a blank field, gets this. */
    public static final boolean DEFAULT_ENABLE_EGRESS_GATEWAY = true;

    /** curlWorkload when it is not given: a saved job without it, or a blank field, gets this. */
    public static final boolean DEFAULT_CURL_WORKLOAD = true;

    private Boolean curlWorkload;
    private Boolean enableEgressGateway;
    private Boolean accessLogging;
    private String curlImage;

    @DataBoundConstructor
    public KymaEgressRouteStep(String credentialsId, String domain, String namespace) {
        super(credentialsId, domain, namespace);
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
        return EgressParameters.builder(text.of(getDomain()), text.of(getNamespace()), CertificateMaterial.fromFiles("client",
                        certs, text.of(getClient()), workspace.file("caCert", text.of(getCaCert())),
                        workspace.file("clientCert", text.of(getClientCert())),
                        workspace.file("clientKey", text.of(getClientKey()))))
                .secretName(text.of(getSecretName())).curlWorkload(isCurlWorkload())
                .enableEgressGateway(isEnableEgressGateway()).accessLogging(isAccessLogging())
                .curlImage(text.of(getCurlImage())).timeouts(timeouts()).build();
    }

    @Extension
    public static final class DescriptorImpl extends CertificateFilesStepDescriptor {

        @Override
        public String getFunctionName() {
            return "kymaEgressRoute";
        }

        @Override
        public String getDisplayName() {
            return Messages.KymaEgressRouteStep_DisplayName();
        }

        @POST
        public FormValidation doCheckCurlImage(@AncestorInPath Item item,
                @QueryParameter String value) {
            return Forms.verdict(item, FieldChecks.image("curlImage", value));
        }
    }
}
