package io.jenkins.plugins.kymamtls.certificates;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;

/**
 * Where a set lives: its certificates (public, archived, read by the cluster steps) and its keys.
 * One folder for the command line; a Jenkins workspace keeps the keys apart, where the workspace
 * browser does not serve them.
 */
public record CertificateFolder(Path certificates, Path keys) {

    public CertificateFolder {
        Objects.requireNonNull(certificates, "certificates");
        Objects.requireNonNull(keys, "keys");
    }

    /** Certificates and keys in one folder, as {@code kyma-mtls certs} writes them. */
    public static CertificateFolder of(Path directory) {
        return new CertificateFolder(directory, directory);
    }

    public Path certificateFile(String dnsNameOrStem) {
        return CertificateFiles.certificateFile(certificates, dnsNameOrStem);
    }

    /** Where the set's key is written and kept. */
    public Path keyFile(String dnsNameOrStem) {
        return CertificateFiles.keyFile(keys, dnsNameOrStem);
    }

    /**
     * The key a cluster step reads: from the keys folder, or beside its certificate where the command
     * line, an earlier version or the user put it.
     */
    public Path keyToRead(String dnsNameOrStem) {
        Path kept = keyFile(dnsNameOrStem);
        Path beside = CertificateFiles.keyFile(certificates, dnsNameOrStem);
        return Files.exists(kept) || !Files.exists(beside) ? kept : beside;
    }

    /** The CA file a cluster step puts into its Secret (the trust bundle while a CA is rotated). */
    public Path trustFile() {
        return CertificateFiles.trustFile(certificates);
    }
}
