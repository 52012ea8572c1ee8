package io.jenkins.plugins.kymamtls.cluster;

import io.fabric8.kubernetes.api.model.Status;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import java.io.IOException;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Retries API calls that failed for reasons that pass: 429 (after the server's Retry-After), 500,
 * 502, 503, 504, connection reset or refused, timeouts; 409 conflicts are re-applied at once with
 * the same field manager. Any other 4xx fails at once. Bounded in attempts and in time, with
 * exponential backoff and jitter so parallel builds do not retry in step.
 */
public final class ApiRetry {

    /** How hard to try. */
    public record Policy(int maxAttempts, Duration firstDelay, Duration maxDelay, Duration maxTotal) {
        public static final Policy DEFAULT =
                new Policy(6, Duration.ofMillis(500), Duration.ofSeconds(8), Duration.ofSeconds(90));
    }

    private static final Set<Integer> TRANSIENT = Set.of(429, 500, 502, 503, 504);

    /** Waits between attempts; tests observe the waits instead of spending them. */
    interface Pause {
        void pause(Duration wait);
    }

    private final Policy policy;
    private final Consumer<String> log;
    private final Pause pause;

    public ApiRetry(Policy policy, Consumer<String> log) {
        this(policy, log, ApiRetry::sleep);
    }

    ApiRetry(Policy policy, Consumer<String> log, Pause pause) {
        this.policy = policy;
        this.log = log;
        this.pause = pause;
    }

    /**
     * A list of a kind that a cluster may not have: a real API server answers a collection request
     * for a kind whose CRD is not installed with 404 (a client cluster has no APIRules). Empty then;
     * every other answer as {@link #call}.
     */
    public <T> java.util.Optional<T> listIfInstalled(ResourceDefinitionContext kind, String namespace, Supplier<T> list) {
        return java.util.Optional.ofNullable(call("list", kind, null, namespace, () -> {
            try {
                return list.get();
            } catch (KubernetesClientException e) {
                if (e.getCode() == java.net.HttpURLConnection.HTTP_NOT_FOUND) {
                    return null;
                }
                throw e;
            }
        }));
    }

    /**
     * @param verb, kind, name, namespace what the call does, for messages
     */
    public <T> T call(String verb, ResourceDefinitionContext kind, String name, String namespace, Supplier<T> call) {
        long deadline = System.nanoTime() + policy.maxTotal().toNanos();
        Duration backoff = policy.firstDelay();
        for (int attempt = 1; ; attempt++) {
            try {
                return call.get();
            } catch (KubernetesClientException e) {
                String what = verb + " " + ResourceKinds.qualifiedPlural(kind) + (name == null ? "" : " " + name)
                        + (namespace == null ? "" : " in " + namespace);
                if (Thread.currentThread().isInterrupted() || isInterruption(e)) {
                    // An aborted build: stop now; everything applied so far is re-applied by the next run.
                    Thread.currentThread().interrupt();
                    throw new ClusterFailure("interrupted during " + what, e);
                }
                int code = e.getCode();
                boolean conflict = code == 409;
                boolean transientFailure = TRANSIENT.contains(code) || (code <= 0 && isNetwork(e));
                if (!conflict && !transientFailure) {
                    throw ApiErrors.describe(e, verb, ResourceKinds.qualifiedPlural(kind), name, namespace);
                }
                Duration wait = conflict ? Duration.ZERO : code == 429 ? retryAfter(e, backoff) : jitter(backoff);
                boolean outOfTime = System.nanoTime() + wait.toNanos() > deadline;
                if (attempt >= policy.maxAttempts() || outOfTime) {
                    ClusterFailure failure = ApiErrors.describe(e, verb, ResourceKinds.qualifiedPlural(kind), name,
                            namespace);
                    throw new ClusterFailure(failure.getMessage() + " (gave up after " + attempt + " attempts)", e);
                }
                log.accept("retrying " + what + " after " + (code > 0 ? "HTTP " + code : "a network error")
                        + " (attempt " + attempt + " of " + policy.maxAttempts() + ")");
                pause.pause(wait);
                backoff = backoff.multipliedBy(2).compareTo(policy.maxDelay()) > 0 ? policy.maxDelay() : backoff.multipliedBy(2);
            }
        }
    }

    /** A call that returns nothing. */
    public void run(String verb, ResourceDefinitionContext kind, String name, String namespace, Runnable call) {
        call(verb, kind, name, namespace, () -> {
            call.run();
            return null;
        });
    }

    private static boolean isInterruption(Throwable e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof InterruptedException || cause instanceof java.io.InterruptedIOException
                    && !(cause instanceof java.net.SocketTimeoutException)) {
                return true;
            }
        }
        return false;
    }

    private static boolean isNetwork(Throwable e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof IOException) {
                return true;
            }
        }
        return false;
    }

    /** The server's own advice (Status details.retryAfterSeconds, from the Retry-After header), else backoff. */
    private Duration retryAfter(KubernetesClientException e, Duration backoff) {
        Status status = e.getStatus();
        Integer seconds = status == null || status.getDetails() == null ? null : status.getDetails().getRetryAfterSeconds();
        Duration advised = seconds == null ? jitter(backoff) : Duration.ofSeconds(seconds);
        return advised.compareTo(policy.maxDelay()) > 0 ? policy.maxDelay() : advised;
    }

    private static Duration jitter(Duration backoff) {
        long millis = backoff.toMillis();
        return Duration.ofMillis(millis / 2 + ThreadLocalRandom.current().nextLong(millis / 2 + 1));
    }

    private static void sleep(Duration wait) {
        try {
            Thread.sleep(wait.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ClusterFailure("interrupted while waiting to retry");
        }
    }
}
