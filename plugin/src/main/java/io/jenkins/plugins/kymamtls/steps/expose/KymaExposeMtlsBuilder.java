package io.jenkins.plugins.kymamtls.steps.expose;

import io.jenkins.plugins.kymamtls.steps.KymaBuildStepDescriptor;
import io.jenkins.plugins.kymamtls.steps.KymaBuilder;
import io.jenkins.plugins.kymamtls.steps.Messages;
import hudson.Extension;
import java.util.Objects;
import org.kohsuke.stapler.DataBoundConstructor;

/**
 * The freestyle build step of {@code kymaExposeMtls}. It holds the pipeline step itself: its form
 * ({@code f:property}), checks, help and saved fields are the step's, so the two cannot drift.
 */
public final class KymaExposeMtlsBuilder extends KymaBuilder {

    private final KymaExposeMtlsStep step;

    @DataBoundConstructor
    public KymaExposeMtlsBuilder(KymaExposeMtlsStep step) {
        this.step = Objects.requireNonNull(step, "step");
    }

    @Override
    public KymaExposeMtlsStep getStep() {
        return step;
    }

    @Extension
    public static final class DescriptorImpl extends KymaBuildStepDescriptor {

        @Override
        public String getDisplayName() {
            return Messages.KymaExposeMtlsStep_DisplayName();
        }
    }
}
