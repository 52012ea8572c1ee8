package io.jenkins.plugins.kymamtls.work;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.jenkins.plugins.kymamtls.cluster.ClusterAccess;
import io.jenkins.plugins.kymamtls.input.InvalidInputException;
import java.io.Serializable;
import java.nio.file.Path;
import java.util.Map;
import java.util.function.Consumer;

/**
 * A step that talks to a cluster: parameters are checked, then the kubeconfig, and only then is a
 * client built, used and closed, all inside {@link #run}.
 */
public abstract class ClusterWork extends StepWork {

    private static final long serialVersionUID = 1L;

    /** What every cluster step has: the credential, the kubeconfig context, how long to wait for resources. */
    public interface Spec extends Serializable {

        String getCredentialsId();

        String getContext();

        int getReadyTimeout();
    }

    /** The kubeconfig content from the credential; never written to disk, never printed. */
    private final String kubeconfig;
    private final Spec spec;
    private final Text text;

    protected ClusterWork(Spec spec, Text text, String kubeconfig) {
        this.kubeconfig = kubeconfig;
        this.spec = spec;
        this.text = text;
    }

    /** How the step's text fields are read: as typed, or with the build's variables expanded. */
    protected Text text() {
        return text;
    }

    /** Everything the step needs, checked; no cluster yet. */
    protected abstract Object parameters(Path workspace);

    protected abstract Map<String, Object> run(KubernetesClient client, Object parameters, Path workspace,
                                               Consumer<String> log);

    @Override
    protected final Map<String, Object> perform(Path workspace, Consumer<String> log) {
        Object parameters = parameters(workspace);
        String context = text.of(spec.getContext());
        checkKubeconfig("credentialsId", kubeconfig, spec.getCredentialsId(), context);
        try (KubernetesClient client = ClusterAccess.connect(kubeconfig, context, environment(), log)) {
            return run(client, parameters, workspace, log);
        }
    }

    /** Checks a credential's kubeconfig and context; {@code field} is the step's name for the credential. */
    public static void checkKubeconfig(String field, String kubeconfig, String credentialsId, String context) {
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
        return functionName() + " with credentials '" + spec.getCredentialsId() + "'";
    }
}
