package io.jenkins.plugins.kymamtls.steps.cleanup;

import io.jenkins.plugins.kymamtls.steps.KymaBuildStepDescriptor;
import io.jenkins.plugins.kymamtls.steps.KymaBuilder;
import io.jenkins.plugins.kymamtls.steps.Messages;
import hudson.Extension;
import java.util.Objects;
import org.kohsuke.stapler.DataBoundConstructor;

/**
 * The freestyle build step of {@code kymaMtlsCleanup}. It holds the pipeline step itself: its form
 * ({@code f:property}), checks, help and saved fields are the step's, so the two cannot drift.
 */
public final class KymaMtlsCleanupBuilder extends KymaBuilder {

    private final KymaMtlsCleanupStep step;

    @DataBoundConstructor
    public KymaMtlsCleanupBuilder(KymaMtlsCleanupStep step) {
        this.step = Objects.requireNonNull(step, "step");
    }

    @Override
    public KymaMtlsCleanupStep getStep() {
        return step;
    }

    @Extension
    public static final class DescriptorImpl extends KymaBuildStepDescriptor {

        @Override
        public String getDisplayName() {
            return Messages.KymaMtlsCleanupStep_DisplayName();
        }
    }
}
