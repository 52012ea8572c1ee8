package io.jenkins.plugins.kymamtls.steps.expose;

import io.jenkins.plugins.kymamtls.work.ClusterWork;
import io.jenkins.plugins.kymamtls.work.Text;
import io.jenkins.plugins.kymamtls.work.Workspace;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.jenkins.plugins.kymamtls.engine.ExposeEngine;
import io.jenkins.plugins.kymamtls.resources.ClientIdentity;
import io.jenkins.plugins.kymamtls.resources.ExposeParameters;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;

/** {@code kymaExposeMtls}: the target cluster's MUTUAL gateway, proven from the agent. */
public final class ExposeWork extends ClusterWork {

    private static final long serialVersionUID = 1L;

    /** What kymaExposeMtls maps its fields to: the engine's parameters and the client that proves them. */
    public interface Spec extends ClusterWork.Spec {

        /** The engine's parameters, with the server certificate read from the workspace; checked. */
        ExposeParameters parameters(Workspace workspace, Text text);

        /** The client identity the proof uses, from the same workspace. */
        ClientIdentity verifier(Workspace workspace, Text text);
    }

    private final Spec spec;
    private final int httpsPort;

    public ExposeWork(Spec spec, Text text, String kubeconfig) {
        this(spec, text, kubeconfig, 443);
    }

    public ExposeWork(Spec spec, Text text, String kubeconfig, int httpsPort) {
        super(spec, text, kubeconfig);
        this.spec = spec;
        this.httpsPort = httpsPort;
    }

    @Override
    public String functionName() {
        return "kymaExposeMtls";
    }

    public record Checked(ExposeParameters parameters, ClientIdentity verifier) {
    }

    @Override
    protected Object parameters(Path workspace) {
        Workspace folder = workspace(workspace);
        return new Checked(spec.parameters(folder, text()), spec.verifier(folder, text()));
    }

    @Override
    protected Map<String, Object> run(KubernetesClient client, Object parameters, Path workspace, Consumer<String> log) {
        Checked checked = (Checked) parameters;
        ExposeEngine.Result result = new ExposeEngine(httpsPort).run(client, checked.parameters(), checked.verifier(), log);
        Map<String, Object> values = new LinkedHashMap<>();
        values.put("applied", result.applied());
        values.put("url", result.url());
        values.put("withoutClientCertificate", result.withoutCertificate().describe());
        values.put("withClientCertificate", result.withCertificate().status());
        values.put("xForwardedClientCert", result.withCertificate().xfcc());
        return values;
    }
}
