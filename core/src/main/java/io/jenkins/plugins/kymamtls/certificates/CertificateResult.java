package io.jenkins.plugins.kymamtls.certificates;

import java.nio.file.Path;
import java.util.List;

/**
 * What a run produced: the files written and the public facts of each certificate.
 *
 * @param files every file written, certificates first, then keys, then the summary
 * @param certificates CA, server and client, in that order
 * @param selfTest the self-test's checks, empty when it was turned off
 * @param reused whether the files are an earlier run's set, kept (with {@code renewed} re-issued)
 * @param renewed the roles ("ca", "server", "client") of a kept set re-issued in this run
 */
public record CertificateResult(List<Path> files, List<CertificateSummary> certificates,
                                List<HandshakeSelfTest.Outcome> selfTest, boolean reused, List<String> renewed) {

    public CertificateResult {
        renewed = List.copyOf(renewed);
        files = List.copyOf(files);
        certificates = List.copyOf(certificates);
        selfTest = List.copyOf(selfTest);
    }

    /** The files that may be shared: certificates and the summary, never a key. */
    public List<Path> publicFiles() {
        return files.stream().filter(file -> !file.getFileName().toString().endsWith(".key")).toList();
    }

    public List<Path> keyFiles() {
        return files.stream().filter(file -> file.getFileName().toString().endsWith(".key")).toList();
    }
}
