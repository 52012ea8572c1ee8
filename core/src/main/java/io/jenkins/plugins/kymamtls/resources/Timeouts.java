package io.jenkins.plugins.kymamtls.resources;

import io.jenkins.plugins.kymamtls.input.InputChecks;
import java.time.Duration;

/**
 * How long a step waits for the cluster: for workloads and custom resources to become ready, and
 * for the verification to succeed while configuration propagates to the gateways.
 */
public record Timeouts(Duration ready, Duration verify) {

    public static final int DEFAULT_READY_SECONDS = 300;
    public static final int DEFAULT_VERIFY_SECONDS = 120;
    public static final Timeouts DEFAULT =
            new Timeouts(Duration.ofSeconds(DEFAULT_READY_SECONDS), Duration.ofSeconds(DEFAULT_VERIFY_SECONDS));

    public static Timeouts ofSeconds(int readySeconds, int verifySeconds) {
        return new Timeouts(Duration.ofSeconds(InputChecks.timeoutSeconds("readyTimeout", readySeconds)),
                Duration.ofSeconds(InputChecks.timeoutSeconds("verifyTimeout", verifySeconds)));
    }
}
