package io.jenkins.plugins.kymamtls.cli;

import io.jenkins.plugins.kymamtls.certificates.CertificateRequest;
import io.jenkins.plugins.kymamtls.certificates.CertificateRotation;
import io.jenkins.plugins.kymamtls.certificates.KeyAlgorithm;
import io.jenkins.plugins.kymamtls.resources.CertificateMaterial;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** The options of the certificate engine, shared by {@code certs} and {@code plan}. */
final class CertificateOptions {

    @Option(names = "--domain", required = true, paramLabel = "HOST", order = 1,
            description = "Host of the workload (server certificate), e.g. httpbin.example.com; may start with '*.'.")
    String domain;

    @Option(names = "--client", required = true, paramLabel = "HOST", order = 2,
            description = "Name of the client (client certificate), e.g. client.example.com.")
    String client;

    @Option(names = "--key-algorithm", paramLabel = "ALG", defaultValue = "rsa-2048", order = 10,
            description = "One of rsa-2048, rsa-3072, rsa-4096, ec-p256, ec-p384 (default: ${DEFAULT-VALUE}).")
    String keyAlgorithm;

    @Option(names = "--days", paramLabel = "N", defaultValue = "365", order = 11,
            description = "Validity in days, 1-3650 (default: ${DEFAULT-VALUE}).")
    int days;

    @Option(names = "--ca-days", paramLabel = "N", defaultValue = "" + CertificateRequest.DEFAULT_CA_DAYS, order = 11,
            description = "Validity of a CA made here, 1-3650, at least --days (default: ${DEFAULT-VALUE}).")
    int caDays;

    @Option(names = "--renew-before", paramLabel = "N", defaultValue = "0", order = 11,
            description = "Re-issue, from the same CA, the leaves of the set in the output directory that end within"
                    + " N days (1 to --days - 1; default: 0, off).")
    int renewBefore;

    @Option(names = "--renew", order = 11,
            description = "Re-issue the leaves of the set in the output directory now, from the same CA.")
    boolean renew;

    @Option(names = "--renew-ca", order = 11,
            description = "Re-issue the CA certificate of the set in the output directory for the same key, valid"
                    + " --ca-days from now; the leaves it signed stay valid.")
    boolean renewCa;

    @Option(names = "--rotate-ca", paramLabel = "PHASE", order = 11,
            description = "Rotate the CA of the set in the output directory without downtime, one phase per run:"
                    + " start (a next CA and trust-bundle.crt with both), issue (leaves from the next CA), finish"
                    + " (the next CA replaces the current one); run expose and egress on both clusters after each.")
    String rotateCa;

    @Option(names = "--org", paramLabel = "TEXT", defaultValue = CertificateRequest.DEFAULT_ORGANIZATION, order = 12,
            description = "Organisation in the CA and server subjects (default: ${DEFAULT-VALUE}).")
    String org;

    @Option(names = "--ca-cert", paramLabel = "FILE", order = 13,
            description = "PEM certificate of an existing CA to issue the leaves from (with --ca-key).")
    Path caCert;

    @Option(names = "--ca-key", paramLabel = "FILE", order = 14,
            description = "PEM private key of that CA, PKCS#8 or PKCS#1, RSA or EC, unencrypted.")
    Path caKey;

    @Option(names = "--force", order = 15, description = "Make a new set even when the output directory already holds one"
            + " that fits this request (otherwise it is kept and reused).")
    boolean force;

    @Option(names = "--no-self-test", negatable = false, order = 16,
            description = "Skip the loopback TLS handshakes that prove the set works.")
    boolean noSelfTest;

    CertificateRequest request(Path directory) {
        CertificateRequest.Builder builder = CertificateRequest.builder(domain, client)
                .keyAlgorithm(KeyAlgorithm.parse("keyAlgorithm", keyAlgorithm))
                .days(days)
                .caDays(caDays)
                .renewBefore(renewBefore)
                .renew(renew)
                .renewCa(renewCa)
                .rotateCa(CertificateRotation.Phase.parse("rotateCa", rotateCa))
                .organization(org)
                .outputDirectory(directory)
                .force(force)
                .selfTest(!noSelfTest);
        if (caCert != null || caKey != null) {
            builder.authority(readPem("caCert", caCert), readPem("caKey", caKey));
        }
        return builder.build();
    }

    private static String readPem(String field, Path file) {
        return file == null ? null : CertificateMaterial.read(field, file);
    }
}
