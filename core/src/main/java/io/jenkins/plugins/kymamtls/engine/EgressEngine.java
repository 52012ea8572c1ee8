package io.jenkins.plugins.kymamtls.engine;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.jenkins.plugins.kymamtls.cluster.ApiRetry;
import io.jenkins.plugins.kymamtls.cluster.ClusterFailure;
import io.jenkins.plugins.kymamtls.cluster.Diagnostics;
import io.jenkins.plugins.kymamtls.cluster.PodCommands;
import io.jenkins.plugins.kymamtls.cluster.Readiness;
import io.jenkins.plugins.kymamtls.cluster.ResourceApplier;
import io.jenkins.plugins.kymamtls.cluster.ResourceKinds;
import io.jenkins.plugins.kymamtls.cluster.Waiter;
import io.jenkins.plugins.kymamtls.resources.EgressParameters;
import io.jenkins.plugins.kymamtls.resources.Manifests;
import io.jenkins.plugins.kymamtls.resources.RenderedResource;
import io.jenkins.plugins.kymamtls.verification.XfccCheck;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code kymaEgressRoute} on the client cluster: the client credential, the egress gateway, the
 * routing through it and the mTLS origination; then a plain HTTP request from a pod in the
 * namespace must come back 200 from the workload, with the client certificate named in
 * X-Forwarded-Client-Cert, and the egress gateway's access log must show it left through there.
 */
public final class EgressEngine {

    public static final String ISTIO_NAMESPACE = "kyma-system";
    public static final String GATEWAY_NAMESPACE = "istio-system";
    public static final String EGRESS_GATEWAY = "istio-egressgateway";
    /**
     * Set on the Istio CR when this step switched the egress gateway on, so cleanup may switch it
     * off; its value lists the namespaces that rely on it (see {@link SharedUse}).
     */
    public static final String ENABLED_BY_ANNOTATION = "kyma-mtls-egress/egress-gateway-enabled";

    private static final Duration EXEC_TIMEOUT = Duration.ofSeconds(30);
    /** Log lines are read from this long before the verification started, for slow flushes and clocks. */
    private static final int LOG_MARGIN_SECONDS = 30;
    private static final Pattern STATUS_LINE = Pattern.compile("(?m)^HTTP/[0-9.]+ ([0-9]{3})");

    /** What the step did, in plain values. */
    public record Result(List<String> applied, String istioResource, boolean egressGatewayTurnedOn, String curlPod,
                         int status, String xfcc, List<String> gatewayPodsWithRoute) {
    }

    private final ApiRetry.Policy retryPolicy;

    public EgressEngine() {
        this(ApiRetry.Policy.DEFAULT);
    }

    public EgressEngine(ApiRetry.Policy retryPolicy) {
        this.retryPolicy = retryPolicy;
    }

    public Result run(KubernetesClient client, EgressParameters p, Consumer<String> log) {
        ApiRetry retry = new ApiRetry(retryPolicy, log);
        String istioName = null;
        boolean turnedOn = false;
        Set<String> switchUsers = null;
        if (p.enableEgressGateway()) {
            GenericKubernetesResource istio = istioResource(client, retry);
            istioName = istio.getMetadata().getName();
            boolean alreadyOn = Boolean.TRUE.equals(egressGatewayEnabled(istio));
            turnedOn = !alreadyOn;
            if (turnedOn || SharedUse.marked(istio, ENABLED_BY_ANNOTATION)) {
                // The switch is ours: record that this namespace relies on it.
                switchUsers = SharedUse.users(istio, ENABLED_BY_ANNOTATION);
                switchUsers.add(p.namespace());
            }
            log.accept(alreadyOn ? "the egress gateway is already enabled in Istio " + istioName
                    : "enabling the egress gateway in Istio " + istioName);
        }
        ResourceApplier applier = new ResourceApplier(client, log, retryPolicy);
        List<RenderedResource> resources = Manifests.client(p, istioName == null ? "default" : istioName);
        applier.checkAccess(resources);
        List<String> applied = new ArrayList<>();
        for (RenderedResource resource : resources) {
            Set<String> users = null;
            if (resource.template().equals(Manifests.ISTIO_TEMPLATE)) {
                users = switchUsers;
            } else if (resource.template().equals(Manifests.TELEMETRY_TEMPLATE)) {
                users = SharedUse.users(telemetry(client, retry, resource.resource().getMetadata().getName()),
                        SharedUse.USED_BY_ANNOTATION);
                users.add(p.namespace());
            }
            if (users != null) {
                // Under server-side apply an annotation we stop sending is removed; always send it whole.
                Map<String, String> annotations = new LinkedHashMap<>();
                annotations.put(resource.template().equals(Manifests.ISTIO_TEMPLATE) ? ENABLED_BY_ANNOTATION
                        : SharedUse.USED_BY_ANNOTATION, SharedUse.join(users));
                resource.resource().getMetadata().setAnnotations(annotations);
            }
            applier.apply(resource);
            applied.add(resource.describe());
        }

        Waiter waiter = new Waiter(client, log);
        if (p.enableEgressGateway()) {
            GenericKubernetesResource istio = waiter.await(ResourceKinds.ISTIO, ISTIO_NAMESPACE, istioName,
                    Readiness::istioState, p.timeouts().ready(), "Istio " + istioName + " in " + ISTIO_NAMESPACE);
            Readiness.Verdict state = Readiness.istioState(istio);
            if (!state.detail().equals("Ready")) {
                log.accept("Istio " + istioName + " reports " + state.detail() + "; going on, the egress gateway"
                        + " Deployment decides");
            }
        }
        waiter.await(ResourceKinds.DEPLOYMENT, GATEWAY_NAMESPACE, EGRESS_GATEWAY, Readiness::deployment,
                p.timeouts().ready(), "Deployment " + EGRESS_GATEWAY + " in " + GATEWAY_NAMESPACE);
        if (p.curlWorkload()) {
            waiter.await(ResourceKinds.DEPLOYMENT, p.namespace(), "curl", Readiness::deployment, p.timeouts().ready(),
                    "Deployment curl in " + p.namespace());
        }
        return verify(client, p, log, applied, istioName, turnedOn);
    }

    private Result verify(KubernetesClient client, EgressParameters p, Consumer<String> log, List<String> applied,
                          String istioName, boolean turnedOn) {
        PodCommands pods = new PodCommands(client);
        String pod = pods.readyPod(p.namespace(), "app", "curl");
        String url = "http://" + p.domain() + "/headers";
        String routeMark = "outbound|443||" + p.domain();
        VerificationTimeline timeline = new VerificationTimeline(p.timeouts().verify());
        long started = System.nanoTime();
        int attempt = 0;
        while (true) {
            attempt++;
            // Evidence from this request only: the gateway's access log records the request id
            // (Istio's default format has %REQ(X-REQUEST-ID)%), and the sidecar keeps the app's id.
            String requestId = "kyma-mtls-" + UUID.randomUUID();
            PodCommands.Outcome curl = pods.exec(p.namespace(), pod, "curl", EXEC_TIMEOUT,
                    "curl", "-sS", "-i", "--max-time", "10", "-H", "X-Request-Id: " + requestId, url);
            int status = status(curl.stdout());
            String xfcc = XfccCheck.findInText(curl.stdout());
            String problem = null;
            if (status != 200) {
                problem = "curl " + url + " in pod " + pod + " got " + (status == 0
                        ? "no HTTP answer (exit " + curl.exitCode() + ": " + curl.stderr().strip() + ")" : "HTTP " + status);
            } else if (!XfccCheck.names(xfcc, p.client().certificate())) {
                problem = "the answer's X-Forwarded-Client-Cert (" + xfcc + ") does not name the client certificate "
                        + p.client().certificate().getSubjectX500Principal().getName();
            }
            List<String> routed = new ArrayList<>();
            String lastLog = "";
            if (problem == null) {
                int since = (int) Duration.ofNanos(System.nanoTime() - started).toSeconds() + LOG_MARGIN_SECONDS;
                for (String gatewayPod : pods.pods(GATEWAY_NAMESPACE, "istio", "egressgateway")) {
                    lastLog = pods.log(GATEWAY_NAMESPACE, gatewayPod, "istio-proxy", since);
                    if (lastLog.lines().anyMatch(line -> line.contains(routeMark) && line.contains(requestId))) {
                        routed.add(gatewayPod);
                    }
                }
                if (routed.isEmpty()) {
                    problem = "no egress gateway pod's access log has this request (X-Request-Id " + requestId
                            + ") with '" + routeMark + "': the request did not leave through the egress gateway,"
                            + " or its access log is off";
                }
            }
            if (problem == null) {
                log.accept("verified: curl " + url + " in pod " + pod + ": HTTP 200, X-Forwarded-Client-Cert names "
                        + p.client().certificate().getSubjectX500Principal().getName());
                log.accept("verified: egress gateway access log shows " + routeMark + " for this request in " + routed);
                return new Result(applied, istioName, turnedOn, pod, status, xfcc, routed);
            }
            if (!timeline.pause()) {
                throw new ClusterFailure("verification failed after " + attempt + " attempts in "
                        + p.timeouts().verify().toSeconds() + " s: " + problem
                        + Diagnostics.of(client, p.namespace()).describe(null) + Diagnostics.tail(lastLog, 10));
            }
            log.accept("verification not passed yet (attempt " + attempt + "): " + problem);
        }
    }

    static int status(String curlOutput) {
        Matcher matcher = STATUS_LINE.matcher(curlOutput);
        int status = 0;
        // With -i a proxy's interim answers come first; the last status line is the final one.
        while (matcher.find()) {
            status = Integer.parseInt(matcher.group(1));
        }
        return status;
    }

    /**
     * The Kyma Istio CR in kyma-system, whatever its name. With several, the oldest is the one
     * the operator reconciles (the others only go to Warning).
     */
    static GenericKubernetesResource istioResource(KubernetesClient client, ApiRetry retry) {
        List<GenericKubernetesResource> found = retry.call("list", ResourceKinds.ISTIO, null, ISTIO_NAMESPACE,
                () -> client.genericKubernetesResources(ResourceKinds.ISTIO).inNamespace(ISTIO_NAMESPACE).list().getItems());
        return found.stream()
                .min(Comparator.comparing(istio -> String.valueOf(istio.getMetadata().getCreationTimestamp())))
                .orElseThrow(() -> new ClusterFailure("no Istio custom resource (istios.operator.kyma-project.io) in "
                        + ISTIO_NAMESPACE + ": add the Istio module to the client cluster, or set enableEgressGateway"
                        + " to false if the egress gateway is managed elsewhere"));
    }

    @SuppressWarnings("unchecked")
    static Object egressGatewayEnabled(GenericKubernetesResource istio) {
        Object node = istio.getAdditionalProperties().get("spec");
        for (String step : List.of("components", "egressGateway", "enabled")) {
            if (!(node instanceof Map<?, ?> map)) {
                return null;
            }
            node = ((Map<String, Object>) map).get(step);
        }
        return node;
    }

    /** Our Telemetry for the egress gateway as it is now, or null. */
    static GenericKubernetesResource telemetry(KubernetesClient client, ApiRetry retry, String name) {
        return retry.call("get", ResourceKinds.TELEMETRY, name, GATEWAY_NAMESPACE, () -> client
                .genericKubernetesResources(ResourceKinds.TELEMETRY).inNamespace(GATEWAY_NAMESPACE).withName(name).get());
    }
}
