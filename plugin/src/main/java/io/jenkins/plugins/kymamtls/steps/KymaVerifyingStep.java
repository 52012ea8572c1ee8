package io.jenkins.plugins.kymamtls.steps;

import hudson.model.Item;
import hudson.util.FormValidation;
import io.jenkins.plugins.kymamtls.resources.Timeouts;
import org.kohsuke.stapler.AncestorInPath;
import org.kohsuke.stapler.DataBoundSetter;
import org.kohsuke.stapler.QueryParameter;
import org.kohsuke.stapler.verb.POST;

/** A cluster step that proves its result, and how long it retries the proof. */
public abstract class KymaVerifyingStep extends KymaClusterStep {

    private static final long serialVersionUID = 1L;

    /** verifyTimeout when it is not given: a saved job without it, or a blank field, gets this. */
    static final int DEFAULT_VERIFY_TIMEOUT = Timeouts.DEFAULT_VERIFY_SECONDS;

    private Integer verifyTimeout;

    protected KymaVerifyingStep(String credentialsId) {
        super(credentialsId);
    }

    public int getVerifyTimeout() {
        return verifyTimeout == null ? DEFAULT_VERIFY_TIMEOUT : verifyTimeout;
    }

    @DataBoundSetter
    public void setVerifyTimeout(Integer verifyTimeout) {
        this.verifyTimeout = verifyTimeout;
    }

    /** How long to wait for resources and to retry the proof, checked. */
    protected Timeouts timeouts() {
        return Timeouts.ofSeconds(getReadyTimeout(), getVerifyTimeout());
    }

    public abstract static class VerifyingStepDescriptor extends ClusterStepDescriptor {

        @POST
        public FormValidation doCheckVerifyTimeout(@AncestorInPath Item item, @QueryParameter String value) {
            return Forms.verdict(item, FieldChecks.timeout("verifyTimeout", value));
        }
    }
}
