package io.jenkins.plugins.kymamtls.steps.expose;

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
import io.jenkins.plugins.kymamtls.resources.ClientIdentity;
import io.jenkins.plugins.kymamtls.resources.ExposeParameters;
import io.jenkins.plugins.kymamtls.work.StepWork;
import io.jenkins.plugins.kymamtls.work.Text;
import io.jenkins.plugins.kymamtls.work.Workspace;
import java.io.IOException;
import org.kohsuke.stapler.AncestorInPath;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;
import org.kohsuke.stapler.QueryParameter;
import org.kohsuke.stapler.verb.POST;

/** {@code kymaExposeMtls}: Expose a workload with mutual TLS (Kyma target cluster). */
public final class KymaExposeMtlsStep extends KymaCertificateFilesStep implements ExposeWork.Spec {

    /** httpbinImage when it is not given: a saved job without it, or a blank field, gets this. */
    public static final String DEFAULT_HTTPBIN_IMAGE = ExposeParameters.DEFAULT_HTTPBIN_IMAGE;

    /** path when it is not given: a saved job without it, or a blank field, gets this. */
    public static final String DEFAULT_PATH = ExposeParameters.DEFAULT_PATH;

    /** methods when it is not given: a saved job without it, or a blank field, gets this. */
    public static final String DEFAULT_METHODS = ExposeParameters.DEFAULT_METHODS;

    /** apiRuleName when it is not given: a saved job without it, or a blank field, gets this. */
    public static final String DEFAULT_API_RULE_NAME = ExposeParameters.DEFAULT_API_RULE;

    /** gatewayName when it is not given: a saved job without it, or a blank field, gets this. */
    public static final String DEFAULT_GATEWAY_NAME = ExposeParameters.DEFAULT_GATEWAY;

    /** servicePort when it is not given: a saved job without it, or a blank field, gets this. */
    public static final int DEFAULT_SERVICE_PORT = ExposeParameters.DEFAULT_SERVICE_PORT;

    /** serviceName when it is not given: a saved job without it, or a blank field, gets this. */
    public static final String DEFAULT_SERVICE_NAME = ExposeParameters.DEFAULT_SERVICE;

    /** workload when it is not given: a saved job without it, or a blank field, gets this. */
    public static final boolean DEFAULT_WORKLOAD = true;

    private String serverCert;
    private String serverKey;
    private Boolean workload;
    private String serviceName;
    private Integer servicePort;
    private String gatewayName;
    private String apiRuleName;
    private String methods;
    private String path;
    private String resolve;
    private String httpbinImage;

    @DataBoundConstructor
    public KymaExposeMtlsStep(String credentialsId, String domain, String namespace) {
        super(credentialsId, domain, namespace);
    }

    public String getServerCert() {
        return serverCert;
    }

    @DataBoundSetter
    public void setServerCert(String serverCert) {
        this.serverCert = Forms.trimmed(serverCert);
    }

    public String getServerKey() {
        return serverKey;
    }

    @DataBoundSetter
    public void setServerKey(String serverKey) {
        this.serverKey = Forms.trimmed(serverKey);
    }

    public boolean isWorkload() {
        return workload == null ? DEFAULT_WORKLOAD : workload;
    }

    @DataBoundSetter
    public void setWorkload(Boolean workload) {
        this.workload = workload;
    }

    public String getServiceName() {
        return serviceName == null ? DEFAULT_SERVICE_NAME : serviceName;
    }

    @DataBoundSetter
    public void setServiceName(String serviceName) {
        this.serviceName = Forms.trimmed(serviceName);
    }

    public int getServicePort() {
        return servicePort == null ? DEFAULT_SERVICE_PORT : servicePort;
    }

    @DataBoundSetter
    public void setServicePort(Integer servicePort) {
        this.servicePort = servicePort;
    }

    public String getGatewayName() {
        return gatewayName == null ? DEFAULT_GATEWAY_NAME : gatewayName;
    }

    @DataBoundSetter
    public void setGatewayName(String gatewayName) {
        this.gatewayName = Forms.trimmed(gatewayName);
    }

    public String getApiRuleName() {
        return apiRuleName == null ? DEFAULT_API_RULE_NAME : apiRuleName;
    }

    @DataBoundSetter
    public void setApiRuleName(String apiRuleName) {
        this.apiRuleName = Forms.trimmed(apiRuleName);
    }

    public String getMethods() {
        return methods == null ? DEFAULT_METHODS : methods;
    }

    @DataBoundSetter
    public void setMethods(String methods) {
        this.methods = Forms.trimmed(methods);
    }

    public String getPath() {
        return path == null ? DEFAULT_PATH : path;
    }

    @DataBoundSetter
    public void setPath(String path) {
        this.path = Forms.trimmed(path);
    }

    public String getResolve() {
        return resolve;
    }

    @DataBoundSetter
    public void setResolve(String resolve) {
        this.resolve = Forms.trimmed(resolve);
    }

    public String getHttpbinImage() {
        return httpbinImage == null ? DEFAULT_HTTPBIN_IMAGE : httpbinImage;
    }

    @DataBoundSetter
    public void setHttpbinImage(String httpbinImage) {
        this.httpbinImage = Forms.trimmed(httpbinImage);
    }

    @Override
    protected StepWork work(Run<?, ?> run, Text text) throws IOException {
        return new ExposeWork(this, text, KubeconfigCredentials.read(getCredentialsId(), run, "credentialsId"));
    }

    @Override
    public ExposeParameters parameters(Workspace workspace, Text text) {
        String host = text.of(getDomain());
        CertificateFolder certs = workspace.certificates("certsDir", text.of(getCertsDir()));
        return ExposeParameters.builder(host, text.of(getNamespace()), CertificateMaterial.fromFiles("server", certs, host,
                        workspace.file("caCert", text.of(getCaCert())),
                        workspace.file("serverCert", text.of(serverCert)),
                        workspace.file("serverKey", text.of(serverKey))))
                .workload(isWorkload()).serviceName(text.of(getServiceName())).servicePort(getServicePort())
                .gatewayName(text.of(getGatewayName())).secretName(text.of(getSecretName()))
                .apiRuleName(text.of(getApiRuleName())).methods(text.of(getMethods())).path(text.of(getPath()))
                .resolve(text.of(resolve)).httpbinImage(text.of(getHttpbinImage())).timeouts(timeouts()).build();
    }

    @Override
    public ClientIdentity verifier(Workspace workspace, Text text) {
        return ClientIdentity.fromFiles(workspace.certificates("certsDir", text.of(getCertsDir())),
                text.of(getClient()),
                workspace.file("caCert", text.of(getCaCert())),
                workspace.file("clientCert", text.of(getClientCert())),
                workspace.file("clientKey", text.of(getClientKey())));
    }

    @Extension
    public static final class DescriptorImpl extends CertificateFilesStepDescriptor {

        @Override
        public String getFunctionName() {
            return "kymaExposeMtls";
        }

        @Override
        public String getDisplayName() {
            return Messages.KymaExposeMtlsStep_DisplayName();
        }

        @POST
        public FormValidation doCheckServiceName(@AncestorInPath Item item,
                @QueryParameter String value) {
            return Forms.verdict(item, FieldChecks.name("serviceName", value));
        }

        @POST
        public FormValidation doCheckServicePort(@AncestorInPath Item item,
                @QueryParameter String value) {
            return Forms.verdict(item, FieldChecks.port("servicePort", value));
        }

        @POST
        public FormValidation doCheckGatewayName(@AncestorInPath Item item,
                @QueryParameter String value) {
            return Forms.verdict(item, FieldChecks.name("gatewayName", value));
        }

        @POST
        public FormValidation doCheckApiRuleName(@AncestorInPath Item item,
                @QueryParameter String value) {
            return Forms.verdict(item, FieldChecks.name("apiRuleName", value));
        }

        @POST
        public FormValidation doCheckMethods(@AncestorInPath Item item,
                @QueryParameter String value) {
            return Forms.verdict(item, FieldChecks.methods(value));
        }

        @POST
        public FormValidation doCheckPath(@AncestorInPath Item item,
                @QueryParameter String value) {
            return Forms.verdict(item, FieldChecks.path(value));
        }

        @POST
        public FormValidation doCheckResolve(@AncestorInPath Item item,
                @QueryParameter String value) {
            return Forms.verdict(item, FieldChecks.ipv4("resolve", value));
        }

        @POST
        public FormValidation doCheckHttpbinImage(@AncestorInPath Item item,
                @QueryParameter String value) {
            return Forms.verdict(item, FieldChecks.image("httpbinImage", value));
        }
    }
}
