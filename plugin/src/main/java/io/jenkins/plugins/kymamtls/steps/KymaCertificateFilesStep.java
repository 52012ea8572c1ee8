package io.jenkins.plugins.kymamtls.steps;

import hudson.model.Item;
import hudson.util.FormValidation;
import org.kohsuke.stapler.AncestorInPath;
import org.kohsuke.stapler.DataBoundSetter;
import org.kohsuke.stapler.QueryParameter;
import org.kohsuke.stapler.verb.POST;

/**
 * The fields {@code kymaExposeMtls} and {@code kymaEgressRoute} share: the host and the namespace, the
 * certificate files {@code kymaMtlsCerts} wrote (or given one by one) and the name of the Secret they
 * go into. Each step binds them as its own (structs and Stapler read the setters of the whole class).
 */
public abstract class KymaCertificateFilesStep extends KymaVerifyingStep {

    private static final long serialVersionUID = 1L;

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

    protected KymaCertificateFilesStep(String credentialsId, String domain, String namespace) {
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
        this.secretName = Forms.trimmed(secretName);
    }

    /** The checks of the shared fields, on both steps' descriptors. */
    public abstract static class CertificateFilesStepDescriptor extends VerifyingStepDescriptor {

        @POST
        public FormValidation doCheckDomain(@AncestorInPath Item item, @QueryParameter String value) {
            return Forms.verdict(item, FieldChecks.domain(value));
        }

        @POST
        public FormValidation doCheckNamespace(@AncestorInPath Item item, @QueryParameter String value) {
            return Forms.verdict(item, FieldChecks.namespace(value));
        }

        @POST
        public FormValidation doCheckClient(@AncestorInPath Item item, @QueryParameter String value) {
            return Forms.verdict(item, FieldChecks.client(value));
        }

        @POST
        public FormValidation doCheckSecretName(@AncestorInPath Item item, @QueryParameter String value) {
            return Forms.verdict(item, FieldChecks.name("secretName", value));
        }
    }
}
