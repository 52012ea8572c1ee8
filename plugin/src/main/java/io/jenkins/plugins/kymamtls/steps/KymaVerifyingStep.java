package io.jenkins.plugins.kymamtls.steps;

import hudson.model.Item;
import hudson.util.FormValidation;
import io.jenkins.plugins.kymamtls.resources.Timeouts;
import org.kohsuke.stapler.AncestorInPath;
import org.kohsuke.stapler.DataBoundSetter;
import org.kohsuke.stapler.QueryParameter;
import org.kohsuke.stapler.verb.POST;

/** A cluster step that proves its result, and how long it retries the proof. */
abstract class KymaVerifyingStep extends KymaClusterStep {

    private int verifyTimeout = Timeouts.DEFAULT_VERIFY_SECONDS;

    KymaVerifyingStep(String credentialsId) {
        super(credentialsId);
    }

    public int getVerifyTimeout() {
        return verifyTimeout;
    }

    @DataBoundSetter
    public void setVerifyTimeout(int verifyTimeout) {
        this.verifyTimeout = verifyTimeout;
    }

    abstract static class VerifyingStepDescriptor extends ClusterStepDescriptor {

        @POST
        public FormValidation doCheckVerifyTimeout(@AncestorInPath Item item, @QueryParameter int value) {
            return Forms.verdict(item, FieldChecks.timeout("verifyTimeout", value));
        }
    }
}
