package io.jenkins.plugins.kymamtls.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.StatusBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.io.InterruptedIOException;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * How long the retries wait and when they stop: the server's Retry-After, exponential backoff with
 * jitter up to the cap, the total deadline, and an aborted build. The waits are recorded, not spent.
 */
class ApiRetryPolicyTest {

    private final List<Duration> waits = new ArrayList<>();
    private final List<String> log = new ArrayList<>();

    private ApiRetry retry(ApiRetry.Policy policy) {
        return new ApiRetry(policy, log::add, waits::add);
    }

    private static KubernetesClientException answered(int code, Integer retryAfterSeconds) {
        StatusBuilder status = new StatusBuilder().withCode(code).withMessage("answer " + code);
        if (retryAfterSeconds != null) {
            status.withNewDetails().withRetryAfterSeconds(retryAfterSeconds).endDetails();
        }
        return new KubernetesClientException(status.build());
    }

    /** Fails with the given exceptions in turn, then answers. */
    private static java.util.function.Supplier<String> failing(List<KubernetesClientException> failures, int[] calls) {
        return () -> {
            if (calls[0] < failures.size()) {
                throw failures.get(calls[0]++);
            }
            calls[0]++;
            return "answered";
        };
    }

    @Test
    void tooManyRequestsWaitsTheServersRetryAfterCappedAtTheLongestDelay() {
        int[] calls = {0};
        String answer = retry(new ApiRetry.Policy(5, Duration.ofMillis(100), Duration.ofSeconds(8), Duration.ofMinutes(5)))
                .call("patch", ResourceKinds.ISTIO, "default", "kyma-system",
                        failing(List.of(answered(429, 3), answered(429, 20), answered(429, null)), calls));
        assertEquals("answered", answer);
        assertEquals(4, calls[0]);
        assertEquals(Duration.ofSeconds(3), waits.get(0));
        assertEquals(Duration.ofSeconds(8), waits.get(1));
        // Without advice: the backoff, which has doubled twice by then, with jitter.
        assertTrue(waits.get(2).compareTo(Duration.ofMillis(200)) >= 0 && waits.get(2).compareTo(Duration.ofMillis(400)) <= 0,
                waits.toString());
        assertEquals("retrying patch istios.operator.kyma-project.io default in kyma-system after HTTP 429 (attempt 1"
                + " of 5)", log.get(0));
    }

    @Test
    void backoffDoublesFromTheFirstDelayUpToTheCapWithJitterOfUpToHalf() {
        int[] calls = {0};
        List<KubernetesClientException> failures = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            failures.add(answered(503, null));
        }
        retry(new ApiRetry.Policy(7, Duration.ofSeconds(1), Duration.ofSeconds(4), Duration.ofHours(1)))
                .call("get", ResourceKinds.DEPLOYMENT, "egress", "istio-system", failing(failures, calls));
        assertEquals(7, calls[0]);
        long[] nominal = {1000, 2000, 4000, 4000, 4000, 4000};
        assertEquals(nominal.length, waits.size());
        for (int i = 0; i < nominal.length; i++) {
            long millis = waits.get(i).toMillis();
            assertTrue(millis >= nominal[i] / 2 && millis <= nominal[i], "wait " + i + ": " + waits);
        }
    }

    @Test
    void aWaitThatWouldPassTheTotalDeadlineEndsTheRetries() {
        int[] calls = {0};
        ClusterFailure failure = assertThrows(ClusterFailure.class,
                () -> retry(new ApiRetry.Policy(6, Duration.ofMillis(100), Duration.ofSeconds(8), Duration.ofSeconds(3)))
                        .call("list", ResourceKinds.POD, null, "mtls-client", failing(List.of(answered(429, 5)), calls)));
        assertEquals("429 too many requests: cannot list pods in mtls-client: answer 429 (gave up after 1 attempts)",
                failure.getMessage());
        assertEquals(1, calls[0]);
        assertEquals(List.of(), waits);
        assertEquals(List.of(), log);
    }

    @Test
    void conflictsAreRetriedAtOnceWithoutWaiting() {
        int[] calls = {0};
        retry(ApiRetry.Policy.DEFAULT).call("apply", ResourceKinds.SERVICE, "httpbin", "mtls-demo",
                failing(List.of(answered(409, null), answered(409, null)), calls));
        assertEquals(List.of(Duration.ZERO, Duration.ZERO), waits);
    }

    @Test
    void anAbortedBuildStopsAtOnceAndKeepsItsInterrupt() {
        int[] calls = {0};
        Thread.currentThread().interrupt();
        try {
            ClusterFailure failure = assertThrows(ClusterFailure.class, () -> retry(ApiRetry.Policy.DEFAULT)
                    .call("get", ResourceKinds.POD, "curl", "mtls-client", failing(List.of(answered(503, null)), calls)));
            assertEquals("interrupted during get pods curl in mtls-client", failure.getMessage());
            assertTrue(Thread.currentThread().isInterrupted());
        } finally {
            Thread.interrupted();
        }
        KubernetesClientException interruptedRead = new KubernetesClientException("read",
                new IllegalStateException(new InterruptedIOException("interrupted")));
        ClusterFailure failure = assertThrows(ClusterFailure.class, () -> retry(ApiRetry.Policy.DEFAULT)
                .call("get", ResourceKinds.POD, "curl", "mtls-client", failing(List.of(interruptedRead), new int[1])));
        assertSame(interruptedRead, failure.getCause());
        assertTrue(Thread.interrupted(), "the interrupt is restored for the caller");
        assertEquals(List.of(), waits);
    }

    @Test
    void aReadTimeoutIsANetworkErrorNotAnAbort() {
        int[] calls = {0};
        String answer = retry(ApiRetry.Policy.DEFAULT).call("get", ResourceKinds.POD, "curl", "mtls-client", failing(
                List.of(new KubernetesClientException("slow", new SocketTimeoutException("timeout"))), calls));
        assertEquals("answered", answer);
        assertFalse(Thread.currentThread().isInterrupted());
        assertEquals(List.of("retrying get pods curl in mtls-client after a network error (attempt 1 of 6)"), log);
    }

    @Test
    void aFailureWithoutAnswerOrNetworkCauseIsNotRetried() {
        int[] calls = {0};
        ClusterFailure failure = assertThrows(ClusterFailure.class, () -> retry(ApiRetry.Policy.DEFAULT)
                .run("delete", ResourceKinds.APIRULE, "httpbin", "mtls-demo", () -> {
                    calls[0]++;
                    throw new KubernetesClientException("cannot serialise", new IllegalArgumentException("bad"));
                }));
        assertEquals(1, calls[0]);
        assertEquals("no answer from the API server: cannot delete apirules.gateway.kyma-project.io httpbin in"
                + " mtls-demo: IllegalArgumentException: bad", failure.getMessage());
    }

    @Test
    void aCallWithoutResultRunsUntilItSucceeds() {
        int[] calls = {0};
        retry(ApiRetry.Policy.DEFAULT).run("delete", ResourceKinds.APIRULE, "httpbin", "mtls-demo", () -> {
            if (calls[0]++ == 0) {
                throw answered(500, null);
            }
        });
        assertEquals(2, calls[0]);
        assertEquals(1, waits.size());
    }

    @Test
    void anInterruptDuringTheWaitEndsTheRetries() throws Exception {
        CountDownLatch waiting = new CountDownLatch(1);
        CompletableFuture<RuntimeException> outcome = new CompletableFuture<>();
        boolean[] interruptKept = {false};
        Thread caller = new Thread(() -> {
            try {
                new ApiRetry(new ApiRetry.Policy(3, Duration.ofMinutes(1), Duration.ofMinutes(1), Duration.ofMinutes(5)),
                        line -> waiting.countDown()).call("get", ResourceKinds.POD, "curl", "mtls-client",
                        () -> {
                            throw answered(503, null);
                        });
                outcome.complete(null);
            } catch (RuntimeException e) {
                interruptKept[0] = Thread.currentThread().isInterrupted();
                outcome.complete(e);
            }
        });
        caller.start();
        assertTrue(waiting.await(30, TimeUnit.SECONDS));
        caller.interrupt();
        RuntimeException failure = outcome.get(30, TimeUnit.SECONDS);
        assertEquals(ClusterFailure.class, failure.getClass());
        assertEquals("interrupted while waiting to retry", failure.getMessage());
        assertTrue(interruptKept[0], "the caller still sees the interrupt");
    }

    @Test
    void aListOfAKindTheClusterDoesNotHaveIsEmptyAndOtherAnswersAreAsForAnyCall() {
        ApiRetry retry = retry(new ApiRetry.Policy(3, Duration.ofMillis(100), Duration.ofSeconds(1), Duration.ofMinutes(1)));
        assertEquals(java.util.Optional.empty(), retry.listIfInstalled(ResourceKinds.APIRULE, "demo",
                failing(List.of(answered(404, null)), new int[1])));
        int[] calls = new int[1];
        assertEquals(java.util.Optional.of("answered"), retry.listIfInstalled(ResourceKinds.APIRULE, "demo",
                failing(List.of(answered(503, null)), calls)));
        assertEquals(2, calls[0], "a transient failure is retried");
        ClusterFailure forbidden = assertThrows(ClusterFailure.class, () -> retry.listIfInstalled(ResourceKinds.APIRULE,
                "demo", failing(List.of(answered(403, null)), new int[1])));
        assertTrue(forbidden.getMessage().startsWith("403 forbidden: cannot list apirules.gateway.kyma-project.io in demo"),
                forbidden.getMessage());
    }
}
