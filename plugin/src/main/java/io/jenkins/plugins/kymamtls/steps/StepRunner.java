package io.jenkins.plugins.kymamtls.steps;

import hudson.EnvVars;
import hudson.FilePath;
import hudson.Launcher;
import hudson.model.Run;
import hudson.model.TaskListener;
import io.jenkins.plugins.kymamtls.steps.certs.ArtifactSelection;
import io.jenkins.plugins.kymamtls.work.StepWork;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import jenkins.model.ArtifactManager;
import jenkins.util.BuildListenerAdapter;

/** The one way both the pipeline steps and the freestyle build steps run their work. */
public final class StepRunner {

    private StepRunner() {
    }

    /**
     * @param env the build's environment (withEnv, withCredentials, tool paths; a freestyle build's
     *     variables): what an exec credential plugin named in a kubeconfig runs with on the agent
     */
    public static Map<String, Object> run(EnvVars env, StepWork work, FilePath workspace, TaskListener listener)
            throws IOException, InterruptedException {
        listener.getLogger().println(StepLog.PREFIX + work);
        work.environment(env);
        return workspace.act(new AgentWork(work, listener));
    }

    /**
     * Archives the certificates through the build's artifact manager; keys only when asked, from
     * the folder outside the workspace that keeps them.
     */
    public static void archive(Map<String, Object> result, boolean archiveKeys, Run<?, ?> run, FilePath workspace,
                        Launcher launcher, TaskListener listener) throws IOException, InterruptedException {
        Map<String, String> artifacts = ArtifactSelection.of(result);
        // pickArtifactManager, as archiveArtifacts does: it settles which manager the build uses (an
        // S3-style one, say) where getArtifactManager would bypass it.
        ArtifactManager manager = run.pickArtifactManager();
        manager.archive(workspace, launcher, BuildListenerAdapter.wrap(listener), artifacts);
        List<String> archived = new ArrayList<>(artifacts.keySet());
        if (archiveKeys) {
            listener.getLogger().println(StepLog.PREFIX + "WARNING: archiving private keys as build artifacts"
                    + " (archiveKeys: true); anyone who can read this build's artifacts can read them");
            Map<String, String> keys = ArtifactSelection.keys(result);
            // A second call adds to the build's artifacts: core's StandardArtifactManager.archive
            // copies into the artifacts folder (l.70-74), as two archiveArtifacts calls do.
            manager.archive(workspace.child((String) result.get("keysDir")), launcher,
                    BuildListenerAdapter.wrap(listener), keys);
            archived.addAll(keys.keySet());
        }
        listener.getLogger().println(StepLog.PREFIX + "archived " + String.join(", ", archived));
    }
}
