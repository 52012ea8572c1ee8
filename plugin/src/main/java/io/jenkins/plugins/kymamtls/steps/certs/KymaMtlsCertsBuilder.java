package io.jenkins.plugins.kymamtls.steps.certs;

import io.jenkins.plugins.kymamtls.steps.KymaBuildStepDescriptor;
import io.jenkins.plugins.kymamtls.steps.KymaBuilder;
import io.jenkins.plugins.kymamtls.steps.Messages;
import hudson.Extension;
import java.util.Objects;
import org.kohsuke.stapler.DataBoundConstructor;

/**
 * The freestyle build step of {@code kymaMtlsCerts}. It holds the pipeline step itself: its form
 * ({@code f:property}), checks, help and saved fields are the step's, so the two cannot drift.
 */
public final class KymaMtlsCertsBuilder extends KymaBuilder {

    private final KymaMtlsCertsStep step;

    @DataBoundConstructor
    public KymaMtlsCertsBuilder(KymaMtlsCertsStep step) {
        this.step = Objects.requireNonNull(step, "step");
    }

    @Override
    public KymaMtlsCertsStep getStep() {
        return step;
    }

    @Extension
    public static final class DescriptorImpl extends KymaBuildStepDescriptor {

        @Override
        public String getDisplayName() {
            return Messages.KymaMtlsCertsStep_DisplayName();
        }
    }
}
