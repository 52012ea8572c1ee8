package io.jenkins.plugins.kymamtls.steps;

import hudson.AbortException;
import hudson.model.TaskListener;
import hudson.remoting.VirtualChannel;
import io.jenkins.plugins.kymamtls.cluster.ClusterFailure;
import io.jenkins.plugins.kymamtls.certificates.SelfTestFailedException;
import io.jenkins.plugins.kymamtls.work.StepWork;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;
import jenkins.MasterToSlaveFileCallable;

/**
 * Runs a step's work on the agent that holds the workspace, so clusters and hosts are reached
 * from the agent's network, as {@code sh 'kubectl …'} would. Failures the user can act on end the
 * build with their message alone.
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
        } catch (IllegalArgumentException | ClusterFailure | SelfTestFailedException | UncheckedIOException e) {
            throw new AbortException(StepLog.PREFIX + work.functionName() + ": " + e.getMessage());
        }
    }
}
