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
        try {
            return work.run(workspace.toPath(), line -> listener.getLogger().println(StepLog.PREFIX + line));
        } catch (RuntimeException e) {
            // Every failure ends the build with one line; the stack trace only when asked for.
            if (Boolean.getBoolean(StepWork.VERBOSE_PROPERTY)) {
                e.printStackTrace(listener.getLogger());
            }
            throw new AbortException(StepLog.PREFIX + work.failureLine(e));
        }
    }
}
