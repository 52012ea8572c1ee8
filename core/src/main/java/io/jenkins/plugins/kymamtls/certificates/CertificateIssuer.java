package io.jenkins.plugins.kymamtls.certificates;

import io.jenkins.plugins.kymamtls.input.InvalidInputException;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECKey;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.bouncycastle.asn1.DERUTF8String;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.CertIOException;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * Creates the root CA and issues the server and client leaves, following RFC 5280 profiles that
 * current TLS stacks (Envoy in Istio, OpenSSL, the JDK) accept: SANs on leaves, CA flags only on
 * the CA, key identifiers for chain building.
 *
 * <p>Made for a long life: the CA may sign leaves only ({@code pathLenConstraint: 0}), and a leaf's
 * Authority Key Identifier names the CA's key alone, not its issuer and serial, so a CA certificate
 * re-issued for the same key ({@link #renewAuthority}) still verifies every leaf it signed.
 */
public final class CertificateIssuer {

    /** Clocks of the cluster, the agent and the build controller rarely agree to the second. */
    static final Duration CLOCK_SKEW_ALLOWANCE = Duration.ofMinutes(5);

    private final SecureRandom random;
    private final Clock clock;

    public CertificateIssuer(SecureRandom random, Clock clock) {
        this.random = random;
        this.clock = clock;
    }

    public CertificateIssuer() {
        this(new SecureRandom(), Clock.systemUTC());
    }

    /**
     * The same issuer with its clock stopped at this instant, so the certificates of one run share
     * one "now": a CA and leaves made for the same number of days then end at the same second.
     */
    public CertificateIssuer at(Instant now) {
        return new CertificateIssuer(random, Clock.fixed(now, java.time.ZoneOffset.UTC));
    }

    public Instant now() {
        return clock.instant();
    }

    /**
     * An organisation as the text typed: X500NameBuilder parses a String value, and takes one that
     * starts with '#' for hex-encoded DER ("#1 Acme" failed to issue).
     */
    static DERUTF8String organisation(String organization) {
        return new DERUTF8String(organization);
    }

    public static X500Name authoritySubject(String organization, String commonName) {
        return new X500NameBuilder(BCStyle.INSTANCE)
                .addRDN(BCStyle.O, organisation(organization))
                .addRDN(BCStyle.CN, commonName)
                .build();
    }

    public static X500Name serverSubject(String domain, String organization) {
        return new X500NameBuilder(BCStyle.INSTANCE)
                .addRDN(BCStyle.CN, domain)
                .addRDN(BCStyle.O, organisation(organization))
                .build();
    }

    public static X500Name clientSubject(String client) {
        return new X500NameBuilder(BCStyle.INSTANCE).addRDN(BCStyle.CN, client).build();
    }

    public IssuedCertificate createAuthority(X500Name subject, KeyAlgorithm algorithm, int days) {
        return createAuthority(subject, algorithm.generate(random), days);
    }

    public IssuedCertificate createAuthority(X500Name subject, KeyPair keys, int days) {
        return authority(subject, keys, days);
    }

    /**
     * The CA certificate again for the same subject and key, valid for {@code days} from now: every
     * leaf the old one signed verifies with it, because the signature and the key identifier are the
     * key's. The old certificate and the new one may both be trusted while the new one rolls out.
     */
    public IssuedCertificate renewAuthority(IssuedCertificate authority, int days) {
        X509Certificate old = authority.certificate();
        return authority(X500Name.getInstance(old.getSubjectX500Principal().getEncoded()),
                new KeyPair(old.getPublicKey(), authority.privateKey()), days);
    }

    private IssuedCertificate authority(X500Name subject, KeyPair keys, int days) {
        Instant notBefore = clock.instant().minus(CLOCK_SKEW_ALLOWANCE);
        Instant notAfter = clock.instant().plus(Duration.ofDays(days));
        try {
            JcaX509ExtensionUtils extensions = new JcaX509ExtensionUtils();
            X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(subject, serialNumber(),
                    Date.from(notBefore), Date.from(notAfter), subject, keys.getPublic())
                    // Path length 0: this CA signs leaves, never another CA.
                    .addExtension(Extension.basicConstraints, true, new BasicConstraints(0))
                    .addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign))
                    .addExtension(Extension.subjectKeyIdentifier, false,
                            extensions.createSubjectKeyIdentifier(keys.getPublic()));
            X509Certificate certificate = sign(builder, keys.getPrivate(), keys.getPublic());
            return new IssuedCertificate(certificate, keys.getPrivate(), List.of());
        } catch (GeneralSecurityException | CertIOException e) {
            throw new IllegalStateException("Could not create the CA certificate", e);
        }
    }

    public IssuedCertificate issueServer(IssuedCertificate authority, String domain, String organization,
                                         KeyPair keys, int days) {
        return issueLeaf(authority, serverSubject(domain, organization), domain, KeyPurposeId.id_kp_serverAuth,
                keys, days);
    }

    public IssuedCertificate issueClient(IssuedCertificate authority, String client, KeyPair keys, int days) {
        return issueLeaf(authority, clientSubject(client), client, KeyPurposeId.id_kp_clientAuth, keys, days);
    }

    private IssuedCertificate issueLeaf(IssuedCertificate authority, X500Name subject, String dnsName,
                                        KeyPurposeId purpose, KeyPair keys, int days) {
        X509Certificate issuer = authority.certificate();
        Instant notBefore = clock.instant().minus(CLOCK_SKEW_ALLOWANCE);
        Instant notAfter = clock.instant().plus(Duration.ofDays(days));
        // A leaf that outlives its CA fails verification from the CA's last day on.
        Instant caEnds = issuer.getNotAfter().toInstant();
        if (notAfter.truncatedTo(java.time.temporal.ChronoUnit.SECONDS).isAfter(caEnds)) {
            throw InvalidInputException.problem("days", "a certificate for " + dnsName + " valid for " + days
                    + " days would end on " + notAfter.truncatedTo(java.time.temporal.ChronoUnit.SECONDS)
                    + ", after its CA ends on " + caEnds + "; expected days that end by the CA's end, or renew the CA"
                    + " first (renewCa)");
        }
        try {
            JcaX509ExtensionUtils extensions = new JcaX509ExtensionUtils();
            X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(issuer, serialNumber(),
                    Date.from(notBefore), Date.from(notAfter), subject, keys.getPublic())
                    .addExtension(Extension.basicConstraints, true, new BasicConstraints(false))
                    .addExtension(Extension.keyUsage, true, new KeyUsage(leafKeyUsage(keys.getPublic())))
                    .addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(purpose))
                    .addExtension(Extension.subjectAlternativeName, false,
                            new GeneralNames(new GeneralName(GeneralName.dNSName, dnsName)))
                    .addExtension(Extension.authorityKeyIdentifier, false,
                            extensions.createAuthorityKeyIdentifier(issuer.getPublicKey()))
                    .addExtension(Extension.subjectKeyIdentifier, false,
                            extensions.createSubjectKeyIdentifier(keys.getPublic()));
            X509Certificate certificate = sign(builder, authority.privateKey(), issuer.getPublicKey());
            return new IssuedCertificate(certificate, keys.getPrivate(), List.of(authority.chain()));
        } catch (GeneralSecurityException | CertIOException e) {
            throw new IllegalStateException("Could not issue the certificate for " + dnsName, e);
        }
    }

    /**
     * RSA keys in TLS 1.2 RSA key exchange encipher the premaster secret; EC keys only sign
     * (ECDHE uses ephemeral keys, not the certificate key).
     */
    static int leafKeyUsage(PublicKey key) {
        return key instanceof ECKey
                ? KeyUsage.digitalSignature
                : KeyUsage.digitalSignature | KeyUsage.keyEncipherment;
    }

    /**
     * Generates keys for a whole set at once. An RSA key takes from tens of milliseconds (compiled)
     * to a second (in a JVM that has just started), so on more than one core the keys are made side
     * by side: one worker per core, the calling thread among them, each taking the next key to make.
     * (The common pool would not do: on two cores it has one thread.) EC keys take less than
     * handing work to a thread.
     */
    public List<KeyPair> generateKeys(KeyAlgorithm algorithm, int count) {
        int workers = Math.min(count, Runtime.getRuntime().availableProcessors());
        if (!algorithm.isRsa() || workers < 2) {
            List<KeyPair> keys = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                keys.add(algorithm.generate(random));
            }
            return keys;
        }
        KeyPair[] keys = new KeyPair[count];
        AtomicInteger next = new AtomicInteger();
        AtomicReference<RuntimeException> failure = new AtomicReference<>();
        Runnable work = () -> {
            try {
                for (int i = next.getAndIncrement(); i < count && failure.get() == null; i = next.getAndIncrement()) {
                    keys[i] = algorithm.generate(random);
                }
            } catch (RuntimeException e) {
                failure.compareAndSet(null, e);
            }
        };
        List<Thread> helpers = new ArrayList<>();
        for (int i = 1; i < workers; i++) {
            Thread helper = new Thread(work, "kyma-mtls-keys-" + i);
            helper.setDaemon(true);
            helper.start();
            helpers.add(helper);
        }
        work.run();
        try {
            for (Thread helper : helpers) {
                helper.join();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while generating keys", e);
        }
        if (failure.get() != null) {
            throw failure.get();
        }
        return List.of(keys);
    }

    /** Chooses the digest by the signing key, so a P-384 CA does not sign with a weaker SHA-256. */
    static String signatureAlgorithmFor(PrivateKey signingKey) {
        if (signingKey instanceof ECKey ec) {
            int fieldSize = ec.getParams().getCurve().getField().getFieldSize();
            if (fieldSize > 384) {
                return "SHA512withECDSA";
            }
            return fieldSize > 256 ? "SHA384withECDSA" : "SHA256withECDSA";
        }
        return "SHA256withRSA";
    }

    private static X509Certificate sign(X509v3CertificateBuilder builder, PrivateKey signingKey,
                                        PublicKey verificationKey) throws GeneralSecurityException {
        try {
            X509Certificate certificate = new JcaX509CertificateConverter()
                    .getCertificate(builder.build(new JcaContentSignerBuilder(signatureAlgorithmFor(signingKey))
                            .build(signingKey)));
            // A signature that does not verify would only surface later as a handshake failure.
            certificate.verify(verificationKey);
            return certificate;
        } catch (OperatorCreationException e) {
            throw new GeneralSecurityException("No signer for " + signingKey.getAlgorithm() + " keys", e);
        }
    }

    /** RFC 5280 allows 20 octets; 159 random bits with the top one set keep it positive and long. */
    private BigInteger serialNumber() {
        return new BigInteger(159, random).setBit(158);
    }
}
