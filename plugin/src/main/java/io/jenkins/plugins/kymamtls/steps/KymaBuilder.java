package io.jenkins.plugins.kymamtls.steps;

import hudson.AbortException;
import hudson.EnvVars;
import hudson.FilePath;
import hudson.Launcher;
import hudson.model.AbstractBuild;
import hudson.model.BuildListener;
import hudson.model.TaskListener;
import hudson.tasks.Builder;
import java.io.IOException;
import java.util.Map;

/**
 * What the six freestyle build steps share: each holds its Pipeline step (form, checks, help and saved
 * fields are the step's) and runs it with the build's variables expanded.
 *
 * <p>Freestyle only: a Builder that is a SimpleBuildStep would also be offered in Pipeline as
 * {@code step([$class: ...])} (workflow-basic-steps CoreStep.DescriptorImpl.getApplicableDescriptors
 * lists every Builder descriptor whose class is a SimpleBuildStep), a second name for each step.
 */
public abstract class KymaBuilder extends Builder {

    /** The Pipeline step this build step holds. */
    public abstract KymaStep getStep();

    @Override
    public boolean perform(AbstractBuild<?, ?> build, Launcher launcher, BuildListener listener)
            throws InterruptedException, IOException {
        FilePath workspace = build.getWorkspace();
        if (workspace == null) {
            throw new AbortException(StepLog.PREFIX + "the build has no workspace (its agent is offline?)");
        }
        EnvVars env = build.getEnvironment(listener);
        decide(getStep().perform(build, workspace, env, launcher, listener, new BuildVariables(env)), listener);
        return true;
    }

    /** A freestyle job has no script to decide on the result; a build step that must decide does so here. */
    protected void decide(Map<String, Object> result, TaskListener listener) throws AbortException {
    }
}
