package io.jenkins.plugins.kymamtls.certificates;

import io.jenkins.plugins.kymamtls.input.InvalidInputException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.bouncycastle.asn1.x500.RDN;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.style.BCStyle;

/**
 * A re-run in a kept workspace finds the set an earlier run wrote. When it is the set this request
 * asks for (same domain, client, organisation, key algorithm and CA; each key its certificate's;
 * the leaves chaining to the CA), it is kept, so the Secrets deployed from it stay as they are;
 * whether a part of it is due for renewal is {@link CertificateRenewal}'s to say. When it differs,
 * the run stops and names the difference, unless {@code force} is set.
 */
final class CertificateReuse {

    private CertificateReuse() {
    }

    /** The set in the output folder to keep; empty when there is none or {@code force} replaces it. */
    static Optional<CertificateSet> existing(CertificateRequest request) {
        return existing(request, CertificateFiles.AUTHORITY_STEM);
    }

    /** @param authorityStem the CA the leaves must chain to: the current one, or a rotation's next */
    static Optional<CertificateSet> existing(CertificateRequest request, String authorityStem) {
        Path dir = request.outputDirectory();
        List<Path> keys = CertificateFiles.keyFilesFor(request);
        if (request.force() || keys.stream().noneMatch(Files::exists)) {
            return Optional.empty();
        }
        boolean generated = !request.hasSuppliedAuthority();
        Path caFile = CertificateFiles.certificateFile(dir, authorityStem);
        List<Path> needed = new ArrayList<>(keys);
        needed.addAll(List.of(caFile, CertificateFiles.certificateFile(dir, request.domain()),
                CertificateFiles.certificateFile(dir, request.client())));
        List<String> missing = needed.stream().filter(file -> !Files.exists(file))
                .map(file -> file.getFileName().toString()).toList();
        if (!missing.isEmpty()) {
            throw differs(dir, List.of("part of a set is missing: " + String.join(", ", missing)));
        }
        X509Certificate ca = PemMaterial.readCertificate("force", read(caFile));
        CertificateFolder folder = request.folder();
        PrivateKey caKey = generated ? PemMaterial.readPrivateKey("force", read(folder.keyFile(authorityStem))) : null;
        // A CA key that is not the CA certificate's would sign leaves nothing trusts.
        if (caKey != null && !PemMaterial.keyMatches("force", caKey, ca.getPublicKey())) {
            throw differs(dir, List.of(folder.keyFile(authorityStem).getFileName() + " is not the key of "
                    + caFile.getFileName()));
        }
        IssuedCertificate authority = new IssuedCertificate(ca, caKey, List.of());
        if (authorityStem.equals(CertificateFiles.AUTHORITY_STEM) && request.rotateCa() == null
                && Files.exists(CertificateFiles.certificateFile(dir, CertificateFiles.NEXT_AUTHORITY_STEM))) {
            for (String name : List.of(request.domain(), request.client())) {
                X509Certificate leaf = PemMaterial.readCertificate("force", read(CertificateFiles.certificateFile(dir, name)));
                if (PemMaterial.issuerOf(leaf, List.of(ca)) == null) {
                    throw InvalidInputException.problem("rotateCa", "a CA rotation is under way in " + dir + " and its"
                            + " certificates are from the next CA; expected rotateCa 'finish' to complete it");
                }
            }
        }
        IssuedCertificate server = leaf(folder, request.domain(), ca);
        IssuedCertificate client = leaf(folder, request.client(), ca);

        List<String> differences = new ArrayList<>();
        if (request.hasSuppliedAuthority() && !Arrays.equals(encoded(ca),
                encoded(PemMaterial.readCertificate(PemMaterial.CERTIFICATE_FIELD, request.caCertificatePem())))) {
            differences.add("its CA is not the one given in caCert");
        }
        if (!CertificateSummary.dnsNamesOf(server.certificate()).contains(request.domain())) {
            differences.add("the server certificate names " + CertificateSummary.dnsNamesOf(server.certificate())
                    + ", not " + request.domain());
        }
        String organization = organisation(server.certificate());
        if (!request.organization().equals(organization)) {
            differences.add((organization == null ? "the server certificate names no organisation"
                    : "the organisation is '" + organization + "'") + ", not '" + request.organization() + "'");
        }
        if (!CertificateSummary.dnsNamesOf(client.certificate()).contains(request.client())) {
            differences.add("the client certificate names " + CertificateSummary.dnsNamesOf(client.certificate())
                    + ", not " + request.client());
        }
        for (IssuedCertificate issued : List.of(server, client)) {
            if (!issued.keyAlgorithm().equals(request.keyAlgorithm().id())) {
                differences.add("the keys are " + issued.keyAlgorithm() + ", not " + request.keyAlgorithm().id());
                break;
            }
        }
        if (!differences.isEmpty()) {
            throw differs(dir, differences);
        }
        return Optional.of(new CertificateSet(authority, server, client, generated));
    }

    /** A leaf and its key from the folder, checked to belong together and to the CA. */
    private static IssuedCertificate leaf(CertificateFolder folder, String name, X509Certificate ca) {
        X509Certificate certificate = PemMaterial.readCertificate("force", read(folder.certificateFile(name)));
        PrivateKey key = PemMaterial.readPrivateKey("force", read(folder.keyFile(name)));
        try {
            PemMaterial.checkLeaf("force", certificate, "force", key, ca);
        } catch (InvalidInputException e) {
            throw differs(folder.certificates(), List.of(e.getMessage().substring(e.getMessage().indexOf(':') + 1).strip()));
        }
        return new IssuedCertificate(certificate, key, List.of(ca));
    }

    private static InvalidInputException differs(Path dir, List<String> differences) {
        return InvalidInputException.problem("force", "the certificates already in " + dir + " are not what this run"
                + " asks for (" + String.join("; ", differences) + "); set force to replace them, or choose another"
                + " folder");
    }

    /**
     * The subject's organisation as text, null without one: read from the encoded name, so no
     * printed form has to be parsed back.
     */
    private static String organisation(X509Certificate certificate) {
        RDN[] organisations = X500Name.getInstance(certificate.getSubjectX500Principal().getEncoded())
                .getRDNs(BCStyle.O);
        // The string types' toString is their text.
        return organisations.length == 0 ? null : organisations[0].getFirst().getValue().toString();
    }

    private static byte[] encoded(X509Certificate certificate) {
        try {
            return certificate.getEncoded();
        } catch (java.security.cert.CertificateEncodingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not read " + file + ": " + e.getMessage(), e);
        }
    }
}
