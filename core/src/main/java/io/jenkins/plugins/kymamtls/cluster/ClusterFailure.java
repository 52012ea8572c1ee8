package io.jenkins.plugins.kymamtls.cluster;

/**
 * The cluster refused or did not reach the wanted state. The message says what, where and why, in
 * words a platform engineer can act on; it never carries a secret or a whole object.
 */
public class ClusterFailure extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public ClusterFailure(String message) {
        super(message);
    }

    public ClusterFailure(String message, Throwable cause) {
        super(message, cause);
    }
}
