package io.jenkins.plugins.kymamtls.verification;

/**
 * One request's outcome. {@code status} is 0 when no HTTP answer came (refused in the TLS
 * handshake, reset, timed out); {@code failure} then says why.
 */
public record ProbeResult(int status, String body, String xfcc, String failure) {

    public boolean answered() {
        return status > 0;
    }

    public boolean succeeded() {
        return status >= 200 && status < 300;
    }

    public String describe() {
        return answered() ? "HTTP " + status : "no HTTP answer (" + failure + ")";
    }
}
