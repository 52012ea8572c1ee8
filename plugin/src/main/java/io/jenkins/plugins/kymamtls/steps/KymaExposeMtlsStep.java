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

/** {@code kymaExposeMtls}: Expose a workload with mutual TLS (Kyma target cluster). */
public final class KymaExposeMtlsStep extends KymaVerifyingStep implements ExposeSettings {

    private final String domain;
    private final String namespace;
    private String certsDir = "mtls";
    private String client;
    private String caCert;
    private String serverCert;
    private String serverKey;
    private String clientCert;
    private String clientKey;
    private boolean workload = true;
    private String serviceName = "httpbin";
    private int servicePort = 8000;
    private String gatewayName = "kyma-mtls-gateway";
    private String secretName;
    private String apiRuleName = "httpbin";
    private String methods = "GET";
    private String path = "/*";
    private String resolve;
    private String httpbinImage = "docker.io/mccutchen/go-httpbin:v2.15.0";

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
        return workload;
    }

    @DataBoundSetter
    public void setWorkload(boolean workload) {
        this.workload = workload;
    }

    @Override
    public String getServiceName() {
        return serviceName;
    }

    @DataBoundSetter
    public void setServiceName(String serviceName) {
        String given = Forms.trimmed(serviceName);
        this.serviceName = given == null ? "httpbin" : given;
    }

    @Override
    public int getServicePort() {
        return servicePort;
    }

    @DataBoundSetter
    public void setServicePort(int servicePort) {
        this.servicePort = servicePort;
    }

    @Override
    public String getGatewayName() {
        return gatewayName;
    }

    @DataBoundSetter
    public void setGatewayName(String gatewayName) {
        String given = Forms.trimmed(gatewayName);
        this.gatewayName = given == null ? "kyma-mtls-gateway" : given;
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
        return apiRuleName;
    }

    @DataBoundSetter
    public void setApiRuleName(String apiRuleName) {
        String given = Forms.trimmed(apiRuleName);
        this.apiRuleName = given == null ? "httpbin" : given;
    }

    @Override
    public String getMethods() {
        return methods;
    }

    @DataBoundSetter
    public void setMethods(String methods) {
        String given = Forms.trimmed(methods);
        this.methods = given == null ? "GET" : given;
    }

    @Override
    public String getPath() {
        return path;
    }

    @DataBoundSetter
    public void setPath(String path) {
        String given = Forms.trimmed(path);
        this.path = given == null ? "/*" : given;
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
        return httpbinImage;
    }

    @DataBoundSetter
    public void setHttpbinImage(String httpbinImage) {
        String given = Forms.trimmed(httpbinImage);
        this.httpbinImage = given == null ? "docker.io/mccutchen/go-httpbin:v2.15.0" : given;
    }

    @Override
    Map<String, Object> perform(Run<?, ?> run, FilePath workspace, Launcher launcher, TaskListener listener)
            throws IOException, InterruptedException {
        return ExposeSettings.perform(this, run, workspace, launcher, listener);
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
                @QueryParameter int value) {
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
