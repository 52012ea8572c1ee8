package io.jenkins.plugins.kymamtls.steps;

/** One prefix for every line the steps print. */
final class StepLog {

    static final String PREFIX = "[kyma-mtls] ";

    private StepLog() {
    }
}
