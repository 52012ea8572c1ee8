package io.jenkins.plugins.kymamtls.work;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.jenkins.plugins.kymamtls.engine.CleanupEngine;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;

/** {@code kymaMtlsCleanup}: removes what the steps created in a namespace, as {@code kyma-mtls cleanup} does. */
public final class CleanupWork extends ClusterWork {

    private static final long serialVersionUID = 1L;

    private final String namespace;
    private final String parts;
    private final String secretName;
    private final String clientSecretName;

    /** @param parts comma-separated EXPOSE, EGRESS, LOCK in any case; blank for all */
    public CleanupWork(String kubeconfig, String credentialsId, String context, String namespace, String parts,
                       String secretName, String clientSecretName, int readyTimeout) {
        super(kubeconfig, credentialsId, context, readyTimeout);
        this.namespace = namespace;
        this.parts = parts;
        this.secretName = secretName;
        this.clientSecretName = clientSecretName;
    }

    @Override
    public String functionName() {
        return "kymaMtlsCleanup";
    }

    @Override
    protected Object parameters(Path workspace) {
        return new CleanupEngine.Parameters(namespace, CleanupEngine.parts("parts", parts), secretName,
                clientSecretName, readyTimeout());
    }

    @Override
    protected Map<String, Object> run(KubernetesClient client, Object parameters, Path workspace, Consumer<String> log) {
        CleanupEngine.Result result = new CleanupEngine().run(client, (CleanupEngine.Parameters) parameters, log);
        Map<String, Object> values = new LinkedHashMap<>();
        values.put("deleted", result.deleted());
        values.put("egressGatewaySwitchedOff", result.egressGatewaySwitchedOff());
        return values;
    }
}
