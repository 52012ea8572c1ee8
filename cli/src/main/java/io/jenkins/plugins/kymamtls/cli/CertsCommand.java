package io.jenkins.plugins.kymamtls.cli;

import io.jenkins.plugins.kymamtls.certificates.CertificateEngine;
import io.jenkins.plugins.kymamtls.certificates.CertificateResult;
import io.jenkins.plugins.kymamtls.certificates.CertificateSummary;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "certs", sortOptions = false, mixinStandardHelpOptions = true,
        description = "Generate the root CA, the server certificate of the workload host and the client certificate, "
                + "self-test them with real TLS handshakes, and write them as PEM files with the tutorial's names.")
final class CertsCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    CertificateOptions certificates;

    @Option(names = "--out", paramLabel = "DIR", defaultValue = "mtls", order = 3,
            description = "Directory for the PEM files and certificates.json (default: ${DEFAULT-VALUE}).")
    Path out;

    @Override
    public Integer call() {
        CertificateResult result = new CertificateEngine().generate(certificates.request(out), line -> { });
        printSummary(spec.commandLine().getOut(), result);
        return 0;
    }

    static void printSummary(PrintWriter stdout, CertificateResult result) {
        stdout.println((result.reused() ? "Reused the certificates in " : "Wrote " + result.files().size() + " files to ")
                + result.files().get(0).getParent() + (result.reused()
                ? " (same domain, client, organisation, key algorithm and CA; --force makes new ones)"
                        + (result.renewed().isEmpty() ? "" : "; renewed: " + String.join(", ", result.renewed())) + ":"
                : ":"));
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
}
