package io.jenkins.plugins.kymamtls.steps;

import io.jenkins.plugins.kymamtls.resources.ExposeParameters;
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

/** {@code kymaExposeMtls}: Expose a workload with mutual TLS (Kyma target cluster). */
public final class KymaExposeMtlsStep extends KymaVerifyingStep implements ExposeSettings {

    /** httpbinImage when it is not given: a saved job without it, or a blank field, gets this. */
    static final String DEFAULT_HTTPBIN_IMAGE = ExposeParameters.DEFAULT_HTTPBIN_IMAGE;

    /** path when it is not given: a saved job without it, or a blank field, gets this. */
    static final String DEFAULT_PATH = ExposeParameters.DEFAULT_PATH;

    /** methods when it is not given: a saved job without it, or a blank field, gets this. */
    static final String DEFAULT_METHODS = ExposeParameters.DEFAULT_METHODS;

    /** apiRuleName when it is not given: a saved job without it, or a blank field, gets this. */
    static final String DEFAULT_API_RULE_NAME = ExposeParameters.DEFAULT_API_RULE;

    /** gatewayName when it is not given: a saved job without it, or a blank field, gets this. */
    static final String DEFAULT_GATEWAY_NAME = ExposeParameters.DEFAULT_GATEWAY;

    /** servicePort when it is not given: a saved job without it, or a blank field, gets this. */
    static final int DEFAULT_SERVICE_PORT = ExposeParameters.DEFAULT_SERVICE_PORT;

    /** serviceName when it is not given: a saved job without it, or a blank field, gets this. */
    static final String DEFAULT_SERVICE_NAME = ExposeParameters.DEFAULT_SERVICE;

    /** workload when it is not given: a saved job without it, or a blank field, gets this. */
    static final boolean DEFAULT_WORKLOAD = true;

    /** certsDir when it is not given: a saved job without it, or a blank field, gets this. */
    static final String DEFAULT_CERTS_DIR = "mtls";

    private final String domain;
    private final String namespace;
    private String certsDir;
    private String client;
    private String caCert;
    private String serverCert;
    private String serverKey;
    private String clientCert;
    private String clientKey;
    private Boolean workload;
    private String serviceName;
    private Integer servicePort;
    private String gatewayName;
    private String secretName;
    private String apiRuleName;
    private String methods;
    private String path;
    private String resolve;
    private String httpbinImage;

    @DataBoundConstructor
    public KymaExposeMtlsStep(String credentialsId, String domain, String namespace) {
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
    public String getServerCert() {
        return serverCert;
    }

    @DataBoundSetter
    public void setServerCert(String serverCert) {
        String given = Forms.trimmed(serverCert);
        this.serverCert = given == null ? null : given;
    }

    @Override
    public String getServerKey() {
        return serverKey;
    }

    @DataBoundSetter
    public void setServerKey(String serverKey) {
        String given = Forms.trimmed(serverKey);
        this.serverKey = given == null ? null : given;
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
    public boolean isWorkload() {
        return workload == null ? DEFAULT_WORKLOAD : workload;
    }

    @DataBoundSetter
    public void setWorkload(Boolean workload) {
        this.workload = workload;
    }

    @Override
    public String getServiceName() {
        return serviceName == null ? DEFAULT_SERVICE_NAME : serviceName;
    }

    @DataBoundSetter
    public void setServiceName(String serviceName) {
        this.serviceName = Forms.trimmed(serviceName);
    }

    @Override
    public int getServicePort() {
        return servicePort == null ? DEFAULT_SERVICE_PORT : servicePort;
    }

    @DataBoundSetter
    public void setServicePort(Integer servicePort) {
        this.servicePort = servicePort;
    }

    @Override
    public String getGatewayName() {
        return gatewayName == null ? DEFAULT_GATEWAY_NAME : gatewayName;
    }

    @DataBoundSetter
    public void setGatewayName(String gatewayName) {
        this.gatewayName = Forms.trimmed(gatewayName);
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
    public String getApiRuleName() {
        return apiRuleName == null ? DEFAULT_API_RULE_NAME : apiRuleName;
    }

    @DataBoundSetter
    public void setApiRuleName(String apiRuleName) {
        this.apiRuleName = Forms.trimmed(apiRuleName);
    }

    @Override
    public String getMethods() {
        return methods == null ? DEFAULT_METHODS : methods;
    }

    @DataBoundSetter
    public void setMethods(String methods) {
        this.methods = Forms.trimmed(methods);
    }

    @Override
    public String getPath() {
        return path == null ? DEFAULT_PATH : path;
    }

    @DataBoundSetter
    public void setPath(String path) {
        this.path = Forms.trimmed(path);
    }

    @Override
    public String getResolve() {
        return resolve;
    }

    @DataBoundSetter
    public void setResolve(String resolve) {
        String given = Forms.trimmed(resolve);
        this.resolve = given == null ? null : given;
    }

    @Override
    public String getHttpbinImage() {
        return httpbinImage == null ? DEFAULT_HTTPBIN_IMAGE : httpbinImage;
    }

    @DataBoundSetter
    public void setHttpbinImage(String httpbinImage) {
        this.httpbinImage = Forms.trimmed(httpbinImage);
    }

    @Override
    Map<String, Object> perform(Run<?, ?> run, FilePath workspace, EnvVars env, Launcher launcher,
                                TaskListener listener)
            throws IOException, InterruptedException {
        return ExposeSettings.perform(this, run, workspace, env, launcher, listener);
    }

    @Extension
    public static final class DescriptorImpl extends VerifyingStepDescriptor {

        @Override
        public String getFunctionName() {
            return "kymaExposeMtls";
        }

        @Override
        public String getDisplayName() {
            return Messages.KymaExposeMtlsStep_DisplayName();
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
        public FormValidation doCheckSecretName(@AncestorInPath Item item,
                @QueryParameter String value) {
            return Forms.verdict(item, FieldChecks.name("secretName", value));
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
