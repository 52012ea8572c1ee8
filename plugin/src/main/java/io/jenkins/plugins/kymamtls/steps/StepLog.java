package io.jenkins.plugins.kymamtls.steps;

/** One prefix for every line the steps print. */
public final class StepLog {

    public static final String PREFIX = "[kyma-mtls] ";

    private StepLog() {
    }
}
