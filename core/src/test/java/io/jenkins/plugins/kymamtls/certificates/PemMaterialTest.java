package io.jenkins.plugins.kymamtls.certificates;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jenkins.plugins.kymamtls.input.InvalidInputException;
import io.jenkins.plugins.kymamtls.testing.ExternalTools;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Date;
import java.util.List;
import javax.security.auth.x500.X500Principal;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.bouncycastle.openssl.jcajce.JceOpenSSLPKCS8EncryptorBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A CA, a leaf or a bundle the user supplies: what is accepted, and what is refused with one line
 * naming the field, never quoting what was given (it may be key material).
 */
class PemMaterialTest {

    @TempDir
    static Path folder;
    private static String caPem;
    private static String caKeyPem;
    private static String leafPem;
    private static String leafKeyPem;
    private static String otherCaPem;
    private static X509Certificate ca;
    private static X509Certificate leaf;
    private static PrivateKey leafKey;

    @BeforeAll
    static void sets() throws IOException {
        Path first = folder.resolve("first");
        Path second = folder.resolve("second");
        for (Path set : List.of(first, second)) {
            new CertificateEngine().generate(CertificateRequest.builder("httpbin.mtls.test", "client.mtls.test")
                    .keyAlgorithm(KeyAlgorithm.EC_P256).outputDirectory(set).selfTest(false).build(), line -> { });
        }
        caPem = Files.readString(CertificateFiles.certificateFile(first, "egress"));
        caKeyPem = Files.readString(CertificateFiles.keyFile(first, "egress"));
        leafPem = Files.readString(CertificateFiles.certificateFile(first, "httpbin.mtls.test"));
        leafKeyPem = Files.readString(CertificateFiles.keyFile(first, "httpbin.mtls.test"));
        otherCaPem = Files.readString(CertificateFiles.certificateFile(second, "egress"));
        ca = PemMaterial.readCertificate("caCert", caPem);
        leaf = PemMaterial.readCertificate("cert", leafPem);
        leafKey = PemMaterial.readPrivateKey("key", leafKeyPem);
    }

    private static InvalidInputException refused(String field, Runnable read) {
        InvalidInputException e = assertThrows(InvalidInputException.class, read::run);
        assertEquals(field, e.field());
        assertFalse(e.getMessage().contains("MII"), "no PEM content in: " + e.getMessage());
        return e;
    }

    @Test
    void aSuppliedCaIsLoadedWithItsKey() {
        IssuedCertificate loaded = PemMaterial.load(caPem, caKeyPem, Clock.systemUTC());
        assertEquals(ca, loaded.certificate());
        assertTrue(PemMaterial.keyMatches("k", loaded.privateKey(), ca.getPublicKey()));
    }

    @Test
    void aCaKeyOfAnotherCertificateIsRefused() {
        assertEquals("caKey: the private key does not belong to the CA certificate ('" + ca.getSubjectX500Principal().getName()
                + "'); expected the key the CA certificate was made with",
                refused("caKey", () -> PemMaterial.load(caPem, leafKeyPem, Clock.systemUTC())).getMessage());
    }

    @Test
    void aLeafIsNotACa() {
        assertTrue(refused("caCert", () -> PemMaterial.load(leafPem, leafKeyPem, Clock.systemUTC())).getMessage()
                .endsWith(" is not a CA (no basicConstraints CA:TRUE); expected a CA certificate"));
    }

    @Test
    void aCaThatMayNotSignCertificatesIsRefused() throws Exception {
        KeyPair keys = KeyAlgorithm.EC_P256.generate(new SecureRandom());
        X500Principal name = new X500Principal("CN=no-sign CA");
        Instant now = Instant.now();
        JcaX509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(name, BigInteger.TEN,
                Date.from(now.minusSeconds(60)), Date.from(now.plus(Duration.ofDays(30))), name, keys.getPublic());
        builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(true));
        builder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature));
        X509Certificate noSign = new JcaX509CertificateConverter().getCertificate(
                builder.build(new JcaContentSignerBuilder("SHA256withECDSA").build(keys.getPrivate())));
        String pem = new String(CertificateFiles.pem(noSign), StandardCharsets.US_ASCII);
        String keyPem = new String(CertificateFiles.pem(new JcaPKCS8Generator(keys.getPrivate(), null)), StandardCharsets.US_ASCII);
        assertEquals("caCert: the certificate 'CN=no-sign CA' may not sign certificates (keyUsage lacks keyCertSign);"
                + " expected a CA certificate", refused("caCert", () -> PemMaterial.load(pem, keyPem, Clock.systemUTC()))
                .getMessage());
    }

    @Test
    void aCompanyCaOnACurveWeDoNotGenerateIsUsedAndNamedAsItIs(@TempDir Path out) throws Exception {
        java.security.KeyPairGenerator generator = java.security.KeyPairGenerator.getInstance("EC");
        generator.initialize(new java.security.spec.ECGenParameterSpec("secp521r1"));
        KeyPair keys = generator.generateKeyPair();

        CertificateResult result = new CertificateEngine().generate(CertificateRequest.builder("httpbin.mtls.test",
                "client.mtls.test").keyAlgorithm(KeyAlgorithm.EC_P256).outputDirectory(out).authority(
                companyCaPem("P-521 company CA", keys, "SHA512withECDSA"), keyPem(keys)).build(), line -> { });

        assertEquals("ec-p521", result.certificates().get(0).keyAlgorithm());
        X509Certificate server = PemMaterial.readCertificate("cert",
                Files.readString(CertificateFiles.certificateFile(out, "httpbin.mtls.test")));
        assertEquals("SHA512withECDSA", server.getSigAlgName(), "signed with a digest as strong as the CA's key");
        assertEquals(3, result.selfTest().size());
    }

    /**
     * A CA key the JDK cannot sign with used to be called "not the key the CA certificate was made
     * with", which sent people looking for another key file.
     */
    @Test
    void aCompanyCaWhoseKeyCannotSignHereIsRefusedForWhatItIs() throws Exception {
        java.security.KeyPairGenerator ed25519 = java.security.KeyPairGenerator.getInstance("Ed25519");
        java.security.KeyPairGenerator brainpool = java.security.KeyPairGenerator.getInstance("EC", new BouncyCastleProvider());
        brainpool.initialize(new java.security.spec.ECGenParameterSpec("brainpoolP256r1"));
        record Ca(KeyPair keys, String signatureAlgorithm, String named) {
        }
        for (Ca ca : List.of(new Ca(ed25519.generateKeyPair(), "Ed25519", "eddsa"),
                new Ca(brainpool.generateKeyPair(), "SHA256withECDSA", "ec-brainpoolP256r1"))) {
            String certificatePem = companyCaPem(ca.named() + " company CA", ca.keys(), ca.signatureAlgorithm());
            String keyPem = keyPem(ca.keys());

            assertEquals("caKey: the private key is " + ca.named() + ", which cannot sign certificates or handshakes"
                    + " here; expected an RSA key or an EC key on P-256, P-384 or P-521",
                    refused("caKey", () -> PemMaterial.load(certificatePem, keyPem, Clock.systemUTC())).getMessage());
        }
    }

    /**
     * A CA made outside the engine, as a company brings one: CA:TRUE, may sign certificates, signed
     * with BouncyCastle's provider, which signs with curves the JDK does not.
     */
    private static String companyCaPem(String commonName, KeyPair keys, String signatureAlgorithm) throws Exception {
        X500Principal name = new X500Principal("CN=" + commonName);
        Instant now = Instant.now();
        JcaX509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(name, BigInteger.TWO,
                Date.from(now.minusSeconds(60)), Date.from(now.plus(Duration.ofDays(3650))), name, keys.getPublic());
        builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(true));
        builder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
        X509Certificate certificate = new JcaX509CertificateConverter().getCertificate(builder.build(
                new JcaContentSignerBuilder(signatureAlgorithm).setProvider(new BouncyCastleProvider())
                        .build(keys.getPrivate())));
        return new String(CertificateFiles.pem(certificate), StandardCharsets.US_ASCII);
    }

    private static String keyPem(KeyPair keys) throws IOException {
        return new String(CertificateFiles.pem(new JcaPKCS8Generator(keys.getPrivate(), null)), StandardCharsets.US_ASCII);
    }

    @Test
    void aCaIsUsableOnlyWithinItsValidity() {
        Instant end = ca.getNotAfter().toInstant();
        Instant start = ca.getNotBefore().toInstant();
        PemMaterial.load(caPem, caKeyPem, Clock.fixed(end, ZoneOffset.UTC));
        PemMaterial.load(caPem, caKeyPem, Clock.fixed(start, ZoneOffset.UTC));
        assertTrue(refused("caCert", () -> PemMaterial.load(caPem, caKeyPem, Clock.fixed(end.plusSeconds(1), ZoneOffset.UTC)))
                .getMessage().endsWith(" expired on " + end + "; expected a CA valid now"));
        assertTrue(refused("caCert", () -> PemMaterial.load(caPem, caKeyPem,
                Clock.fixed(start.minusSeconds(1), ZoneOffset.UTC))).getMessage()
                .endsWith(" is valid only from " + start + "; expected a CA valid now"));
    }

    @Test
    void emptyGarbageAndTheWrongKindOfBlockAreNamedWithoutQuotingThem() {
        assertEquals("caCert: is empty; expected a PEM certificate ('-----BEGIN CERTIFICATE-----')",
                refused("caCert", () -> PemMaterial.readCertificate("caCert", " ")).getMessage());
        assertEquals("caCert: holds no PEM block; expected a PEM certificate ('-----BEGIN CERTIFICATE-----')",
                refused("caCert", () -> PemMaterial.readCertificate("caCert", "just text")).getMessage());
        assertEquals("caCert: is not valid PEM; expected a PEM certificate ('-----BEGIN CERTIFICATE-----')",
                refused("caCert", () -> PemMaterial.readCertificate("caCert",
                        "-----BEGIN CERTIFICATE-----\nMIIBroken!!\n-----END CERTIFICATE-----\n")).getMessage());
        assertEquals("caCert: holds a private key; expected a PEM certificate ('-----BEGIN CERTIFICATE-----')",
                refused("caCert", () -> PemMaterial.readCertificate("caCert", leafKeyPem)).getMessage());
        assertEquals("caKey: holds a certificate; expected a PEM private key (PKCS#8 or PKCS#1, RSA or EC)",
                refused("caKey", () -> PemMaterial.readPrivateKey("caKey", caPem)).getMessage());
        assertEquals("caKey: is empty; expected a PEM private key (PKCS#8 or PKCS#1, RSA or EC)",
                refused("caKey", () -> PemMaterial.readPrivateKey("caKey", null)).getMessage());
    }

    @Test
    void aKeyInOpenSslsOwnFormatOrAPublicKeyGivenAsTheCaIsNamedForWhatItIs() throws Exception {
        // openssl genrsa -traditional and openssl ecparam -genkey write "RSA/EC PRIVATE KEY" blocks;
        // "openssl x509 -pubkey" prints a public key, easily pasted instead of the certificate.
        java.io.StringWriter sec1 = new java.io.StringWriter();
        java.io.StringWriter publicKey = new java.io.StringWriter();
        try (org.bouncycastle.openssl.jcajce.JcaPEMWriter writer = new org.bouncycastle.openssl.jcajce.JcaPEMWriter(sec1)) {
            writer.writeObject(leafKey);
        }
        try (org.bouncycastle.openssl.jcajce.JcaPEMWriter writer = new org.bouncycastle.openssl.jcajce.JcaPEMWriter(publicKey)) {
            writer.writeObject(leaf.getPublicKey());
        }
        assertTrue(sec1.toString().startsWith("-----BEGIN EC PRIVATE KEY-----"), "an SEC1 key");
        assertEquals("caCert: holds a private key; expected a PEM certificate ('-----BEGIN CERTIFICATE-----')",
                refused("caCert", () -> PemMaterial.readCertificate("caCert", sec1.toString())).getMessage());
        assertEquals("caCert: holds a PEM block of another kind (SubjectPublicKeyInfo); expected a PEM certificate"
                        + " ('-----BEGIN CERTIFICATE-----')",
                refused("caCert", () -> PemMaterial.readCertificate("caCert", publicKey.toString())).getMessage());
    }

    /** openssl's own key formats, as `genrsa -traditional` and `ecparam -genkey` write them. */
    @Test
    void aPkcs1OrSec1KeyIsReadAsTheKeyItsPkcs8FormHolds(@TempDir Path keys) throws Exception {
        ExternalTools.require("openssl");
        List<List<String>> commands = List.of(
                List.of("openssl", "genpkey", "-algorithm", "RSA", "-pkeyopt", "rsa_keygen_bits:2048", "-out", "rsa.pkcs8"),
                List.of("openssl", "rsa", "-in", "rsa.pkcs8", "-traditional", "-out", "rsa.key"),
                List.of("openssl", "ecparam", "-name", "prime256v1", "-genkey", "-noout", "-out", "ec.key"),
                List.of("openssl", "pkcs8", "-topk8", "-nocrypt", "-in", "ec.key", "-out", "ec.pkcs8"));
        for (List<String> command : commands) {
            ExternalTools.Result result = ExternalTools.run(keys, command);
            assertTrue(result.succeeded(), command + ": " + result.output());
        }
        for (String[] formats : new String[][] {{"rsa", "-----BEGIN RSA PRIVATE KEY-----"},
            {"ec", "-----BEGIN EC PRIVATE KEY-----"}}) {
            String own = Files.readString(keys.resolve(formats[0] + ".key"));
            assertTrue(own.startsWith(formats[1]), own.lines().findFirst().orElse(""));
            assertEquals(secretOf(PemMaterial.readPrivateKey("caKey", Files.readString(keys.resolve(formats[0] + ".pkcs8")))),
                    secretOf(PemMaterial.readPrivateKey("caKey", own)), formats[0]);
        }
    }

    /** The numbers that make the key, whichever encoding it came in (SEC1 may carry the public point). */
    private static List<BigInteger> secretOf(PrivateKey key) {
        if (key instanceof java.security.interfaces.RSAPrivateKey rsa) {
            return List.of(rsa.getModulus(), rsa.getPrivateExponent());
        }
        java.security.interfaces.ECPrivateKey ec = (java.security.interfaces.ECPrivateKey) key;
        return List.of(ec.getS(), ec.getParams().getOrder());
    }

    @Test
    void anEncryptedKeyIsRefusedAsSuch() throws Exception {
        PrivateKey key = PemMaterial.readPrivateKey("key", leafKeyPem);
        String encrypted = new String(CertificateFiles.pem(new JcaPKCS8Generator(key,
                new JceOpenSSLPKCS8EncryptorBuilder(JcaPKCS8Generator.AES_256_CBC).setProvider(new BouncyCastleProvider())
                        .setPassword("pw".toCharArray()).setIterationCount(1000).build())), StandardCharsets.US_ASCII);
        assertEquals("caKey: the private key is encrypted; expected an unencrypted PEM private key (PKCS#8 or PKCS#1)",
                refused("caKey", () -> PemMaterial.readPrivateKey("caKey", encrypted)).getMessage());
    }

    @Test
    void bundlesAreReadInOrderSkippingOtherBlocks() {
        List<X509Certificate> both = PemMaterial.readCertificates("ca.crt", caPem + leafKeyPem + otherCaPem);
        assertEquals(2, both.size());
        assertEquals(ca, both.get(0));
        assertEquals("ca.crt: holds no PEM certificate; expected PEM certificates",
                refused("ca.crt", () -> PemMaterial.readCertificates("ca.crt", leafKeyPem)).getMessage());
        assertEquals("ca.crt: holds no PEM certificate; expected PEM certificates",
                refused("ca.crt", () -> PemMaterial.readCertificates("ca.crt", null)).getMessage());
        assertEquals("ca.crt: is not valid PEM; expected PEM certificates", refused("ca.crt",
                () -> PemMaterial.readCertificates("ca.crt", "-----BEGIN CERTIFICATE-----\nMII@@\n-----END CERTIFICATE-----\n"))
                .getMessage());
    }

    @Test
    void aLeafMustHaveItsOwnKeyAndChainToOneOfTheCas() {
        X509Certificate other = PemMaterial.readCertificate("ca", otherCaPem);
        PemMaterial.checkLeaf("cert", leaf, "key", leafKey, ca);
        PemMaterial.checkLeaf("cert", leaf, "key", leafKey, List.of(other, ca));
        assertSame(ca, PemMaterial.issuerOf(leaf, List.of(other, ca)));
        assertNull(PemMaterial.issuerOf(leaf, List.of(other)));
        assertTrue(refused("key", () -> PemMaterial.checkLeaf("cert", leaf, "key",
                PemMaterial.readPrivateKey("k", caKeyPem), ca)).getMessage()
                .startsWith("key: the private key does not belong to the certificate '"));
        assertEquals("cert: the certificate '" + leaf.getSubjectX500Principal().getName() + "' was not issued by the CA '"
                + other.getSubjectX500Principal().getName() + "' or the CA '" + other.getSubjectX500Principal().getName()
                + "'; expected certificates from one set", refused("cert",
                () -> PemMaterial.checkLeaf("cert", leaf, "key", leafKey, List.of(other, other))).getMessage());
    }

    @Test
    void keysOfAnotherTypeNeverMatch() {
        PrivateKey rsa = KeyAlgorithm.RSA_2048.generate(new SecureRandom()).getPrivate();
        assertFalse(PemMaterial.keyMatches("k", rsa, leaf.getPublicKey()));
        assertFalse(PemMaterial.keyMatches("k", PemMaterial.readPrivateKey("k", caKeyPem), leaf.getPublicKey()));
        assertTrue(PemMaterial.keyMatches("k", leafKey, leaf.getPublicKey()));
    }

    @Test
    void aCaKeptAsOneFileIsSplitWhateverTheOrder() {
        PemMaterial.Bundle bundle = PemMaterial.splitBundle("caBundle", "comment\n" + caKeyPem + caPem + otherCaPem);
        assertEquals(caPem.strip() + "\n", bundle.certificatePem());
        assertEquals(caKeyPem.strip() + "\n", bundle.keyPem());
        assertEquals("PEM certificate with its private key", bundle.toString());
        assertEquals("caBundle: holds no PEM private key; expected one file with the CA certificate and its private key"
                + " in PEM", refused("caBundle", () -> PemMaterial.splitBundle("caBundle", caPem)).getMessage());
        assertEquals("caBundle: holds no PEM certificate; expected one file with the CA certificate and its private key"
                + " in PEM", refused("caBundle", () -> PemMaterial.splitBundle("caBundle", caKeyPem)).getMessage());
        refused("caBundle", () -> PemMaterial.splitBundle("caBundle", null));
    }

    @Test
    void aKeystoreGivesItsOneKeyEntry() throws Exception {
        IssuedCertificate loaded = PemMaterial.load(caPem, caKeyPem, Clock.systemUTC());
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(null, null);
        store.setKeyEntry("ca", loaded.privateKey(), "pw".toCharArray(), new java.security.cert.Certificate[] {ca});
        PemMaterial.Bundle bundle = PemMaterial.fromKeyStore("caCredentialsId", "credential 'ca'", store, "pw".toCharArray());
        assertEquals(ca, PemMaterial.readCertificate("c", bundle.certificatePem()));
        assertTrue(PemMaterial.keyMatches("k", PemMaterial.readPrivateKey("k", bundle.keyPem()), ca.getPublicKey()));

        assertEquals("caCredentialsId: the password of credential 'ca' does not open its key; expected the keystore's own"
                + " password", refused("caCredentialsId",
                () -> PemMaterial.fromKeyStore("caCredentialsId", "credential 'ca'", store, "nope".toCharArray())).getMessage());
        store.setKeyEntry("second", loaded.privateKey(), "pw".toCharArray(), new java.security.cert.Certificate[] {ca});
        assertEquals("caCredentialsId: credential 'ca' holds 2 key entries; expected a keystore with exactly one: the CA"
                + " certificate and its private key", refused("caCredentialsId",
                () -> PemMaterial.fromKeyStore("caCredentialsId", "credential 'ca'", store, "pw".toCharArray())).getMessage());
    }
}
