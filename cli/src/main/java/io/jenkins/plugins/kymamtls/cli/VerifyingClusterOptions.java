package io.jenkins.plugins.kymamtls.cli;

import io.jenkins.plugins.kymamtls.resources.Timeouts;
import picocli.CommandLine.Option;

/** The cluster options of a command that proves its result, with how long it retries the proof. */
final class VerifyingClusterOptions extends ClusterOptions {

    @Option(names = "--verify-timeout", paramLabel = "SECONDS", defaultValue = "" + Timeouts.DEFAULT_VERIFY_SECONDS,
            order = 93, description = "How long to retry the verification (default: ${DEFAULT-VALUE}).")
    int verifyTimeout;

    Timeouts timeouts() {
        return Timeouts.ofSeconds(readyTimeout, verifyTimeout);
    }
}
