package io.jenkins.plugins.kymamtls.steps;

import hudson.EnvVars;
import hudson.FilePath;
import hudson.Launcher;
import hudson.model.Run;
import hudson.model.TaskListener;
import io.jenkins.plugins.kymamtls.results.MtlsRunAction;
import io.jenkins.plugins.kymamtls.work.StepWork;
import io.jenkins.plugins.kymamtls.work.Text;
import java.io.IOException;
import java.io.Serializable;
import java.util.Map;
import java.util.Set;
import org.jenkinsci.plugins.workflow.steps.Step;
import org.jenkinsci.plugins.workflow.steps.StepContext;
import org.jenkinsci.plugins.workflow.steps.StepDescriptor;
import org.jenkinsci.plugins.workflow.steps.StepExecution;
import org.jenkinsci.plugins.workflow.steps.SynchronousNonBlockingStepExecution;

/**
 * What every step of the plugin shares: its work runs off the pipeline thread, with what the build
 * provides. The step's bound fields are its only parameter list: the step maps them once to the
 * engine's parameters, on the agent that holds the workspace (the step travels there inside its work,
 * hence Serializable), for the Pipeline step and the freestyle build step alike.
 */
public abstract class KymaStep extends Step implements Serializable {

    private static final long serialVersionUID = 1L;

    /** The step's work, with the credentials it names read here on the controller (never printed). */
    protected abstract StepWork work(Run<?, ?> run, Text text) throws IOException;

    /** What the step does on the controller after its work: archiving, say. */
    protected void finish(Map<String, Object> result, Run<?, ?> run, FilePath workspace, Launcher launcher,
                TaskListener listener) throws IOException, InterruptedException {
    }

    /**
     * Credentials, files and the network are all touched here, never on the CPS thread.
     *
     * @param text as typed for a Pipeline; the build's variables expanded for a freestyle build
     */
    final Map<String, Object> perform(Run<?, ?> run, FilePath workspace, EnvVars env, Launcher launcher,
                                      TaskListener listener, Text text) throws IOException, InterruptedException {
        StepWork work = work(run, text);
        Map<String, Object> result = StepRunner.run(env, work, workspace, listener);
        finish(result, run, workspace, launcher, listener);
        // What the step established, for the build page: one section per call.
        MtlsRunAction.record(run, work.functionName(), work.toString(), result, warnDays());
        return result;
    }

    /** Days left below which the build page shows a certificate as ending soon. */
    protected int warnDays() {
        return 30;
    }

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
            // A Pipeline's text is as typed: Groovy has already put in its variables.
            return step.perform(context.get(Run.class), context.get(FilePath.class), context.get(EnvVars.class),
                    context.get(Launcher.class), context.get(TaskListener.class), Text.AS_TYPED);
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
