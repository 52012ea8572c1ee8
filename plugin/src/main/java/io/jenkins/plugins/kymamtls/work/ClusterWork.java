package io.jenkins.plugins.kymamtls.work;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.jenkins.plugins.kymamtls.cluster.ClusterAccess;
import io.jenkins.plugins.kymamtls.input.InvalidInputException;
import java.nio.file.Path;
import java.util.Map;
import java.util.function.Consumer;

/**
 * A step that talks to a cluster: parameters are checked, then the kubeconfig, and only then is a
 * client built, used and closed, all inside {@link #run}.
 */
public abstract class ClusterWork extends StepWork {

    private static final long serialVersionUID = 1L;

    /** The kubeconfig content from the credential; never written to disk, never printed. */
    private final String kubeconfig;
    private final String credentialsId;
    private final String context;
    private final int readyTimeout;

    protected ClusterWork(String kubeconfig, String credentialsId, String context, int readyTimeout) {
        this.kubeconfig = kubeconfig;
        this.credentialsId = credentialsId;
        this.context = context;
        this.readyTimeout = readyTimeout;
    }

    /** As given; checked where the parameters are. */
    protected int readyTimeout() {
        return readyTimeout;
    }

    /** Everything the step needs, checked; no cluster yet. */
    protected abstract Object parameters(Path workspace);

    protected abstract Map<String, Object> run(KubernetesClient client, Object parameters, Path workspace,
                                               Consumer<String> log);

    @Override
    protected final Map<String, Object> perform(Path workspace, Consumer<String> log) {
        Object parameters = parameters(workspace);
        checkKubeconfig("credentialsId", kubeconfig, credentialsId, context);
        try (KubernetesClient client = ClusterAccess.connect(kubeconfig, context, environment(), log)) {
            return run(client, parameters, workspace, log);
        }
    }

    /** Checks a credential's kubeconfig and context; {@code field} is the step's name for the credential. */
    static void checkKubeconfig(String field, String kubeconfig, String credentialsId, String context) {
        try {
            ClusterAccess.check(kubeconfig, context);
        } catch (InvalidInputException e) {
            // The user knows the credential by its id; the message names it, never its content.
            throw InvalidInputException.problem(e.field().equals(ClusterAccess.KUBECONFIG_FIELD) ? field : e.field(),
                    (e.field().equals(ClusterAccess.KUBECONFIG_FIELD) ? "'" + credentialsId + "' " : "")
                            + e.getMessage().substring(e.field().length() + 2));
        }
    }

    @Override
    public String toString() {
        return functionName() + " with credentials '" + credentialsId + "'";
    }
}
