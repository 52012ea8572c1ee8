package io.jenkins.plugins.kymamtls.engine;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
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
import java.net.HttpURLConnection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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

    private static final Duration EXEC_TIMEOUT = Duration.ofSeconds(30);
    /** Log lines are read from this long before the verification started, for slow flushes and clocks. */
    private static final int LOG_MARGIN_SECONDS = 30;
    private static final String LOG_NOT_READABLE = "the egress gateway's log cannot be read yet: ";
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

    /** What {@link #prepare} applied and waited for, ready to be verified. */
    public record Prepared(EgressParameters parameters, List<String> applied, String istioName, boolean turnedOn) {
    }

    public Result run(KubernetesClient client, EgressParameters p, Consumer<String> log) {
        return verify(client, prepare(client, p, log), log);
    }

    /**
     * Everything up to the verification: the checks before the first write, the applies and the
     * waits. It needs nothing of the target cluster, so the whole flow runs it while the target is
     * being exposed, and verifies once that is done.
     */
    public Prepared prepare(KubernetesClient client, EgressParameters p, Consumer<String> log) {
        ApiRetry retry = new ApiRetry(retryPolicy, log);
        String istioName = null;
        boolean turnedOn = false;
        GenericKubernetesResource istio = null;
        if (p.enableEgressGateway()) {
            istio = istioResource(client, retry);
            istioName = istio.getMetadata().getName();
            boolean alreadyOn = Boolean.TRUE.equals(egressGatewayEnabled(istio));
            turnedOn = !alreadyOn;
            log.accept(alreadyOn ? "the egress gateway is already enabled in Istio " + istioName
                    : "enabling the egress gateway in Istio " + istioName);
        }
        ResourceApplier applier = new ResourceApplier(client, log, retryPolicy);
        List<RenderedResource> resources = Manifests.client(p, istioName == null ? "default" : istioName);
        applier.checkAccess(resources);
        // Before the first write: the host is not another namespace's, and what this namespace
        // writes in istio-system is free or its own.
        RenderedResource rule = resources.stream()
                .filter(r -> r.template().equals(Manifests.ORIGINATE_MTLS_TEMPLATE)).findFirst().orElseThrow();
        oneRulePerHost(client, retry, p, rule);
        Map<RenderedResource, String> settings = new LinkedHashMap<>();
        for (RenderedResource resource : Ownership.owned(resources)) {
            settings.put(resource, resource == rule ? "the domain (one host, one client certificate)" : "secretName");
        }
        new Ownership(client, retry, log, p.namespace()).claim(Ownership.owned(resources), settings);
        SharedUse shared = new SharedUse(client, retry, applier, log);
        List<String> applied = new ArrayList<>();
        GenericKubernetesResource istioAfter = null;
        GenericKubernetesResource curlAfter = null;
        for (RenderedResource resource : resources) {
            if (resource.template().equals(Manifests.ISTIO_TEMPLATE)) {
                shared.carryOverLegacy(istio, resource, SharedUse.LEGACY_SWITCH_ANNOTATION);
                istioAfter = shared.hold(resource, p.namespace());
            } else if (resource.template().equals(Manifests.TELEMETRY_TEMPLATE)) {
                // The apply's answer shows an earlier version's record, if any: no read before it.
                shared.carryOverLegacy(shared.hold(resource, p.namespace()), resource,
                        SharedUse.LEGACY_USED_BY_ANNOTATION);
            } else if (!settings.containsKey(resource)) {
                GenericKubernetesResource answer = applier.apply(resource);
                if (resource.resource().getKind().equals("Deployment")) {
                    curlAfter = answer;
                }
            }
            applied.add(resource.describe());
        }

        // The waits for what this run applied start from the applies' answers.
        Waiter waiter = new Waiter(client, log);
        if (p.enableEgressGateway()) {
            GenericKubernetesResource ready = waiter.awaitApplied(ResourceKinds.ISTIO, istioAfter,
                    Readiness::istioState, p.timeouts().ready(), "Istio " + istioName + " in " + ISTIO_NAMESPACE);
            Readiness.Verdict state = Readiness.istioState(ready);
            if (!state.detail().equals("Ready")) {
                log.accept("Istio " + istioName + " reports " + state.detail() + "; going on, the egress gateway"
                        + " Deployment decides");
            }
        }
        waiter.await(ResourceKinds.DEPLOYMENT, GATEWAY_NAMESPACE, EGRESS_GATEWAY, Readiness::deployment,
                p.timeouts().ready(), "Deployment " + EGRESS_GATEWAY + " in " + GATEWAY_NAMESPACE);
        if (p.curlWorkload()) {
            waiter.awaitApplied(ResourceKinds.DEPLOYMENT, curlAfter, Readiness::deployment, p.timeouts().ready(),
                    "Deployment curl in " + p.namespace());
        }
        return new Prepared(p, applied, istioName, turnedOn);
    }

    /** The proof: plain HTTP from a pod comes back 200 through the egress gateway, with our client certificate. */
    public Result verify(KubernetesClient client, Prepared prepared, Consumer<String> log) {
        EgressParameters p = prepared.parameters();
        List<String> applied = prepared.applied();
        String istioName = prepared.istioName();
        boolean turnedOn = prepared.turnedOn();
        PodCommands pods = new PodCommands(client);
        GenericKubernetesResource curlPod = pods.readyPod(p.namespace(), "app", "curl");
        String pod = curlPod.getMetadata().getName();
        String url = "http://" + p.domain() + "/headers";
        String routeMark = "outbound|443||" + p.domain();
        VerificationTimeline timeline = new VerificationTimeline(p.timeouts().verify());
        long started = System.nanoTime();
        int attempt = 0;
        String requestId = null;
        PodCommands.Outcome curl = null;
        while (true) {
            attempt++;
            // Evidence from this request only: the gateway's access log records the request id
            // (Istio's default format has %REQ(X-REQUEST-ID)%), and the sidecar keeps the app's id.
            // When the answer was right but the gateway's log could not be read yet (a pod just
            // started), the same request is looked for again rather than sent again.
            if (curl == null) {
                requestId = "kyma-mtls-" + UUID.randomUUID();
                curl = pods.exec(curlPod, "curl", EXEC_TIMEOUT,
                        "curl", "-sS", "-i", "--max-time", "10", "-H", "X-Request-Id: " + requestId, url);
            }
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
                List<String> unreadable = new ArrayList<>();
                String sent = requestId;
                for (String gatewayPod : pods.pods(GATEWAY_NAMESPACE, "istio", "egressgateway")) {
                    try {
                        lastLog = pods.log(GATEWAY_NAMESPACE, gatewayPod, "istio-proxy", since);
                    } catch (ClusterFailure notYet) {
                        if (!logNotReadableYet(notYet)) {
                            throw notYet;
                        }
                        unreadable.add(notYet.getMessage());
                        continue;
                    }
                    if (lastLog.lines().anyMatch(line -> line.contains(routeMark) && line.contains(sent))) {
                        routed.add(gatewayPod);
                    }
                }
                if (routed.isEmpty() && !unreadable.isEmpty()) {
                    problem = LOG_NOT_READABLE + String.join("; ", unreadable);
                } else if (routed.isEmpty()) {
                    problem = "no egress gateway pod's access log has this request (X-Request-Id " + requestId
                            + ") with '" + routeMark + "': the request did not leave through the egress gateway,"
                            + " or its access log is off";
                }
            }
            if (problem != null && !problem.startsWith(LOG_NOT_READABLE)) {
                curl = null;
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

    /**
     * The egress gateway originates mTLS for a host with one client certificate: one DestinationRule
     * of ours per host in istio-system. Another namespace's for this host stops the run; this
     * namespace's own, or an earlier version's (no owner recorded), under another name is the one
     * this run writes, so the host never gets two.
     */
    static void oneRulePerHost(KubernetesClient client, ApiRetry retry, EgressParameters p, RenderedResource rule) {
        ResourceDefinitionContext kind = ResourceKinds.named("DestinationRule");
        List<GenericKubernetesResource> ours = retry.call("list", kind, null, GATEWAY_NAMESPACE,
                () -> client.genericKubernetesResources(kind).inNamespace(GATEWAY_NAMESPACE)
                        .withLabel(Manifests.MANAGED_BY_LABEL, Manifests.MANAGER).list().getItems());
        for (GenericKubernetesResource existing : ours) {
            Object spec = existing.getAdditionalProperties().get("spec");
            String name = existing.getMetadata().getName();
            if (!(spec instanceof Map<?, ?> fields) || !p.domain().equals(fields.get("host"))
                    || name.equals(rule.resource().getMetadata().getName())) {
                continue;
            }
            String owner = Manifests.owner(existing);
            if (owner != null && !owner.equals(p.namespace())) {
                throw new ClusterFailure("409 conflict: DestinationRule " + name + " in " + GATEWAY_NAMESPACE
                        + " originates mTLS for " + p.domain() + " for namespace " + owner + ", and the egress gateway"
                        + " has one client certificate per host; route this host from namespace " + owner + ", or set"
                        + " domain to another host (checked before any change: nothing was applied)");
            }
            rule.resource().getMetadata().setName(name);
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
     * A pod's log that the API server cannot serve yet: a gateway pod still starting (its container
     * has no log yet, 400), or one that was just replaced (404). Not yet, not broken: verified again.
     */
    static boolean logNotReadableYet(ClusterFailure failure) {
        return failure.getCause() instanceof KubernetesClientException e
                && (e.getCode() == HttpURLConnection.HTTP_BAD_REQUEST || e.getCode() == HttpURLConnection.HTTP_NOT_FOUND);
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
}
