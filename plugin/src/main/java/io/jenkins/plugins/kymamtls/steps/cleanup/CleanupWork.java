package io.jenkins.plugins.kymamtls.steps.cleanup;

import io.jenkins.plugins.kymamtls.work.ClusterWork;
import io.jenkins.plugins.kymamtls.work.Text;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.jenkins.plugins.kymamtls.engine.CleanupEngine;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;

/** {@code kymaMtlsCleanup}: removes what the steps created in a namespace, as {@code kyma-mtls cleanup} does. */
public final class CleanupWork extends ClusterWork {

    private static final long serialVersionUID = 1L;

    /** What kymaMtlsCleanup maps its fields to: the engine's parameters. */
    public interface Spec extends ClusterWork.Spec {

        /** The engine's parameters; checked. */
        CleanupEngine.Parameters parameters(Text text);
    }

    private final Spec spec;

    public CleanupWork(Spec spec, Text text, String kubeconfig) {
        super(spec, text, kubeconfig);
        this.spec = spec;
    }

    @Override
    public String functionName() {
        return "kymaMtlsCleanup";
    }

    @Override
    protected Object parameters(Path workspace) {
        return spec.parameters(text());
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
