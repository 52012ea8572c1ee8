package io.jenkins.plugins.kymamtls.cluster;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.Informable;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Waits with a watch (list, then watch), not by polling, and reports progress at least every
 * {@link #PROGRESS_INTERVAL} so a build log shows it is alive. On timeout or failure the error
 * carries the cluster's own diagnostics.
 */
public final class Waiter {

    static final Duration PROGRESS_INTERVAL = Duration.ofSeconds(10);
    /** How long the first list may take when the deadline has already passed. */
    static final Duration FIRST_ANSWER = Duration.ofSeconds(5);

    private final KubernetesClient client;
    private final Consumer<String> log;
    private final Duration progressInterval;

    public Waiter(KubernetesClient client, Consumer<String> log) {
        this(client, log, PROGRESS_INTERVAL);
    }

    Waiter(KubernetesClient client, Consumer<String> log, Duration progressInterval) {
        this.client = client;
        this.log = log;
        this.progressInterval = progressInterval;
    }

    /**
     * @param what the object in words, e.g. {@code Deployment httpbin in mtls-demo}
     * @return the object as it was when it became ready
     */
    public GenericKubernetesResource await(ResourceDefinitionContext kind, String namespace, String name,
                                           Function<GenericKubernetesResource, Readiness.Verdict> check,
                                           Duration timeout, String what) {
        return await(client.genericKubernetesResources(kind).inNamespace(namespace).withName(name),
                items -> items.isEmpty() ? null : items.get(0), kind, namespace, name, check, timeout, what);
    }

    /**
     * Waits for any object with the label to be ready, e.g. a ready curl pod, whichever it is.
     *
     * @return the newest ready one
     */
    public GenericKubernetesResource awaitAny(ResourceDefinitionContext kind, String namespace, String labelKey,
                                              String labelValue, Function<GenericKubernetesResource, Readiness.Verdict> check,
                                              Duration timeout, String what) {
        return await(client.genericKubernetesResources(kind).inNamespace(namespace).withLabel(labelKey, labelValue),
                items -> items.stream().filter(item -> check.apply(item).state() == Readiness.State.READY)
                        .max(Comparator.comparing(item -> String.valueOf(item.getMetadata().getCreationTimestamp())))
                        .orElse(null),
                kind, namespace, null, check, timeout, what);
    }

    /**
     * Waits until the object no longer exists: a delete returns while finalizers still hold it.
     *
     * @param deadline {@link System#nanoTime()} by which it must be gone, shared by several waits
     * @param timeout the whole wait, for the message
     */
    public void awaitGone(ResourceDefinitionContext kind, String namespace, String name, long deadline,
                          Duration timeout, String what) {
        await(client.genericKubernetesResources(kind).inNamespace(namespace).withName(name),
                items -> items.isEmpty() ? null : items.get(0), kind, namespace, name, Readiness::gone, deadline,
                timeout, what, "gone");
    }

    private GenericKubernetesResource await(Informable<GenericKubernetesResource> target,
                                            Function<List<GenericKubernetesResource>, GenericKubernetesResource> pick,
                                            ResourceDefinitionContext kind, String namespace, String name,
                                            Function<GenericKubernetesResource, Readiness.Verdict> check,
                                            Duration timeout, String what) {
        return await(target, pick, kind, namespace, name, check, System.nanoTime() + timeout.toNanos(), timeout, what,
                "ready");
    }

    /** @param goal what the check waits for, in words: "ready", "gone" */
    private GenericKubernetesResource await(Informable<GenericKubernetesResource> target,
                                            Function<List<GenericKubernetesResource>, GenericKubernetesResource> pick,
                                            ResourceDefinitionContext kind, String namespace, String name,
                                            Function<GenericKubernetesResource, Readiness.Verdict> check,
                                            long deadline, Duration timeout, String what, String goal) {
        AtomicReference<Readiness.Verdict> last = new AtomicReference<>(Readiness.Verdict.waiting("not seen yet"));
        AtomicReference<GenericKubernetesResource> seen = new AtomicReference<>();
        CompletableFuture<List<GenericKubernetesResource>> done;
        try {
            done = target
                    .informOnCondition(items -> {
                        GenericKubernetesResource current = pick.apply(items);
                        seen.set(current);
                        Readiness.Verdict verdict = check.apply(current);
                        last.set(verdict);
                        return verdict.state() != Readiness.State.WAITING;
                    });
        } catch (KubernetesClientException e) {
            throw ApiErrors.describe(e, "watch", ResourceKinds.qualifiedPlural(kind), name, namespace);
        }
        long started = System.nanoTime();
        boolean firstListHadItsTime = false;
        try {
            while (true) {
                long left = deadline - System.nanoTime();
                if (left <= 0 && firstListHadItsTime) {
                    throw new ClusterFailure("timed out after " + timeout.toSeconds() + " s waiting for " + what
                            + " to be " + goal + ": " + last.get().detail()
                            + Diagnostics.of(client, namespace).describe(seen.get()));
                }
                try {
                    // A shared deadline may have passed while an earlier wait ran: the first list
                    // still gets its time to say the object is already gone (or ready).
                    done.get(left > 0 ? Math.min(left, progressInterval.toNanos()) : FIRST_ANSWER.toNanos(),
                            TimeUnit.NANOSECONDS);
                    break;
                } catch (TimeoutException stillWaiting) {
                    firstListHadItsTime = true;
                    if (deadline - System.nanoTime() > 0) {
                        log.accept("waiting for " + what + " (" + Duration.ofNanos(System.nanoTime() - started)
                                .toSeconds() + " s): " + last.get().detail());
                    }
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ClusterFailure("interrupted while waiting for " + what);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof KubernetesClientException api) {
                throw ApiErrors.describe(api, "watch", ResourceKinds.qualifiedPlural(kind), name, namespace);
            }
            throw new ClusterFailure("watching " + what + " failed: " + cause, cause);
        } finally {
            done.cancel(true);
        }
        Readiness.Verdict verdict = last.get();
        if (verdict.state() == Readiness.State.FAILED) {
            throw new ClusterFailure(what + " failed: " + verdict.detail()
                    + Diagnostics.of(client, namespace).describe(seen.get()));
        }
        log.accept(what + " is " + goal);
        return seen.get();
    }
}
