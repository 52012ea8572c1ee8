package io.jenkins.plugins.kymamtls.resources;

import io.jenkins.plugins.kymamtls.certificates.CertificateFolder;
import io.jenkins.plugins.kymamtls.certificates.PemMaterial;
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
        return of(CertificateMaterial.clientFromDirectory(directory, client));
    }

    /** Files given one by one, each falling back to the certificate step's name in the folder. */
    public static ClientIdentity fromFiles(CertificateFolder folder, String client, Path caFile, Path certificateFile,
                                           Path keyFile) {
        return of(CertificateMaterial.fromFiles("client", folder, client, caFile, certificateFile, keyFile));
    }

    /** The identity of checked material: its certificate, its key and its CA. */
    public static ClientIdentity of(CertificateMaterial material) {
        return new ClientIdentity(material.caCertificatePem(), material.certificate(),
                PemMaterial.readPrivateKey("clientKey", material.keyPem()));
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
