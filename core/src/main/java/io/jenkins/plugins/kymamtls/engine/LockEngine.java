package io.jenkins.plugins.kymamtls.engine;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.jenkins.plugins.kymamtls.cluster.ApiRetry;
import io.jenkins.plugins.kymamtls.cluster.ClusterFailure;
import io.jenkins.plugins.kymamtls.cluster.PodCommands;
import io.jenkins.plugins.kymamtls.cluster.Readiness;
import io.jenkins.plugins.kymamtls.cluster.ResourceApplier;
import io.jenkins.plugins.kymamtls.cluster.ResourceKinds;
import io.jenkins.plugins.kymamtls.cluster.Waiter;
import io.jenkins.plugins.kymamtls.resources.LockParameters;
import io.jenkins.plugins.kymamtls.resources.Manifests;
import io.jenkins.plugins.kymamtls.resources.RenderedResource;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code kymaLockEgress} on the client cluster: a NetworkPolicy that lets the namespace reach only
 * DNS and istio-system, then proof from the curl pod that the allowed URL still works and the
 * blocked one does not.
 */
public final class LockEngine {

    /** curl's exit codes for a connection that never got an answer: refused, timed out, TLS reset, no data. */
    static final Set<Integer> BLOCKED_EXIT_CODES = Set.of(7, 28, 35, 56);
    private static final Duration EXEC_TIMEOUT = Duration.ofSeconds(30);
    private static final Pattern CURL_ERROR = Pattern.compile("(?m)^curl: \\(([0-9]{1,3})\\) ");

    /** What the step did, in plain values. */
    /**
     * @param proven whether the blocked URL was reached before the lock and not after; without that
     *               baseline a failing request proves nothing about the NetworkPolicy
     * @param proof  why the lock is or is not proven, in words
     */
    public record Result(List<String> applied, List<String> dnsAddresses, String curlPod, String allowed,
                         String blocked, boolean proven, String proof) {
    }

    private final ApiRetry.Policy retryPolicy;

    public LockEngine() {
        this(ApiRetry.Policy.DEFAULT);
    }

    public LockEngine(ApiRetry.Policy retryPolicy) {
        this.retryPolicy = retryPolicy;
    }

    public Result run(KubernetesClient client, LockParameters p, Consumer<String> log) {
        List<String> dns = p.dnsAddresses().isEmpty()
                ? defaultDnsAddresses(client, new ApiRetry(retryPolicy, log)) : p.dnsAddresses();
        log.accept("DNS allowed to " + dns);
        ResourceApplier applier = new ResourceApplier(client, log, retryPolicy);
        List<RenderedResource> resources = Manifests.lock(p, dns);
        applier.checkAccess(resources);
        PodCommands pods = new PodCommands(client);
        // The curl pod may still be starting (the egress step has just made it): wait, up to readyTimeout.
        GenericKubernetesResource curlPod = new Waiter(client, log).awaitAny(ResourceKinds.POD, p.namespace(), "app",
                "curl", Readiness::pod, p.timeouts().ready(), "a pod with app=curl in " + p.namespace());
        String pod = curlPod.getMetadata().getName();
        String before = request(pods, curlPod, p.blockedUrl());
        log.accept("before the lock: " + p.blockedUrl() + " from pod " + pod + ": " + before);
        List<String> applied = new ArrayList<>();
        for (RenderedResource resource : resources) {
            applier.apply(resource);
            applied.add(resource.describe());
        }
        VerificationTimeline timeline = new VerificationTimeline(p.timeouts().verify());
        int attempt = 0;
        while (true) {
            attempt++;
            String allowed = p.allowedUrl() == null ? "not checked" : request(pods, curlPod, p.allowedUrl());
            String blocked = request(pods, curlPod, p.blockedUrl());
            String problem = null;
            if (p.allowedUrl() != null && !isSuccess(allowed)) {
                problem = "the allowed URL " + p.allowedUrl() + " failed: " + allowed;
            } else if (!isBlocked(blocked)) {
                problem = "the blocked URL " + p.blockedUrl() + " was not blocked: " + blocked;
            }
            if (problem == null) {
                log.accept("verified: " + (p.allowedUrl() == null ? "" : p.allowedUrl() + " from pod " + pod + ": "
                        + allowed + "; ") + p.blockedUrl() + " blocked: " + blocked);
                boolean proven = !isBlocked(before);
                String proof = proven ? p.blockedUrl() + " was reached before the lock (" + before
                        + ") and is blocked after it"
                        : p.blockedUrl() + " was already blocked before the lock (" + before + "): the cluster, or"
                        + " a lock from an earlier run, blocks it anyway, so this run does not prove the NetworkPolicy";
                log.accept((proven ? "lock proven: " : "lock NOT proven: ") + proof);
                return new Result(applied, dns, pod, allowed, blocked, proven, proof);
            }
            if (!timeline.pause()) {
                throw new ClusterFailure("lock verification failed after " + attempt + " attempts in "
                        + p.timeouts().verify().toSeconds() + " s: " + problem
                        + (isBlocked(blocked) ? "" : " (does the cluster's CNI enforce NetworkPolicies?)"));
            }
            log.accept("lock not effective yet (attempt " + attempt + "): " + problem);
        }
    }

    /** Returns {@code HTTP nnn} or {@code curl exit n: message}. */
    private static String request(PodCommands pods, GenericKubernetesResource pod, String url) {
        PodCommands.Outcome outcome = pods.exec(pod, "curl", EXEC_TIMEOUT,
                "curl", "-sS", "-o", "/dev/null", "-w", "%{http_code}", "--max-time", "10", url);
        String code = outcome.stdout().strip();
        if (outcome.exitCode() == 0 && code.matches("[0-9]{3}")) {
            return "HTTP " + code;
        }
        return "curl exit " + curlExitCode(outcome) + ": " + outcome.stderr().strip();
    }

    /**
     * Some exec back ends (kwok, and kubelets whose runtime reports a failed command as an internal
     * error) end the stream without the exit code; then curl's own {@code -sS} line, "curl: (7) …",
     * names it.
     */
    static int curlExitCode(PodCommands.Outcome outcome) {
        if (outcome.exitCode() >= 0) {
            return outcome.exitCode();
        }
        Matcher said = CURL_ERROR.matcher(outcome.stderr());
        return said.find() ? Integer.parseInt(said.group(1)) : outcome.exitCode();
    }

    static boolean isSuccess(String outcome) {
        return outcome.startsWith("HTTP 2") || outcome.startsWith("HTTP 3");
    }

    /** Blocked: no connection (curl 7, 28, 35, 56) or a 5xx from the sidecar that found no route. */
    static boolean isBlocked(String outcome) {
        if (outcome.startsWith("HTTP 5")) {
            return true;
        }
        if (outcome.startsWith("curl exit ")) {
            String code = outcome.substring("curl exit ".length(), outcome.indexOf(':'));
            return BLOCKED_EXIT_CODES.contains(Integer.parseInt(code));
        }
        return false;
    }

    /** The kube-dns ClusterIP and the node-local DNS cache Gardener clusters use. */
    @SuppressWarnings("unchecked")
    private static List<String> defaultDnsAddresses(KubernetesClient client, ApiRetry retry) {
        GenericKubernetesResource service = retry.call("get", ResourceKinds.SERVICE, "kube-dns", "kube-system",
                () -> client.genericKubernetesResources(ResourceKinds.SERVICE).inNamespace("kube-system")
                        .withName("kube-dns").get());
        Object spec = service == null ? null : service.getAdditionalProperties().get("spec");
        Object clusterIp = spec instanceof Map<?, ?> map ? ((Map<String, Object>) map).get("clusterIP") : null;
        if (!(clusterIp instanceof String ip) || ip.isBlank() || "None".equals(ip)) {
            throw new ClusterFailure("cannot find the kube-dns ClusterIP in kube-system; give dnsAddresses explicitly");
        }
        return List.of(ip, LockParameters.NODE_LOCAL_DNS);
    }
}
