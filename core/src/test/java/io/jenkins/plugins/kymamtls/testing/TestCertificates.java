package io.jenkins.plugins.kymamtls.testing;

import io.jenkins.plugins.kymamtls.certificates.CertificateEngine;
import io.jenkins.plugins.kymamtls.certificates.CertificateRequest;
import io.jenkins.plugins.kymamtls.certificates.KeyAlgorithm;
import io.jenkins.plugins.kymamtls.resources.CertificateMaterial;
import java.nio.file.Path;

/** A real certificate set on disk, as the certificate step leaves it for the cluster steps. */
public final class TestCertificates {

    public static final String DOMAIN = "httpbin.mtls.test";
    public static final String CLIENT = "client.mtls.test";

    private TestCertificates() {
    }

    public static Path write(Path directory) {
        new CertificateEngine().generate(CertificateRequest.builder(DOMAIN, CLIENT).keyAlgorithm(KeyAlgorithm.EC_P256)
                .outputDirectory(directory).selfTest(false).build(), line -> { });
        return directory;
    }

    public static CertificateMaterial server(Path directory) {
        return CertificateMaterial.fromDirectory("server", directory, DOMAIN);
    }

    public static CertificateMaterial client(Path directory) {
        return CertificateMaterial.fromDirectory("client", directory, CLIENT);
    }
}
