package io.jenkins.plugins.kymamtls.resources;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.jenkins.plugins.kymamtls.certificates.CertificateFiles;
import io.jenkins.plugins.kymamtls.certificates.PemMaterial;
import io.jenkins.plugins.kymamtls.input.InputChecks;
import io.jenkins.plugins.kymamtls.input.InvalidInputException;
import java.io.IOException;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;

/**
 * The client certificate a step presents itself (the expose step's verification), with its key
 * and the CA that must have issued the server's certificate.
 */
public final class ClientIdentity {

    private final String caCertificatePem;
    private final X509Certificate certificate;
    private final PrivateKey privateKey;

    private ClientIdentity(String caCertificatePem, X509Certificate certificate, PrivateKey privateKey) {
        this.caCertificatePem = caCertificatePem;
        this.certificate = certificate;
        this.privateKey = privateKey;
    }

    /**
     * @param client the client's DNS name; null to take it from the {@code certificates.json} the
     *     certificate step wrote in the same directory
     */
    public static ClientIdentity fromDirectory(Path directory, String client) {
        if (client == null || client.isBlank()) {
            client = clientNameFromSummary(directory);
        }
        CertificateMaterial material = CertificateMaterial.fromDirectory("client", directory, client);
        return new ClientIdentity(material.caCertificatePem(), material.certificate(),
                PemMaterial.readPrivateKey("clientKey", material.keyPem()));
    }

    private static String clientNameFromSummary(Path directory) {
        Path summary = directory.resolve(CertificateFiles.SUMMARY_FILE);
        try {
            for (JsonNode certificate : new ObjectMapper().readTree(summary.toFile()).path("certificates")) {
                if ("client".equals(certificate.path("role").asText()) && certificate.path("dnsNames").size() > 0) {
                    return InputChecks.dnsName("client", certificate.path("dnsNames").get(0).asText());
                }
            }
        } catch (IOException e) {
            throw InvalidInputException.problem("client", "is not given and " + summary + " cannot be read ("
                    + e.getClass().getSimpleName() + "); expected the client's DNS name or the certificate step's output");
        }
        throw InvalidInputException.problem("client", "is not given and " + summary
                + " names no client certificate; expected the client's DNS name");
    }

    public String caCertificatePem() {
        return caCertificatePem;
    }

    public X509Certificate certificate() {
        return certificate;
    }

    public PrivateKey privateKey() {
        return privateKey;
    }

    @Override
    public String toString() {
        return "client certificate " + certificate.getSubjectX500Principal().getName();
    }
}
