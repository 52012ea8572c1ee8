package io.jenkins.plugins.kymamtls.cli;

import io.jenkins.plugins.kymamtls.resources.CertificateMaterial;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** Where the client certificate comes from: the certificate step's folder, or files one by one. */
final class ClientCertificateOptions {

    @Option(names = "--certs-dir", paramLabel = "DIR", defaultValue = "mtls", order = 3,
            description = "Where `certs` wrote the certificates (default: ${DEFAULT-VALUE}).")
    Path certsDir;

    @Option(names = "--client", paramLabel = "HOST", order = 4,
            description = "Client certificate name (default: from DIR/certificates.json).")
    String client;

    @Option(names = "--ca-cert", paramLabel = "FILE", order = 20, description = "CA certificate (default: DIR/egress.crt).")
    Path caCert;

    @Option(names = "--client-cert", paramLabel = "FILE", order = 23,
            description = "Client certificate (default: DIR/<client>.crt).")
    Path clientCert;

    @Option(names = "--client-key", paramLabel = "FILE", order = 24, description = "Client key (default: DIR/<client>.key).")
    Path clientKey;

    CertificateMaterial client() {
        return CertificateMaterial.fromFiles("client", certsDir, client, caCert, clientCert, clientKey);
    }
}
