package io.jenkins.plugins.kymamtls.certificates;

/** The generated certificates did not behave as an mTLS gateway and its client need; names the check. */
public final class SelfTestFailedException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public SelfTestFailedException(String message) {
        super(message);
    }
}
