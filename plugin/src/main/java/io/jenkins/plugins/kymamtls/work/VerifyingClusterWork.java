package io.jenkins.plugins.kymamtls.work;

import io.jenkins.plugins.kymamtls.resources.Timeouts;

/** A cluster step that proves its result, retrying the proof up to the verify timeout. */
public abstract class VerifyingClusterWork extends ClusterWork {

    private static final long serialVersionUID = 1L;

    private final int verifyTimeout;

    protected VerifyingClusterWork(String kubeconfig, String credentialsId, String context, int readyTimeout,
                                   int verifyTimeout) {
        super(kubeconfig, credentialsId, context, readyTimeout);
        this.verifyTimeout = verifyTimeout;
    }

    protected Timeouts timeouts() {
        return Timeouts.ofSeconds(readyTimeout(), verifyTimeout);
    }
}
