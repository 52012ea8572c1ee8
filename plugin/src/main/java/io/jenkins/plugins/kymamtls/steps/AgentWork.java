package io.jenkins.plugins.kymamtls.steps;

import hudson.AbortException;
import hudson.model.TaskListener;
import hudson.remoting.VirtualChannel;
import io.jenkins.plugins.kymamtls.work.StepWork;
import java.io.File;
import java.io.IOException;
import java.util.Map;
import jenkins.MasterToSlaveFileCallable;

/**
 * Runs a step's work on the agent that holds the workspace, so clusters and hosts are reached
 * from the agent's network, as {@code sh 'kubectl …'} would. Any failure ends the build with one
 * line naming the step and the reason; the stack trace goes to the build log only with the system
 * property {@value StepWork#VERBOSE_PROPERTY} set to true on the agent.
 */
final class AgentWork extends MasterToSlaveFileCallable<Map<String, Object>> {

    private static final long serialVersionUID = 1L;

    private final StepWork work;
    private final TaskListener listener;

    AgentWork(StepWork work, TaskListener listener) {
        this.work = work;
        this.listener = listener;
    }

    @Override
    public Map<String, Object> invoke(File workspace, VirtualChannel channel) throws IOException {
        Outcome outcome = attempt(workspace);
        if (outcome.failure() != null) {
            throw new AbortException(outcome.failure());
        }
        return outcome.result();
    }

    /** The work's result, or the one line its failure ends the build with. */
    record Outcome(Map<String, Object> result, String failure) {
    }

    Outcome attempt(File workspace) {
        try {
            return new Outcome(work.run(workspace.toPath(), line -> listener.getLogger().println(StepLog.PREFIX + line)),
                    null);
        } catch (RuntimeException | Error e) {
            // Every failure ends the build with one line, an Error on the agent too (a class that
            // could not be loaded remotely, memory); the stack trace only when asked for.
            if (Boolean.getBoolean(StepWork.VERBOSE_PROPERTY)) {
                e.printStackTrace(listener.getLogger());
            }
            return new Outcome(null, StepLog.PREFIX + work.failureLine(e));
        } finally {
            // The build log's stream on an agent is buffered and flushed on a timer; without this the
            // step's last lines reach the log after the next step's, or never (workflow-api
            // BufferedBuildListener, DelayBufferedOutputStream: "We expect that code flushes").
            listener.getLogger().flush();
        }
    }
}
