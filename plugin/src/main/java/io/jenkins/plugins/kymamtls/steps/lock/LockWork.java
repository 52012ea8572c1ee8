package io.jenkins.plugins.kymamtls.steps.lock;

import io.jenkins.plugins.kymamtls.work.ClusterWork;
import io.jenkins.plugins.kymamtls.work.Text;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.jenkins.plugins.kymamtls.engine.LockEngine;
import io.jenkins.plugins.kymamtls.resources.LockParameters;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;

/** {@code kymaLockEgress}: the client namespace may reach only DNS and istio-system. */
public final class LockWork extends ClusterWork {

    private static final long serialVersionUID = 1L;

    /** What kymaLockEgress maps its fields to: the engine's parameters. */
    public interface Spec extends ClusterWork.Spec {

        /** The engine's parameters; checked. */
        LockParameters parameters(Text text);
    }

    private final Spec spec;

    public LockWork(Spec spec, Text text, String kubeconfig) {
        super(spec, text, kubeconfig);
        this.spec = spec;
    }

    @Override
    public String functionName() {
        return "kymaLockEgress";
    }

    @Override
    protected Object parameters(Path workspace) {
        return spec.parameters(text());
    }

    @Override
    protected Map<String, Object> run(KubernetesClient client, Object parameters, Path workspace, Consumer<String> log) {
        LockEngine.Result result = new LockEngine().run(client, (LockParameters) parameters, log);
        Map<String, Object> values = new LinkedHashMap<>();
        values.put("applied", result.applied());
        values.put("dnsAddresses", result.dnsAddresses());
        values.put("curlPod", result.curlPod());
        values.put("allowed", result.allowed());
        values.put("blocked", result.blocked());
        values.put("proven", result.proven());
        values.put("proof", result.proof());
        return values;
    }
}
