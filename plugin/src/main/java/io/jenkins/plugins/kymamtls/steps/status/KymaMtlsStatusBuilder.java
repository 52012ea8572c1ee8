package io.jenkins.plugins.kymamtls.steps.status;

import io.jenkins.plugins.kymamtls.steps.KymaBuildStepDescriptor;
import io.jenkins.plugins.kymamtls.steps.KymaBuilder;
import io.jenkins.plugins.kymamtls.steps.Messages;
import io.jenkins.plugins.kymamtls.steps.StepLog;
import hudson.AbortException;
import hudson.Extension;
import hudson.model.TaskListener;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.kohsuke.stapler.DataBoundConstructor;

/**
 * The freestyle build step of {@code kymaMtlsStatus}. A freestyle job has no script to decide, so
 * this build step decides: a broken route fails the build, an expiring one is a warning in the log.
 */
public final class KymaMtlsStatusBuilder extends KymaBuilder {

    private final KymaMtlsStatusStep step;

    @DataBoundConstructor
    public KymaMtlsStatusBuilder(KymaMtlsStatusStep step) {
        this.step = Objects.requireNonNull(step, "step");
    }

    @Override
    public KymaMtlsStatusStep getStep() {
        return step;
    }

    /** A broken route fails the build; an expiring one is a warning in the log. */
    @Override
    protected void decide(Map<String, Object> status, TaskListener listener) throws AbortException {
        String broken = brokenLine(status);
        if (broken != null) {
            throw new AbortException(broken);
        }
        String warning = warningLine(status);
        if (warning != null) {
            listener.getLogger().println(warning);
        }
    }

    /** The line that fails the build when the route is broken; null otherwise. */
    static String brokenLine(Map<String, Object> status) {
        return "BROKEN".equals(status.get("health")) ? StepLog.PREFIX + "kymaMtlsStatus: the mTLS route is broken: "
                + String.join("; ", ((List<?>) status.get("failedChecks")).stream().map(String::valueOf).toList()) : null;
    }

    /** The warning for an expiring route; null otherwise. */
    static String warningLine(Map<String, Object> status) {
        return "EXPIRING".equals(status.get("health"))
                ? StepLog.PREFIX + "kymaMtlsStatus: WARNING: a certificate ends in " + status.get("expiresInDays") + " days; renew it (kymaMtlsCerts renewBefore) and run the cluster steps"
                + " again" : null;
    }

    @Extension
    public static final class DescriptorImpl extends KymaBuildStepDescriptor {

        @Override
        public String getDisplayName() {
            return Messages.KymaMtlsStatusStep_DisplayName();
        }
    }
}
