package io.jenkins.plugins.kymamtls.cluster;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.api.model.ListOptionsBuilder;
import io.fabric8.kubernetes.client.Watch;
import io.fabric8.kubernetes.client.Watcher;
import io.fabric8.kubernetes.client.WatcherException;
import io.fabric8.kubernetes.client.dsl.Informable;
import io.fabric8.kubernetes.client.dsl.Watchable;
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
     * Waits for an object this run has just applied, starting from the apply's answer: ready then, it
     * costs no request; otherwise one watch from that answer's resourceVersion, without the list that
     * would only repeat it. A resourceVersion the server no longer keeps (410 Gone) falls back to
     * list and watch, and so does a failed state, which a fresh list confirms or clears.
     *
     * @param applied the object as the server-side apply answered
     */
    public GenericKubernetesResource awaitApplied(ResourceDefinitionContext kind, GenericKubernetesResource applied,
                                                  Function<GenericKubernetesResource, Readiness.Verdict> check,
                                                  Duration timeout, String what) {
        String namespace = applied.getMetadata().getNamespace();
        String name = applied.getMetadata().getName();
        Readiness.Verdict now = check.apply(applied);
        String version = applied.getMetadata().getResourceVersion();
        if (now.state() == Readiness.State.READY) {
            log.accept(what + " is ready");
            return applied;
        }
        if (now.state() == Readiness.State.FAILED || version == null) {
            return await(kind, namespace, name, check, timeout, what);
        }
        return await(client.genericKubernetesResources(kind).inNamespace(namespace).withName(name),
                items -> items.isEmpty() ? null : items.get(0), kind, namespace, name, check,
                System.nanoTime() + timeout.toNanos(), timeout, what, "ready", new Start(applied, now, version));
    }

    /** Where a wait starts: the object as last seen, and the resourceVersion to watch from. */
    private record Start(GenericKubernetesResource seen, Readiness.Verdict verdict, String version) {
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
                timeout, what, "gone", null);
    }

    private <W extends Informable<GenericKubernetesResource> & Watchable<GenericKubernetesResource>>
            GenericKubernetesResource await(W target,
                                            Function<List<GenericKubernetesResource>, GenericKubernetesResource> pick,
                                            ResourceDefinitionContext kind, String namespace, String name,
                                            Function<GenericKubernetesResource, Readiness.Verdict> check,
                                            Duration timeout, String what) {
        return await(target, pick, kind, namespace, name, check, System.nanoTime() + timeout.toNanos(), timeout, what,
                "ready", null);
    }

    /**
     * @param goal what the check waits for, in words: "ready", "gone"
     * @param start null to list and watch; otherwise the object as last seen and the version to watch from
     */
    private <W extends Informable<GenericKubernetesResource> & Watchable<GenericKubernetesResource>>
            GenericKubernetesResource await(W target,
                                            Function<List<GenericKubernetesResource>, GenericKubernetesResource> pick,
                                            ResourceDefinitionContext kind, String namespace, String name,
                                            Function<GenericKubernetesResource, Readiness.Verdict> check,
                                            long deadline, Duration timeout, String what, String goal, Start start) {
        AtomicReference<Readiness.Verdict> last = new AtomicReference<>(start == null
                ? Readiness.Verdict.waiting("not seen yet") : start.verdict());
        AtomicReference<GenericKubernetesResource> seen = new AtomicReference<>(start == null ? null : start.seen());
        Function<List<GenericKubernetesResource>, Boolean> decided = items -> {
            GenericKubernetesResource current = pick.apply(items);
            seen.set(current);
            Readiness.Verdict verdict = check.apply(current);
            last.set(verdict);
            return verdict.state() != Readiness.State.WAITING;
        };
        CompletableFuture<List<GenericKubernetesResource>> done;
        try {
            done = start == null ? target.informOnCondition(decided::apply) : watchFrom(target, start.version(), decided);
        } catch (KubernetesClientException e) {
            if (Thread.currentThread().isInterrupted() || e.getCause() instanceof InterruptedException) {
                Thread.currentThread().interrupt();
                throw new ClusterFailure("interrupted while waiting for " + what);
            }
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

    /**
     * Completes when an event after {@code version} decides; a version the server no longer keeps
     * (410 Gone) continues as list and watch. Cancelling the result ends the watch or the informer.
     */
    private static <W extends Informable<GenericKubernetesResource> & Watchable<GenericKubernetesResource>>
            CompletableFuture<List<GenericKubernetesResource>> watchFrom(
                    W target, String version, Function<List<GenericKubernetesResource>, Boolean> decided) {
        CompletableFuture<List<GenericKubernetesResource>> done = new CompletableFuture<>();
        Watch watch = target.watch(new ListOptionsBuilder().withResourceVersion(version).build(), new Watcher<>() {
            @Override
            public void eventReceived(Action action, GenericKubernetesResource resource) {
                List<GenericKubernetesResource> now = action == Action.DELETED ? List.of() : List.of(resource);
                if (action != Action.BOOKMARK && action != Action.ERROR && decided.apply(now)) {
                    done.complete(now);
                }
            }

            @Override
            public void onClose(WatcherException cause) {
                if (!cause.isHttpGone()) {
                    done.completeExceptionally(cause.asClientException());
                    return;
                }
                CompletableFuture<List<GenericKubernetesResource>> listed = target.informOnCondition(decided::apply);
                listed.whenComplete((items, failure) -> {
                    if (failure != null) {
                        done.completeExceptionally(failure);
                    } else {
                        done.complete(items);
                    }
                });
                done.whenComplete((items, failure) -> listed.cancel(true));
            }

            @Override
            public void onClose() {
                // Closed by us once the wait is over.
            }
        });
        done.whenComplete((items, failure) -> watch.close());
        return done;
    }
}
