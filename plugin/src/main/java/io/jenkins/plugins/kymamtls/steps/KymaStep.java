package io.jenkins.plugins.kymamtls.steps;

import hudson.EnvVars;
import hudson.FilePath;
import hudson.Launcher;
import hudson.model.Run;
import hudson.model.TaskListener;
import java.io.IOException;
import java.util.Map;
import java.util.Set;
import org.jenkinsci.plugins.workflow.steps.Step;
import org.jenkinsci.plugins.workflow.steps.StepContext;
import org.jenkinsci.plugins.workflow.steps.StepDescriptor;
import org.jenkinsci.plugins.workflow.steps.StepExecution;
import org.jenkinsci.plugins.workflow.steps.SynchronousNonBlockingStepExecution;

/** What every step of the plugin shares: its work runs off the pipeline thread, with what the build provides. */
public abstract class KymaStep extends Step {

    /** The step's work: credentials, files and the network are all touched here, never on the CPS thread. */
    abstract Map<String, Object> perform(Run<?, ?> run, FilePath workspace, EnvVars env, Launcher launcher,
                                         TaskListener listener)
            throws IOException, InterruptedException;

    @Override
    public StepExecution start(StepContext context) {
        return new Execution(this, context);
    }

    static final class Execution extends SynchronousNonBlockingStepExecution<Map<String, Object>> {

        private static final long serialVersionUID = 1L;

        private final transient KymaStep step;

        Execution(KymaStep step, StepContext context) {
            super(context);
            this.step = step;
        }

        @Override
        protected Map<String, Object> run() throws Exception {
            StepContext context = getContext();
            return step.perform(context.get(Run.class), context.get(FilePath.class), context.get(EnvVars.class),
                    context.get(Launcher.class),
                    context.get(TaskListener.class));
        }
    }

    /** Every step needs the build, its workspace and where to log. */
    public abstract static class KymaStepDescriptor extends StepDescriptor {

        @Override
        public Set<? extends Class<?>> getRequiredContext() {
            return Set.of(Run.class, FilePath.class, Launcher.class, TaskListener.class);
        }
    }
}
