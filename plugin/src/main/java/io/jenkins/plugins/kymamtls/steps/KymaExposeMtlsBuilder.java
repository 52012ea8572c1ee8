package io.jenkins.plugins.kymamtls.steps;

import hudson.EnvVars;
import hudson.Extension;
import hudson.FilePath;
import hudson.Launcher;
import hudson.model.Run;
import hudson.model.TaskListener;
import hudson.tasks.Builder;
import java.io.IOException;
import java.util.Objects;
import jenkins.tasks.SimpleBuildStep;
import org.kohsuke.stapler.DataBoundConstructor;

/**
 * The freestyle build step of {@code kymaExposeMtls}. It holds the pipeline step itself: its form
 * ({@code f:property}), checks, help and saved fields are the step's, so the two cannot drift.
 */
public final class KymaExposeMtlsBuilder extends Builder implements SimpleBuildStep {

    private final KymaExposeMtlsStep step;

    @DataBoundConstructor
    public KymaExposeMtlsBuilder(KymaExposeMtlsStep step) {
        this.step = Objects.requireNonNull(step, "step");
    }

    public KymaExposeMtlsStep getStep() {
        return step;
    }

    @Override
    public void perform(Run<?, ?> run, FilePath workspace, EnvVars env, Launcher launcher, TaskListener listener)
            throws InterruptedException, IOException {
        ExposeSettings.perform(Expansion.of(ExposeSettings.class, step, env::expand), run, workspace, env, launcher, listener);
    }

    @Extension
    public static final class DescriptorImpl extends KymaBuildStepDescriptor {

        @Override
        public String getDisplayName() {
            return Messages.KymaExposeMtlsStep_DisplayName();
        }
    }
}
