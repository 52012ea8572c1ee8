package io.jenkins.plugins.kymamtls.resources;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.jenkins.plugins.kymamtls.certificates.CertificateFiles;
import io.jenkins.plugins.kymamtls.certificates.CertificateFolder;
import io.jenkins.plugins.kymamtls.input.InputChecks;
import io.jenkins.plugins.kymamtls.certificates.PemMaterial;
import io.jenkins.plugins.kymamtls.input.InvalidInputException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.Base64;
import java.util.List;

/**
 * A certificate, its key and the CA it chains to, as a cluster step puts them into a Secret. The
 * PEM text is kept as read; {@link #toString()} names the subject only.
 */
public final class CertificateMaterial {

    /** Larger than any PEM certificate or key; keeps a wrong file from being read whole. */
    private static final long MAX_PEM_BYTES = 1 << 20;

    private final String caCertificatePem;
    private final String certificatePem;
    private final String keyPem;
    private final X509Certificate certificate;

    private CertificateMaterial(String caCertificatePem, String certificatePem, String keyPem,
                                X509Certificate certificate) {
        this.caCertificatePem = caCertificatePem;
        this.certificatePem = certificatePem;
        this.keyPem = keyPem;
        this.certificate = certificate;
    }

    /**
     * Checks the three PEM texts fit: the key is the certificate's and the certificate chains to the CA.
     *
     * @param fieldPrefix names the fields in messages, e.g. {@code server} gives {@code serverCert}
     */
    public static CertificateMaterial of(String fieldPrefix, String caCertificatePem, String certificatePem,
                                         String keyPem) {
        List<X509Certificate> ca = authority(fieldPrefix, caCertificatePem);
        X509Certificate leaf = PemMaterial.readCertificate(fieldPrefix + "Cert", certificatePem);
        PrivateKey key = PemMaterial.readPrivateKey(fieldPrefix + "Key", keyPem);
        PemMaterial.checkLeaf(fieldPrefix + "Cert", leaf, fieldPrefix + "Key", key, ca);
        return new CertificateMaterial(caCertificatePem, certificatePem, keyPem, leaf);
    }

    /**
     * The CA certificates, which go into the credential Secret's {@code cacert} (target) or
     * {@code ca.crt} (client): without them istiod serves the gateway no validation context, and a
     * MUTUAL gateway can verify no peer. Refused here, before anything is written.
     */
    private static List<X509Certificate> authority(String fieldPrefix, String caCertificatePem) {
        try {
            return PemMaterial.readCertificates("caCert", caCertificatePem);
        } catch (InvalidInputException e) {
            boolean server = fieldPrefix.equals("server");
            throw InvalidInputException.problem("caCert",
                    e.getMessage().substring("caCert: ".length()) + "; the " + (server ? "target" : "client")
                            + " Secret needs the CA in " + (server ? "cacert" : "ca.crt") + " (with "
                            + (server ? "cert and key" : "tls.crt and tls.key") + "), or the "
                            + (server ? "ingress" : "egress") + " gateway can verify no "
                            + (server ? "client" : "server"));
        }
    }

    /** Reads the files {@code kymaMtlsCerts} / {@code kyma-mtls certs} wrote for this name. */
    public static CertificateMaterial fromDirectory(String fieldPrefix, Path directory, String dnsName) {
        return fromDirectory(fieldPrefix, CertificateFolder.of(directory), dnsName);
    }

    /** Reads the files {@code kymaMtlsCerts} wrote for this name, keys from the folder that keeps them. */
    public static CertificateMaterial fromDirectory(String fieldPrefix, CertificateFolder folder, String dnsName) {
        // The name becomes a file name: check it first so no value can point outside the directory.
        InputChecks.wildcardDnsName(fieldPrefix.equals("server") ? "domain" : fieldPrefix, dnsName);
        return of(fieldPrefix,
                read("caCert", folder.trustFile()),
                read(fieldPrefix + "Cert", folder.certificateFile(dnsName)),
                read(fieldPrefix + "Key", folder.keyToRead(dnsName)));
    }

    /**
     * Files given one by one, each falling back to the certificate step's name in the directory.
     *
     * @param dnsName needed only for the files not given
     */
    public static CertificateMaterial fromFiles(String fieldPrefix, Path directory, String dnsName, Path caFile,
                                                Path certificateFile, Path keyFile) {
        return fromFiles(fieldPrefix, CertificateFolder.of(directory), dnsName, caFile, certificateFile, keyFile);
    }

    /**
     * Files given one by one, each falling back to the certificate step's name in the folder.
     *
     * @param dnsName needed only for the files not given
     */
    public static CertificateMaterial fromFiles(String fieldPrefix, CertificateFolder folder, String dnsName,
                                                Path caFile, Path certificateFile, Path keyFile) {
        if (caFile != null && certificateFile != null && keyFile != null) {
            return of(fieldPrefix, read("caCert", caFile), read(fieldPrefix + "Cert", certificateFile),
                    read(fieldPrefix + "Key", keyFile));
        }
        String name = dnsName;
        if ((certificateFile == null || keyFile == null) && fieldPrefix.equals("client")
                && (name == null || name.isBlank())) {
            name = clientName(folder.certificates());
        }
        if (certificateFile == null || keyFile == null) {
            InputChecks.wildcardDnsName(fieldPrefix.equals("server") ? "domain" : fieldPrefix, name);
        }
        return of(fieldPrefix,
                read("caCert", caFile != null ? caFile : folder.trustFile()),
                read(fieldPrefix + "Cert", certificateFile != null ? certificateFile : folder.certificateFile(name)),
                read(fieldPrefix + "Key", keyFile != null ? keyFile : folder.keyToRead(name)));
    }

    /**
     * The client's files; with no name given, the name comes from the {@code certificates.json}
     * the certificate step wrote in the same directory.
     */
    public static CertificateMaterial clientFromDirectory(Path directory, String client) {
        return fromDirectory("client", directory, client == null || client.isBlank() ? clientName(directory) : client);
    }

    static String clientName(Path directory) {
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

    public static String read(String field, Path file) {
        try {
            if (!Files.isRegularFile(file)) {
                throw InvalidInputException.problem(field, "the file " + file + " does not exist; expected a PEM file");
            }
            if (Files.size(file) > MAX_PEM_BYTES) {
                throw InvalidInputException.problem(field, "the file " + file + " is larger than 1 MiB; expected a PEM file");
            }
            return Files.readString(file, StandardCharsets.ISO_8859_1);
        } catch (IOException e) {
            throw InvalidInputException.problem(field, "cannot read the file " + file + " ("
                    + e.getClass().getSimpleName() + "); expected a readable PEM file");
        }
    }

    public X509Certificate certificate() {
        return certificate;
    }

    public String caCertificatePem() {
        return caCertificatePem;
    }

    String keyPem() {
        return keyPem;
    }

    public String caCertificateBase64() {
        return base64(caCertificatePem);
    }

    public String certificateBase64() {
        return base64(certificatePem);
    }

    public String keyBase64() {
        return base64(keyPem);
    }

    private static String base64(String pem) {
        return Base64.getEncoder().encodeToString(pem.getBytes(StandardCharsets.ISO_8859_1));
    }

    @Override
    public String toString() {
        return "certificate " + certificate.getSubjectX500Principal().getName() + " with its key";
    }
}
