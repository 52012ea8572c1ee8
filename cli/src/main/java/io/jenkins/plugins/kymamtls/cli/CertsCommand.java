package io.jenkins.plugins.kymamtls.cli;

import io.jenkins.plugins.kymamtls.certificates.CertificateEngine;
import io.jenkins.plugins.kymamtls.certificates.CertificateRequest;
import io.jenkins.plugins.kymamtls.certificates.CertificateResult;
import io.jenkins.plugins.kymamtls.certificates.CertificateSummary;
import io.jenkins.plugins.kymamtls.certificates.KeyAlgorithm;
import io.jenkins.plugins.kymamtls.input.InvalidInputException;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "certs", sortOptions = false, mixinStandardHelpOptions = true,
        description = {"Generate the root CA, the server certificate of the workload host and the client certificate,",
            "self-test them with real TLS handshakes, and write them as PEM files with the tutorial's names."})
final class CertsCommand implements Callable<Integer> {

    /** A CA file larger than this is not a PEM certificate or key. */
    private static final long MAX_PEM_BYTES = 1 << 20;

    @Spec
    CommandSpec spec;

    @Option(names = "--domain", required = true, paramLabel = "HOST",
            description = "Host of the workload (server certificate), e.g. httpbin.example.com; may start with '*.'.")
    String domain;

    @Option(names = "--client", required = true, paramLabel = "HOST",
            description = "Name of the client (client certificate), e.g. client.example.com.")
    String client;

    @Option(names = "--out", paramLabel = "DIR", defaultValue = "mtls",
            description = "Directory for the PEM files and certificates.json (default: ${DEFAULT-VALUE}).")
    Path out;

    @Option(names = "--key-algorithm", paramLabel = "ALG", defaultValue = "rsa-2048",
            description = "One of rsa-2048, rsa-3072, rsa-4096, ec-p256, ec-p384 (default: ${DEFAULT-VALUE}).")
    String keyAlgorithm;

    @Option(names = "--days", paramLabel = "N", defaultValue = "365",
            description = "Validity in days, 1-3650 (default: ${DEFAULT-VALUE}).")
    int days;

    @Option(names = "--org", paramLabel = "TEXT", defaultValue = CertificateRequest.DEFAULT_ORGANIZATION,
            description = "Organisation in the CA and server subjects (default: ${DEFAULT-VALUE}).")
    String org;

    @Option(names = "--ca-cert", paramLabel = "FILE",
            description = "PEM certificate of an existing CA to issue the leaves from (with --ca-key).")
    Path caCert;

    @Option(names = "--ca-key", paramLabel = "FILE",
            description = "PEM private key of that CA, PKCS#8 or PKCS#1, RSA or EC, unencrypted.")
    Path caKey;

    @Option(names = "--force", description = "Replace key files that already exist in --out.")
    boolean force;

    @Option(names = "--no-self-test", negatable = false,
            description = "Skip the loopback TLS handshakes that prove the set works.")
    boolean noSelfTest;

    @Override
    public Integer call() {
        CertificateRequest.Builder builder = CertificateRequest.builder(domain, client)
                .keyAlgorithm(KeyAlgorithm.parse("keyAlgorithm", keyAlgorithm))
                .days(days)
                .organization(org)
                .outputDirectory(out)
                .force(force)
                .selfTest(!noSelfTest);
        if (caCert != null || caKey != null) {
            builder.authority(readPem("caCert", caCert), readPem("caKey", caKey));
        }
        CertificateRequest request = builder.build();
        PrintWriter stdout = spec.commandLine().getOut();
        CertificateResult result = new CertificateEngine().generate(request, line -> { });
        printSummary(stdout, result);
        return 0;
    }

    static void printSummary(PrintWriter stdout, CertificateResult result) {
        stdout.println("Wrote " + result.files().size() + " files to " + result.files().get(0).getParent() + ":");
        for (Path file : result.files()) {
            stdout.println("  " + file.getFileName() + (file.toString().endsWith(".key") ? "  (private key, 0600)" : ""));
        }
        for (CertificateSummary certificate : result.certificates()) {
            stdout.println(certificate.describe());
        }
        stdout.println(result.selfTest().isEmpty() ? "Self-test skipped."
                : "Self-test passed: " + result.selfTest().size() + " TLS handshakes (client certificate accepted;"
                        + " none and a foreign one refused).");
    }

    private static String readPem(String field, Path file) {
        if (file == null) {
            return null;
        }
        try {
            if (Files.size(file) > MAX_PEM_BYTES) {
                throw InvalidInputException.problem(field, "the file " + file + " is larger than 1 MiB; expected a PEM file");
            }
            return Files.readString(file, StandardCharsets.ISO_8859_1);
        } catch (IOException e) {
            throw InvalidInputException.problem(field, "cannot read the file " + file + " ("
                    + e.getClass().getSimpleName() + "); expected a readable PEM file");
        }
    }
}
