package io.jenkins.plugins.kymamtls.certificates;

import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Map;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.sec.SECObjectIdentifiers;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.asn1.x9.ECNamedCurveTable;

/**
 * A certificate with its private key and the chain up to the root. Not a record on purpose: a
 * record's generated {@code toString} would print the private key object.
 */
public final class IssuedCertificate {

    private final X509Certificate certificate;
    private final PrivateKey privateKey;
    private final List<X509Certificate> issuerChain;

    IssuedCertificate(X509Certificate certificate, PrivateKey privateKey, List<X509Certificate> issuerChain) {
        this.certificate = certificate;
        this.privateKey = privateKey;
        this.issuerChain = List.copyOf(issuerChain);
    }

    public X509Certificate certificate() {
        return certificate;
    }

    public PrivateKey privateKey() {
        return privateKey;
    }

    /** This certificate first, then its issuers up to and including the root. */
    public X509Certificate[] chain() {
        X509Certificate[] chain = new X509Certificate[issuerChain.size() + 1];
        chain[0] = certificate;
        for (int i = 0; i < issuerChain.size(); i++) {
            chain[i + 1] = issuerChain.get(i);
        }
        return chain;
    }

    /** The same names as {@link KeyAlgorithm#id()} where one fits, so summaries read alike. */
    public String keyAlgorithm() {
        return describe(certificate.getPublicKey());
    }

    /** The curves {@link KeyAlgorithm} offers, and P-521 a company CA may bring, by their OIDs. */
    private static final Map<ASN1ObjectIdentifier, String> CURVES = Map.of(
            SECObjectIdentifiers.secp256r1, "ec-p256",
            SECObjectIdentifiers.secp384r1, "ec-p384",
            SECObjectIdentifiers.secp521r1, "ec-p521");

    static String describe(PublicKey key) {
        if (key instanceof RSAPublicKey rsa) {
            return "rsa-" + rsa.getModulus().bitLength();
        }
        if (key instanceof ECPublicKey) {
            // By the curve's OID, not its size: brainpoolP256r1 is 256 bits too, and the JDK cannot
            // sign with it. The JDK encodes EC keys with a named curve only.
            ASN1ObjectIdentifier curve = ASN1ObjectIdentifier.getInstance(
                    SubjectPublicKeyInfo.getInstance(key.getEncoded()).getAlgorithm().getParameters());
            return CURVES.getOrDefault(curve, "ec-" + ECNamedCurveTable.getName(curve));
        }
        return key.getAlgorithm().toLowerCase(java.util.Locale.ROOT);
    }

    @Override
    public String toString() {
        return certificate.getSubjectX500Principal().getName() + " (" + keyAlgorithm() + ")";
    }
}
