package io.jenkins.plugins.kymamtls.cli;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.jenkins.plugins.kymamtls.engine.CleanupEngine;
import java.io.PrintWriter;
import java.util.EnumSet;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * Both cleanups of the whole flow in one process, side by side (they touch different clusters, or
 * different namespaces of one), printed as the two {@code cleanup} commands print them: the client's
 * first, then the target's.
 */
@Command(name = "down", sortOptions = false, mixinStandardHelpOptions = true,
        description = "Both cleanups of the whole flow in one process, side by side: what up made in the client namespace "
                + "(cleanup --parts egress,lock) and in the target namespace (cleanup --parts expose); the namespaces stay.")
final class DownCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    TwoClusterOptions clusters;

    @Override
    public Integer call() {
        int seconds = clusters.readyTimeout;
        // What up made where: the egress route and the lock on the client, the exposure on the target.
        CleanupEngine.Parameters client = new CleanupEngine.Parameters(clusters.clientNamespace(),
                EnumSet.of(CleanupEngine.Part.EGRESS, CleanupEngine.Part.LOCK), null, null, seconds);
        CleanupEngine.Parameters target = new CleanupEngine.Parameters(clusters.targetNamespace(),
                EnumSet.of(CleanupEngine.Part.EXPOSE), null, null, seconds);
        String targetKubeconfig = clusters.readTarget();
        String clientKubeconfig = clusters.readClient();
        PrintWriter out = spec.commandLine().getOut();
        try (KubernetesClient targetCluster = clusters.connectTarget(targetKubeconfig, out);
             KubernetesClient clientCluster = clusters.connectClient(clientKubeconfig, out)) {
            HeldLog targetLog = new HeldLog(out::println);
            Background<CleanupEngine.Result> targetDone = new Background<>("cleanup-target",
                    () -> new CleanupEngine().run(targetCluster, target, targetLog));
            RuntimeException failure = null;
            try {
                out.println(CleanupCommand.summary(new CleanupEngine().run(clientCluster, client, out::println)));
            } catch (RuntimeException clientFailed) {
                failure = clientFailed;
            }
            targetLog.release();
            RuntimeException targetFailure = targetDone.failure();
            if (failure != null) {
                throw failure;
            }
            if (targetFailure != null) {
                throw targetFailure;
            }
            out.println(CleanupCommand.summary(targetDone.join()));
        }
        return 0;
    }
}
