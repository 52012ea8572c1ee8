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
 * The freestyle build step of {@code kymaMtlsCerts}. It holds the pipeline step itself: its form
 * ({@code f:property}), checks, help and saved fields are the step's, so the two cannot drift.
 */
public final class KymaMtlsCertsBuilder extends Builder implements SimpleBuildStep {

    private final KymaMtlsCertsStep step;

    @DataBoundConstructor
    public KymaMtlsCertsBuilder(KymaMtlsCertsStep step) {
        this.step = Objects.requireNonNull(step, "step");
    }

    public KymaMtlsCertsStep getStep() {
        return step;
    }

    @Override
    public void perform(Run<?, ?> run, FilePath workspace, EnvVars env, Launcher launcher, TaskListener listener)
            throws InterruptedException, IOException {
        CertsSettings.perform(Expansion.of(CertsSettings.class, step, env::expand), run, workspace, env, launcher, listener);
    }

    @Extension
    public static final class DescriptorImpl extends KymaBuildStepDescriptor {

        @Override
        public String getDisplayName() {
            return Messages.KymaMtlsCertsStep_DisplayName();
        }
    }
}
