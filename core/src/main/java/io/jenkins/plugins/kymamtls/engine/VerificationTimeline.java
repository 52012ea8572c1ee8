package io.jenkins.plugins.kymamtls.engine;

import io.jenkins.plugins.kymamtls.cluster.ClusterFailure;
import java.time.Duration;

/**
 * Retries a verification with exponential backoff while configuration propagates to the
 * gateways (Istio pushes it to Envoy within seconds to a minute), bounded by a deadline.
 */
final class VerificationTimeline {

    /** Short, so the first retry comes about when a gateway that was just configured answers. */
    private static final Duration FIRST = Duration.ofMillis(250);
    private static final Duration LONGEST = Duration.ofSeconds(10);

    private final long deadline;
    private Duration next = FIRST;

    VerificationTimeline(Duration timeout) {
        this.deadline = System.nanoTime() + timeout.toNanos();
    }

    /**
     * Sleeps before the next attempt; false when the deadline leaves no room for one. An aborted
     * build ends the verification at once, with no further attempt and no further request.
     */
    boolean pause() {
        if (Thread.currentThread().isInterrupted()) {
            throw aborted();
        }
        long left = deadline - System.nanoTime();
        if (left <= 0) {
            return false;
        }
        try {
            Thread.sleep(Math.min(next.toMillis(), Duration.ofNanos(left).toMillis()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw aborted();
        }
        next = next.multipliedBy(2).compareTo(LONGEST) > 0 ? LONGEST : next.multipliedBy(2);
        return System.nanoTime() < deadline;
    }

    static ClusterFailure aborted() {
        return new ClusterFailure("interrupted during the verification: the build was aborted");
    }
}
