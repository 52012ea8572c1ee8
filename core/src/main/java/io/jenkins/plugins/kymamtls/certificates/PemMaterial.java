package io.jenkins.plugins.kymamtls.certificates;

import io.jenkins.plugins.kymamtls.input.InvalidInputException;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.UnrecoverableKeyException;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.openssl.PEMEncryptedKeyPair;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.bouncycastle.pkcs.PKCS8EncryptedPrivateKeyInfo;

/**
 * Reads PEM certificates and keys that users supply (PKCS#1 or PKCS#8, RSA or EC) and checks they
 * fit together: above all a CA the leaves are to be issued from, which must be a CA certificate,
 * valid now, whose key is the one given. Messages never quote a key file's content.
 */
public final class PemMaterial {

    public static final String CERTIFICATE_FIELD = "caCert";
    public static final String KEY_FIELD = "caKey";

    private PemMaterial() {
    }

    public static IssuedCertificate load(String certificatePem, String keyPem, Clock clock) {
        X509Certificate certificate = readCertificate(certificatePem);
        checkIsUsableAuthority(certificate, clock.instant());
        PrivateKey key = readPrivateKey(keyPem);
        if (!matches(KEY_FIELD, key, certificate.getPublicKey())) {
            throw InvalidInputException.problem(KEY_FIELD,
                    "the private key does not belong to the CA certificate (" + subject(certificate)
                            + "); expected the key the CA certificate was made with");
        }
        return new IssuedCertificate(certificate, key, List.of());
    }

    static X509Certificate readCertificate(String pem) {
        return readCertificate(CERTIFICATE_FIELD, pem);
    }

    public static X509Certificate readCertificate(String field, String pem) {
        Object parsed = parseFirst(field, pem, "a PEM certificate ('-----BEGIN CERTIFICATE-----')");
        if (!(parsed instanceof X509CertificateHolder holder)) {
            throw InvalidInputException.problem(field,
                    "holds " + describe(parsed) + "; expected a PEM certificate ('-----BEGIN CERTIFICATE-----')");
        }
        try {
            return new JcaX509CertificateConverter().getCertificate(holder);
        } catch (CertificateException e) {
            throw InvalidInputException.problem(field,
                    "the certificate cannot be decoded (" + e.getMessage() + "); expected a PEM X.509 certificate");
        }
    }

    /**
     * Every certificate in a PEM text, in order: a trust bundle holds several CAs, a Secret's
     * {@code cert} the leaf and perhaps its chain. Other blocks (a key) are skipped unread.
     */
    public static List<X509Certificate> readCertificates(String field, String pem) {
        List<X509Certificate> certificates = new ArrayList<>();
        try (PEMParser parser = new PEMParser(new StringReader(pem == null ? "" : pem))) {
            for (Object parsed = parser.readObject(); parsed != null; parsed = parser.readObject()) {
                if (parsed instanceof X509CertificateHolder holder) {
                    certificates.add(new JcaX509CertificateConverter().getCertificate(holder));
                }
            }
        } catch (IOException | CertificateException | RuntimeException e) {
            // The parser's message may quote the input, which can hold a key.
            throw InvalidInputException.problem(field, "is not valid PEM; expected PEM certificates");
        }
        if (certificates.isEmpty()) {
            throw InvalidInputException.problem(field, "holds no PEM certificate; expected PEM certificates");
        }
        return certificates;
    }

    /**
     * Whether the private key is the one of this public key; the key itself is never shown.
     *
     * @throws InvalidInputException naming {@code keyField} when the key is of a kind nothing here
     *     can sign with
     */
    public static boolean keyMatches(String keyField, PrivateKey key, PublicKey publicKey) {
        return matches(keyField, key, publicKey);
    }

    private static void checkIsUsableAuthority(X509Certificate certificate, Instant now) {
        if (certificate.getBasicConstraints() < 0) {
            throw InvalidInputException.problem(CERTIFICATE_FIELD, "the certificate " + subject(certificate)
                    + " is not a CA (no basicConstraints CA:TRUE); expected a CA certificate");
        }
        boolean[] keyUsage = certificate.getKeyUsage();
        if (keyUsage != null && !keyUsage[5]) {
            throw InvalidInputException.problem(CERTIFICATE_FIELD, "the certificate " + subject(certificate)
                    + " may not sign certificates (keyUsage lacks keyCertSign); expected a CA certificate");
        }
        if (now.isAfter(certificate.getNotAfter().toInstant())) {
            throw InvalidInputException.problem(CERTIFICATE_FIELD, "the CA certificate " + subject(certificate)
                    + " expired on " + certificate.getNotAfter().toInstant() + "; expected a CA valid now");
        }
        if (now.isBefore(certificate.getNotBefore().toInstant())) {
            throw InvalidInputException.problem(CERTIFICATE_FIELD, "the CA certificate " + subject(certificate)
                    + " is valid only from " + certificate.getNotBefore().toInstant() + "; expected a CA valid now");
        }
    }

    static PrivateKey readPrivateKey(String pem) {
        return readPrivateKey(KEY_FIELD, pem);
    }

    public static PrivateKey readPrivateKey(String field, String pem) {
        Object parsed = parseFirst(field, pem, "a PEM private key (PKCS#8 or PKCS#1, RSA or EC)");
        if (parsed instanceof PEMEncryptedKeyPair || parsed instanceof PKCS8EncryptedPrivateKeyInfo) {
            throw InvalidInputException.problem(field,
                    "the private key is encrypted; expected an unencrypted PEM private key (PKCS#8 or PKCS#1)");
        }
        try {
            JcaPEMKeyConverter converter = new JcaPEMKeyConverter();
            if (parsed instanceof PEMKeyPair pair) {
                return converter.getPrivateKey(pair.getPrivateKeyInfo());
            }
            if (parsed instanceof PrivateKeyInfo info) {
                return converter.getPrivateKey(info);
            }
        } catch (IOException e) {
            throw InvalidInputException.problem(field,
                    "the private key cannot be decoded; expected an RSA or EC private key in PEM");
        }
        throw InvalidInputException.problem(field,
                "holds " + describe(parsed) + "; expected a PEM private key (PKCS#8 or PKCS#1, RSA or EC)");
    }

    /**
     * Checks a leaf the user supplies for a cluster step: its key is its own and it chains to the CA.
     */
    public static void checkLeaf(String certificateField, X509Certificate leaf, String keyField, PrivateKey key,
                                 X509Certificate authority) {
        checkLeaf(certificateField, leaf, keyField, key, List.of(authority));
    }

    /**
     * The same against a trust bundle (a CA rotation trusts the old and the new CA): the leaf must
     * be issued by one of them.
     */
    public static void checkLeaf(String certificateField, X509Certificate leaf, String keyField, PrivateKey key,
                                 List<X509Certificate> authorities) {
        if (!matches(keyField, key, leaf.getPublicKey())) {
            throw InvalidInputException.problem(keyField, "the private key does not belong to the certificate "
                    + subject(leaf) + "; expected the key written with it");
        }
        if (issuerOf(leaf, authorities) == null) {
            throw InvalidInputException.problem(certificateField, "the certificate " + subject(leaf)
                    + " was not issued by the CA " + String.join(" or the CA ", authorities.stream()
                    .map(PemMaterial::subject).toList()) + "; expected certificates from one set");
        }
    }

    /** The CA among these that signed the leaf, or null. */
    public static X509Certificate issuerOf(X509Certificate leaf, List<X509Certificate> authorities) {
        for (X509Certificate authority : authorities) {
            try {
                leaf.verify(authority.getPublicKey());
                return authority;
            } catch (GeneralSecurityException e) {
                // another CA's
            }
        }
        return null;
    }

    /** The certificate and the private key of a PEM bundle, in whatever order they stand. */
    public record Bundle(String certificatePem, String keyPem) {
        @Override
        public String toString() {
            return "PEM certificate with its private key";
        }
    }

    private static final java.util.regex.Pattern BLOCK = java.util.regex.Pattern.compile(
            "-----BEGIN ([A-Z0-9 ]+)-----\\r?\\n[A-Za-z0-9+/=\\r\\n:,\\- ]*?-----END \\1-----");

    /**
     * Splits one text holding a certificate and its key (a CA kept as one secret file) into the
     * two PEM blocks the engine reads.
     */
    public static Bundle splitBundle(String field, String text) {
        String certificate = null;
        String key = null;
        java.util.regex.Matcher matcher = BLOCK.matcher(text == null ? "" : text);
        while (matcher.find()) {
            String label = matcher.group(1);
            if (label.equals("CERTIFICATE") && certificate == null) {
                certificate = matcher.group() + "\n";
            } else if (label.endsWith("PRIVATE KEY") && key == null) {
                key = matcher.group() + "\n";
            }
        }
        if (certificate == null || key == null) {
            throw InvalidInputException.problem(field, "holds no " + (certificate == null ? "PEM certificate" : "PEM private key")
                    + "; expected one file with the CA certificate and its private key in PEM");
        }
        return new Bundle(certificate, key);
    }

    /**
     * A CA kept as a certificate credential (a PKCS#12 keystore and its password): its one key entry
     * as the two PEM blocks the engine reads. A keystore with no key entry or several, or a password
     * that does not open the key, is refused naming {@code source} (the credential, by its id).
     */
    public static Bundle fromKeyStore(String field, String source, KeyStore keyStore, char[] password) {
        try {
            List<String> keyEntries = new ArrayList<>();
            for (String alias : Collections.list(keyStore.aliases())) {
                if (keyStore.isKeyEntry(alias)) {
                    keyEntries.add(alias);
                }
            }
            if (keyEntries.size() != 1) {
                throw InvalidInputException.problem(field, source + " holds " + keyEntries.size()
                        + " key entries; expected a keystore with exactly one: the CA certificate and its private key");
            }
            Key key;
            try {
                key = keyStore.getKey(keyEntries.get(0), password);
            } catch (UnrecoverableKeyException wrongPassword) {
                throw InvalidInputException.problem(field, "the password of " + source
                        + " does not open its key; expected the keystore's own password");
            }
            java.security.cert.Certificate certificate = keyStore.getCertificate(keyEntries.get(0));
            if (!(key instanceof PrivateKey privateKey) || !(certificate instanceof X509Certificate x509)) {
                throw InvalidInputException.problem(field, source + " holds no X.509 certificate with a private key;"
                        + " expected the CA certificate and its private key");
            }
            return new Bundle(new String(CertificateFiles.pem(x509), StandardCharsets.US_ASCII),
                    new String(CertificateFiles.pem(new JcaPKCS8Generator(privateKey, null)), StandardCharsets.US_ASCII));
        } catch (GeneralSecurityException | IOException e) {
            throw InvalidInputException.problem(field, source + " cannot be read as a keystore ("
                    + e.getClass().getSimpleName() + "); expected a PKCS#12 keystore with the CA and its key");
        }
    }

    /** Signing a random challenge works for every key type, where comparing parameters would not. */
    /**
     * Signs a random challenge with the key and verifies it with the public key. A key the JDK
     * cannot sign with (Ed25519, an EC curve other than P-256, P-384 and P-521) would fail here and
     * again in every certificate and handshake, so it is refused as what it is, not as a stranger's.
     */
    private static boolean matches(String keyField, PrivateKey key, PublicKey publicKey) {
        if (!key.getAlgorithm().equals(publicKey.getAlgorithm())) {
            return false;
        }
        try {
            byte[] challenge = new byte[32];
            new SecureRandom().nextBytes(challenge);
            String algorithm = CertificateIssuer.signatureAlgorithmFor(key);
            Signature signer = Signature.getInstance(algorithm);
            signer.initSign(key);
            signer.update(challenge);
            byte[] signature = signer.sign();
            Signature verifier = Signature.getInstance(algorithm);
            verifier.initVerify(publicKey);
            verifier.update(challenge);
            return verifier.verify(signature);
        } catch (GeneralSecurityException e) {
            throw InvalidInputException.problem(keyField, "the private key is " + IssuedCertificate.describe(publicKey)
                    + ", which cannot sign certificates or handshakes here; expected an RSA key or an EC key on"
                    + " P-256, P-384 or P-521");
        }
    }

    private static Object parseFirst(String field, String pem, String expected) {
        if (pem == null || pem.isBlank()) {
            throw InvalidInputException.problem(field, "is empty; expected " + expected);
        }
        try (PEMParser parser = new PEMParser(new StringReader(pem))) {
            Object parsed = parser.readObject();
            if (parsed == null) {
                throw InvalidInputException.problem(field, "holds no PEM block; expected " + expected);
            }
            return parsed;
        } catch (IOException | RuntimeException e) {
            if (e instanceof InvalidInputException invalid) {
                throw invalid;
            }
            // The parser's message may quote the malformed input, which can be key material.
            throw InvalidInputException.problem(field, "is not valid PEM; expected " + expected);
        }
    }

    private static String describe(Object parsed) {
        if (parsed instanceof X509CertificateHolder) {
            return "a certificate";
        }
        if (parsed instanceof PEMKeyPair || parsed instanceof PrivateKeyInfo) {
            return "a private key";
        }
        return "a PEM block of another kind (" + parsed.getClass().getSimpleName() + ")";
    }

    private static String subject(X509Certificate certificate) {
        return "'" + certificate.getSubjectX500Principal().getName() + "'";
    }
}
