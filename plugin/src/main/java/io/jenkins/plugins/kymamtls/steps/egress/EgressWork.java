package io.jenkins.plugins.kymamtls.steps.egress;

import io.jenkins.plugins.kymamtls.work.ClusterWork;
import io.jenkins.plugins.kymamtls.work.Text;
import io.jenkins.plugins.kymamtls.work.Workspace;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.jenkins.plugins.kymamtls.engine.EgressEngine;
import io.jenkins.plugins.kymamtls.resources.EgressParameters;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;

/** {@code kymaEgressRoute}: the client cluster's route through the egress gateway, proven from a pod. */
public final class EgressWork extends ClusterWork {

    private static final long serialVersionUID = 1L;

    /** What kymaEgressRoute maps its fields to: the engine's parameters. */
    public interface Spec extends ClusterWork.Spec {

        /** The engine's parameters, with the client certificate read from the workspace; checked. */
        EgressParameters parameters(Workspace workspace, Text text);
    }

    private final Spec spec;

    public EgressWork(Spec spec, Text text, String kubeconfig) {
        super(spec, text, kubeconfig);
        this.spec = spec;
    }

    @Override
    public String functionName() {
        return "kymaEgressRoute";
    }

    @Override
    protected Object parameters(Path workspace) {
        return spec.parameters(workspace(workspace), text());
    }

    @Override
    protected Map<String, Object> run(KubernetesClient client, Object parameters, Path workspace, Consumer<String> log) {
        EgressEngine.Result result = new EgressEngine().run(client, (EgressParameters) parameters, log);
        Map<String, Object> values = new LinkedHashMap<>();
        values.put("applied", result.applied());
        values.put("istioResource", result.istioResource());
        values.put("egressGatewayTurnedOn", result.egressGatewayTurnedOn());
        values.put("curlPod", result.curlPod());
        values.put("status", result.status());
        values.put("xForwardedClientCert", result.xfcc());
        values.put("egressGatewayPods", result.gatewayPodsWithRoute());
        return values;
    }
}
