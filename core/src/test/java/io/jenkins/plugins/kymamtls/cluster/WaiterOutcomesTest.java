package io.jenkins.plugins.kymamtls.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.jenkins.plugins.kymamtls.testing.MockCluster;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** How each wait ends: ready, failed for good, gone, refused, out of time, or aborted. */
class WaiterOutcomesTest {

    private final MockCluster cluster = new MockCluster();
    private final List<String> log = new ArrayList<>();

    @AfterEach
    void stop() {
        cluster.close();
    }

    private Waiter waiter() {
        return new Waiter(cluster.client(), log::add, Duration.ofMillis(200));
    }

    private void apiRule(String state, String description) {
        cluster.create(ResourceKinds.APIRULE, "demo", "httpbin", Map.of(), Map.of(), Map.of());
        cluster.setStatus(ResourceKinds.APIRULE, "demo", "httpbin", Map.of("state", state, "description", description));
    }

    @Test
    void aReadyObjectIsReturnedAsItWasSeen() {
        apiRule("Ready", "reconciled");
        GenericKubernetesResource ready = waiter().await(ResourceKinds.APIRULE, "demo", "httpbin", Readiness::kymaState,
                Duration.ofSeconds(20), "APIRule httpbin in demo");
        assertEquals("httpbin", ready.getMetadata().getName());
        assertEquals(List.of("APIRule httpbin in demo is ready"), log);
    }

    @Test
    void aFailedStateEndsTheWaitAtOnceWithTheObjectsStatus() {
        apiRule("Error", "Validation error: host is occupied");
        long started = System.nanoTime();
        ClusterFailure failure = assertThrows(ClusterFailure.class, () -> waiter().await(ResourceKinds.APIRULE, "demo",
                "httpbin", Readiness::kymaState, Duration.ofMinutes(5), "APIRule httpbin in demo"));
        assertTrue(System.nanoTime() - started < Duration.ofMinutes(4).toNanos(), "did not wait for the timeout");
        assertEquals("APIRule httpbin in demo failed: status.state Error: Validation error: host is occupied"
                + "\n  status.state: Error\n  status.description: Validation error: host is occupied",
                failure.getMessage());
        assertTrue(log.stream().noneMatch(line -> line.endsWith(" is ready")), log::toString);
    }

    @Test
    void ofManyPodsTheNewestReadyOneIsTaken() {
        Map<String, Object> ready = Map.of("conditions", List.of(Map.of("type", "Ready", "status", "True")));
        cluster.create(ResourceKinds.POD, "demo", "curl-old", Map.of("app", "curl"), Map.of(), ready);
        cluster.create(ResourceKinds.POD, "demo", "curl-starting", Map.of("app", "curl"), Map.of(), Map.of("phase", "Pending"));
        sleepPastOneSecond();
        cluster.create(ResourceKinds.POD, "demo", "curl-new", Map.of("app", "curl"), Map.of(), ready);
        sleepPastOneSecond();
        cluster.create(ResourceKinds.POD, "demo", "curl-newest-not-ready", Map.of("app", "curl"), Map.of(),
                Map.of("phase", "Pending"));
        cluster.create(ResourceKinds.POD, "demo", "other", Map.of("app", "other"), Map.of(), ready);
        GenericKubernetesResource pod = waiter().awaitAny(ResourceKinds.POD, "demo", "app", "curl", Readiness::pod,
                Duration.ofSeconds(20), "a ready curl pod in demo");
        assertEquals("curl-new", pod.getMetadata().getName());
    }

    /** Creation timestamps have whole seconds. */
    private static void sleepPastOneSecond() {
        try {
            Thread.sleep(1100);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Test
    void anObjectAlreadyGoneCountsEvenWhenTheSharedDeadlineHasPassed() {
        waiter().awaitGone(ResourceKinds.APIRULE, "demo", "httpbin", System.nanoTime() - 1, Duration.ofSeconds(30),
                "APIRule httpbin in demo");
        assertEquals(List.of("APIRule httpbin in demo is gone"), log);
    }

    @Test
    void anObjectStillThereAtThePassedDeadlineIsNamedWithWhatHoldsIt() {
        cluster.create(ResourceKinds.APIRULE, "demo", "httpbin", Map.of(), Map.of(), Map.of());
        ClusterFailure failure = assertThrows(ClusterFailure.class, () -> waiter().awaitGone(ResourceKinds.APIRULE, "demo",
                "httpbin", System.nanoTime() + Duration.ofMillis(300).toNanos(), Duration.ofSeconds(30),
                "APIRule httpbin in demo"));
        assertTrue(failure.getMessage().startsWith("timed out after 30 s waiting for APIRule httpbin in demo to be gone:"
                + " still there, not deleted"), failure.getMessage());
    }

    @Test
    void aRefusedWatchNamesTheResource() {
        cluster.fail("GET", "/apirules", 403, "apirules.gateway.kyma-project.io is forbidden", Integer.MAX_VALUE);
        ClusterFailure failure = assertThrows(ClusterFailure.class, () -> waiter().await(ResourceKinds.APIRULE, "demo",
                "httpbin", Readiness::kymaState, Duration.ofSeconds(10), "APIRule httpbin in demo"));
        assertTrue(failure.getMessage().startsWith("403 forbidden: cannot watch apirules.gateway.kyma-project.io httpbin"
                + " in demo"), failure.getMessage());
    }

    @Test
    void anAbortedBuildStopsWaitingAndKeepsItsInterrupt() throws Exception {
        cluster.create(ResourceKinds.APIRULE, "demo", "httpbin", Map.of(), Map.of(), Map.of());
        CountDownLatch waiting = new CountDownLatch(1);
        CompletableFuture<Object[]> outcome = new CompletableFuture<>();
        Thread build = new Thread(() -> {
            try {
                new Waiter(cluster.client(), line -> waiting.countDown(), Duration.ofMillis(100)).await(
                        ResourceKinds.APIRULE, "demo", "httpbin", Readiness::kymaState, Duration.ofMinutes(5),
                        "APIRule httpbin in demo");
                outcome.complete(new Object[] {null, false});
            } catch (RuntimeException e) {
                outcome.complete(new Object[] {e, Thread.currentThread().isInterrupted()});
            }
        });
        build.start();
        assertTrue(waiting.await(30, TimeUnit.SECONDS));
        build.interrupt();
        Object[] ended = outcome.get(30, TimeUnit.SECONDS);
        assertEquals("interrupted while waiting for APIRule httpbin in demo", ((RuntimeException) ended[0]).getMessage());
        assertEquals(true, ended[1]);
    }
}
