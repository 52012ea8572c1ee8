package io.jenkins.plugins.kymamtls.steps;

import hudson.Extension;
import hudson.FilePath;
import hudson.Launcher;
import hudson.model.Item;
import hudson.model.Run;
import hudson.model.TaskListener;
import hudson.util.FormValidation;
import hudson.util.ListBoxModel;
import io.jenkins.plugins.kymamtls.resources.Timeouts;
import java.util.Map;
import java.util.Set;
import org.jenkinsci.plugins.workflow.steps.Step;
import org.jenkinsci.plugins.workflow.steps.StepContext;
import org.jenkinsci.plugins.workflow.steps.StepDescriptor;
import org.jenkinsci.plugins.workflow.steps.StepExecution;
import org.jenkinsci.plugins.workflow.steps.SynchronousNonBlockingStepExecution;
import org.kohsuke.stapler.AncestorInPath;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;
import org.kohsuke.stapler.QueryParameter;
import org.kohsuke.stapler.verb.POST;

/** {@code kymaEgressRoute}: Route egress through the Istio egress gateway with mTLS (Kyma client cluster). */
public final class KymaEgressRouteStep extends Step implements EgressSettings {


    private final String credentialsId;
    private String context;
    private final String domain;
    private final String namespace;
    private String certsDir = "mtls";
    private String client;
    private String caCert;
    private String clientCert;
    private String clientKey;
    private String secretName = "client-credential";
    private boolean curlWorkload = true;
    private boolean enableEgressGateway = true;
    private boolean accessLogging = true;
    private String curlImage = "docker.io/curlimages/curl:8.11.1";
    private int readyTimeout = Timeouts.DEFAULT_READY_SECONDS;
    private int verifyTimeout = Timeouts.DEFAULT_VERIFY_SECONDS;

    @DataBoundConstructor
    public KymaEgressRouteStep(String credentialsId, String domain, String namespace) {
        this.credentialsId = Forms.trimmed(credentialsId);
        this.domain = Forms.trimmed(domain);
        this.namespace = Forms.trimmed(namespace);
    }

    @Override
    public String getCredentialsId() {
        return credentialsId;
    }

    @Override
    public String getContext() {
        return context;
    }

    @DataBoundSetter
    public void setContext(String context) {
        String given = Forms.trimmed(context);
        this.context = given == null ? null : given;
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
        this.secretName = given == null ? "client-credential" : given;
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
    public int getReadyTimeout() {
        return readyTimeout;
    }

    @DataBoundSetter
    public void setReadyTimeout(int readyTimeout) {
        this.readyTimeout = readyTimeout;
    }

    @Override
    public int getVerifyTimeout() {
        return verifyTimeout;
    }

    @DataBoundSetter
    public void setVerifyTimeout(int verifyTimeout) {
        this.verifyTimeout = verifyTimeout;
    }

    @Override
    public StepExecution start(StepContext context) {
        return new Execution(this, context);
    }

    /** Off the pipeline thread: credentials, files and the network are all touched in {@link #run()}. */
    static final class Execution extends SynchronousNonBlockingStepExecution<Map<String, Object>> {

        private static final long serialVersionUID = 1L;

        private final transient KymaEgressRouteStep step;

        Execution(KymaEgressRouteStep step, StepContext context) {
            super(context);
            this.step = step;
        }

        @Override
        protected Map<String, Object> run() throws Exception {
            StepContext context = getContext();
            return EgressSettings.perform(step, context.get(Run.class), context.get(FilePath.class),
                    context.get(Launcher.class), context.get(TaskListener.class));
        }
    }

    @Extension
    public static final class DescriptorImpl extends StepDescriptor {

        @Override
        public String getFunctionName() {
            return "kymaEgressRoute";
        }

        @Override
        public String getDisplayName() {
            return Messages.KymaEgressRouteStep_DisplayName();
        }

        @Override
        public Set<? extends Class<?>> getRequiredContext() {
            return Set.of(Run.class, FilePath.class, Launcher.class, TaskListener.class);
        }

        @POST
        public ListBoxModel doFillCredentialsIdItems(@AncestorInPath Item item,
                @QueryParameter String credentialsId) {
            return KubeconfigCredentials.choices(item, credentialsId);
        }

        @POST
        public FormValidation doCheckCredentialsId(@AncestorInPath Item item,
                @QueryParameter String value) {
            return KubeconfigCredentials.check(item, value, true);
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

        @POST
        public FormValidation doCheckReadyTimeout(@AncestorInPath Item item,
                @QueryParameter int value) {
            return Forms.verdict(item, FieldChecks.timeout("readyTimeout", value));
        }

        @POST
        public FormValidation doCheckVerifyTimeout(@AncestorInPath Item item,
                @QueryParameter int value) {
            return Forms.verdict(item, FieldChecks.timeout("verifyTimeout", value));
        }
    }
}
