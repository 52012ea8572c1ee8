package io.jenkins.plugins.kymamtls.steps;

import hudson.model.Item;
import hudson.util.FormValidation;
import hudson.util.ListBoxModel;
import io.jenkins.plugins.kymamtls.resources.Timeouts;
import io.jenkins.plugins.kymamtls.work.ClusterWork;
import org.kohsuke.stapler.AncestorInPath;
import org.kohsuke.stapler.DataBoundSetter;
import org.kohsuke.stapler.QueryParameter;
import org.kohsuke.stapler.verb.POST;

/** A step that talks to a cluster: the kubeconfig credential, its context, and how long to wait for resources. */
public abstract class KymaClusterStep extends KymaStep implements ClusterWork.Spec {

    private static final long serialVersionUID = 1L;

    /** readyTimeout when it is not given: a saved job without it, or a blank field, gets this. */
    static final int DEFAULT_READY_TIMEOUT = Timeouts.DEFAULT_READY_SECONDS;

    private final String credentialsId;
    private String context;
    private Integer readyTimeout;

    protected KymaClusterStep(String credentialsId) {
        this.credentialsId = Forms.trimmed(credentialsId);
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
        this.context = Forms.trimmed(context);
    }

    @Override
    public int getReadyTimeout() {
        return readyTimeout == null ? DEFAULT_READY_TIMEOUT : readyTimeout;
    }

    @DataBoundSetter
    public void setReadyTimeout(Integer readyTimeout) {
        this.readyTimeout = readyTimeout;
    }

    /** The form answers for the fields every cluster step has. */
    public abstract static class ClusterStepDescriptor extends KymaStepDescriptor {

        @POST
        public ListBoxModel doFillCredentialsIdItems(@AncestorInPath Item item, @QueryParameter String credentialsId) {
            return KubeconfigCredentials.choices(item, credentialsId);
        }

        @POST
        public FormValidation doCheckCredentialsId(@AncestorInPath Item item, @QueryParameter String value) {
            return KubeconfigCredentials.check(item, value, true);
        }

        @POST
        public FormValidation doCheckReadyTimeout(@AncestorInPath Item item, @QueryParameter String value) {
            return Forms.verdict(item, FieldChecks.timeout("readyTimeout", value));
        }
    }
}
