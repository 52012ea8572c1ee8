package io.jenkins.plugins.kymamtls.certificates;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jenkins.plugins.kymamtls.input.InvalidInputException;
import io.jenkins.plugins.kymamtls.testing.ExternalTools;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.x509.AuthorityKeyIdentifier;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Certificates made for a long life: the CA outlives its leaves, leaves are renewed from the same
 * CA, and the CA certificate is renewed for the same key without touching the leaves.
 */
class CertificateLifetimeTest {

    private static final Instant NOW = Instant.parse("2026-11-26T10:00:00Z");

    @TempDir
    Path dir;

    private final List<String> log = new ArrayList<>();

    private CertificateRequest.Builder request() {
        return CertificateRequest.builder("httpbin.mtls.test", "client.mtls.test")
                .keyAlgorithm(KeyAlgorithm.EC_P256).outputDirectory(dir);
    }

    private static CertificateEngine at(Instant instant) {
        Clock clock = Clock.fixed(instant, ZoneOffset.UTC);
        return new CertificateEngine(new CertificateIssuer(new java.security.SecureRandom(), clock), clock);
    }

    private static Instant days(int days) {
        return NOW.plus(Duration.ofDays(days));
    }

    private X509Certificate file(String name) throws Exception {
        return PemMaterial.readCertificate("test", Files.readString(dir.resolve(name)));
    }

    @Test
    void theCaLivesItsOwnDaysAndSignsLeavesOnly() throws Exception {
        CertificateSet set = at(NOW).issue(request().build());
        X509Certificate ca = set.authority().certificate();
        assertEquals(days(1825), ca.getNotAfter().toInstant());
        assertEquals(days(365), set.server().certificate().getNotAfter().toInstant());
        assertEquals(0, ca.getBasicConstraints(), "pathLenConstraint 0");
        byte[] caKeyId = ASN1OctetString.getInstance(JcaX509ExtensionUtils.parseExtensionValue(
                ca.getExtensionValue(Extension.subjectKeyIdentifier.getId()))).getOctets();
        for (IssuedCertificate leaf : List.of(set.server(), set.client())) {
            AuthorityKeyIdentifier aki = AuthorityKeyIdentifier.getInstance(JcaX509ExtensionUtils.parseExtensionValue(
                    leaf.certificate().getExtensionValue(Extension.authorityKeyIdentifier.getId())));
            assertArrayEquals(caKeyId, aki.getKeyIdentifier());
            assertNull(aki.getAuthorityCertIssuer(), "no issuer name in the AKI");
            assertNull(aki.getAuthorityCertSerialNumber(), "no issuer serial in the AKI");
        }
    }

    @Test
    void aLeafThatWouldOutliveItsCaIsRefusedBeforeAnythingIsMade() throws Exception {
        InvalidInputException generated = assertThrows(InvalidInputException.class,
                () -> request().days(400).caDays(365).build());
        assertEquals("days: '400' is not allowed; expected at most caDays (365), so no leaf outlives the CA it is"
                + " issued from", generated.getMessage());

        at(NOW).generate(request().days(30).caDays(60).selfTest(false).build(), log::add);
        String caPem = Files.readString(dir.resolve("egress.crt"));
        String caKey = Files.readString(dir.resolve("egress.key"));
        Path other = dir.resolve("other");
        InvalidInputException supplied = assertThrows(InvalidInputException.class, () -> at(NOW).generate(request()
                .authority(caPem, caKey).days(90).outputDirectory(other).build(), log::add));
        assertEquals("days: a certificate for httpbin.mtls.test valid for 90 days would end on 2027-02-24T10:00:00Z,"
                + " after its CA ends on 2027-01-25T10:00:00Z; expected days that end by the CA's end, or renew the CA"
                + " first (renewCa)", supplied.getMessage());
        assertTrue(!Files.exists(other), "nothing was written");
    }

    @Test
    void renewalSettingsOutOfRangeAreRefusedNamingTheField() {
        assertEquals("renewBefore: '365' is not allowed; expected 0 (off) or a whole number of days from 1 to"
                + " days - 1 (364), so a renewed leaf is not due again at once",
                assertThrows(InvalidInputException.class, () -> request().renewBefore(365).build()).getMessage());
        assertEquals("renewBefore", assertThrows(InvalidInputException.class,
                () -> request().renewBefore(-1).build()).field());
        assertEquals("caDays", assertThrows(InvalidInputException.class, () -> request().caDays(3651).build()).field());
        request().renewBefore(30).build();
        assertEquals(364, request().renewBefore(364).build().renewBefore());
        assertEquals(1, request().days(2).caDays(2).renewBefore(1).build().renewBefore());
        assertEquals("days", assertThrows(InvalidInputException.class, () -> request().days(41).caDays(40).build()).field());
        assertEquals(40, request().days(40).caDays(40).build().days());
    }

    @Test
    void aRequestDescribesItselfWithoutKeysAndSelfTestsByDefault() {
        CertificateRequest plain = request().build();
        assertTrue(plain.selfTest());
        assertEquals("certificates for httpbin.mtls.test and client.mtls.test (ec-p256, 365 days, CA 1825 days) in " + dir,
                plain.toString());
    }

    @Test
    void leavesDueWithinRenewBeforeAreReissuedFromTheSameCaAndTheRestStays() throws Exception {
        CertificateResult first = at(NOW).generate(request().build(), log::add);
        String caKey = Files.readString(dir.resolve("egress.key"));
        String serverKey = Files.readString(dir.resolve("httpbin.mtls.test.key"));

        CertificateResult early = at(days(300)).generate(request().renewBefore(30).build(), log::add);
        assertEquals(List.of(), early.renewed(), "not due yet: 65 days left");
        assertEquals(serverKey, Files.readString(dir.resolve("httpbin.mtls.test.key")));

        log.clear();
        CertificateResult renewed = at(days(340)).generate(request().renewBefore(30).build(), log::add);
        assertTrue(renewed.reused());
        assertEquals(List.of("server", "client"), renewed.renewed());
        assertEquals(first.certificates().get(0).sha256Fingerprint(), renewed.certificates().get(0).sha256Fingerprint(),
                "the CA stays");
        assertEquals(caKey, Files.readString(dir.resolve("egress.key")));
        assertNotEquals(serverKey, Files.readString(dir.resolve("httpbin.mtls.test.key")), "a new key with the new leaf");
        assertEquals(days(340 + 365), file("httpbin.mtls.test.crt").getNotAfter().toInstant());
        file("client.mtls.test.crt").verify(file("egress.crt").getPublicKey());
        assertEquals(3, renewed.selfTest().size(), "the renewed set was proven in TLS handshakes");
        assertTrue(log.contains("renewed the server certificate: valid until " + days(340 + 365)), log::toString);
        assertTrue(log.contains("wrote " + dir.resolve("httpbin.mtls.test.key")), log::toString);
        assertTrue(log.stream().noneMatch(line -> line.equals("wrote " + dir.resolve("egress.crt"))), log::toString);
    }

    @Test
    void anExpiredLeafNamesWhatToSetAndRenewDoesIt() throws Exception {
        at(NOW).generate(request().selfTest(false).build(), log::add);
        InvalidInputException expired = assertThrows(InvalidInputException.class,
                () -> at(days(400)).generate(request().selfTest(false).build(), log::add));
        assertEquals("renewBefore", expired.field());
        assertTrue(expired.getMessage().contains("expected renewBefore or renew to re-issue it from the same CA, or"
                + " force for a new set"), expired.getMessage());

        CertificateResult renewed = at(days(400)).generate(request().renew(true).selfTest(false).build(), log::add);
        assertEquals(List.of("server", "client"), renewed.renewed());
    }

    @Test
    void theCaCertificateRenewedForTheSameKeyStillVerifiesTheLeavesItSigned() throws Exception {
        at(NOW).generate(request().days(30).caDays(40).build(), log::add);
        X509Certificate oldCa = file("egress.crt");
        X509Certificate server = file("httpbin.mtls.test.crt");

        // Renewing leaves past the CA's end is refused, naming the CA as the thing to renew.
        InvalidInputException caFirst = assertThrows(InvalidInputException.class,
                () -> at(days(20)).generate(request().days(30).caDays(40).renew(true).build(), log::add));
        assertEquals("renewCa", caFirst.field());
        assertTrue(caFirst.getMessage().contains("ends on " + days(40)), caFirst.getMessage());

        CertificateResult caRenewed = at(days(20)).generate(request().days(30).caDays(40).renewCa(true).build(),
                log::add);
        assertEquals(List.of("ca"), caRenewed.renewed());
        X509Certificate newCa = file("egress.crt");
        assertEquals(days(60), newCa.getNotAfter().toInstant());
        assertNotEquals(oldCa.getSerialNumber(), newCa.getSerialNumber());
        assertEquals(oldCa.getSubjectX500Principal(), newCa.getSubjectX500Principal());
        assertEquals(server, file("httpbin.mtls.test.crt"), "the leaves were not touched");
        server.verify(newCa.getPublicKey());
        assertEquals(3, caRenewed.selfTest().size(), "old leaves and the new CA pass the TLS handshakes");

        // OpenSSL builds the chain from the new CA certificate alone.
        ExternalTools.require("openssl");
        for (String leaf : List.of("httpbin.mtls.test.crt", "client.mtls.test.crt")) {
            ExternalTools.Result verified = ExternalTools.run(dir, List.of(ExternalTools.path("openssl"), "verify",
                    "-attime", Long.toString(days(21).getEpochSecond()), "-CAfile", "egress.crt", leaf));
            assertTrue(verified.succeeded() && verified.output().contains(leaf + ": OK"), verified::output);
        }

        // With the CA renewed, the leaves renew to their full days.
        CertificateResult leaves = at(days(25)).generate(request().days(30).caDays(40).renew(true).build(), log::add);
        assertEquals(List.of("server", "client"), leaves.renewed());
        assertEquals(days(55), file("client.mtls.test.crt").getNotAfter().toInstant());
    }

    @Test
    void renewCaIsForACaThisFolderKeeps() throws Exception {
        CertificateSet supplied = at(NOW).issue(request().build());
        String pem = new String(CertificateFiles.pem(supplied.authority().certificate()));
        String key = new String(CertificateFiles.pem(new org.bouncycastle.openssl.jcajce.JcaPKCS8Generator(
                supplied.authority().privateKey(), null)));
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> request().authority(pem, key).renewCa(true).build());
        assertEquals("renewCa: the CA comes from caCert; expected a CA this folder keeps (renew a supplied CA where it"
                + " is kept and pass it again)", e.getMessage());
    }

    /**
     * Rewrites a leaf of the folder as other tools or older releases wrote it, same key and dates:
     * its AKI names the CA's issuer and serial too, or there is no AKI at all.
     */
    private X509Certificate rewriteLeaf(String file, boolean namingTheCaSerial) throws Exception {
        return rewriteLeaf(file, namingTheCaSerial, null, null);
    }

    /**
     * @param subject another subject; null keeps the leaf's
     * @param rawAki an AKI extension value as given, however malformed; null for none
     */
    private X509Certificate rewriteLeaf(String file, boolean namingTheCaSerial, String subject, byte[] rawAki)
            throws Exception {
        X509Certificate ca = file("egress.crt");
        java.security.PrivateKey caKey = PemMaterial.readPrivateKey("k", Files.readString(dir.resolve("egress.key")));
        X509Certificate leaf = file(file);
        org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder rewritten =
                new org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder(leaf.getIssuerX500Principal(),
                        leaf.getSerialNumber(), leaf.getNotBefore(), leaf.getNotAfter(),
                        subject == null ? leaf.getSubjectX500Principal() : new javax.security.auth.x500.X500Principal(subject),
                        leaf.getPublicKey());
        if (rawAki != null) {
            rewritten.addExtension(new org.bouncycastle.asn1.x509.Extension(Extension.authorityKeyIdentifier, false,
                    new org.bouncycastle.asn1.DEROctetString(rawAki)));
        }
        if (namingTheCaSerial) {
            rewritten.addExtension(Extension.authorityKeyIdentifier, false,
                    new JcaX509ExtensionUtils().createAuthorityKeyIdentifier(ca));
        }
        rewritten.addExtension(Extension.subjectAlternativeName, false, org.bouncycastle.asn1.ASN1Primitive.fromByteArray(
                ASN1OctetString.getInstance(leaf.getExtensionValue(Extension.subjectAlternativeName.getId())).getOctets()));
        X509Certificate result = new org.bouncycastle.cert.jcajce.JcaX509CertificateConverter().getCertificate(
                rewritten.build(new org.bouncycastle.operator.jcajce.JcaContentSignerBuilder(
                        CertificateIssuer.signatureAlgorithmFor(caKey)).build(caKey)));
        Files.write(dir.resolve(file), CertificateFiles.pem(result));
        return result;
    }

    @Test
    void leavesNamingTheOldCaSerialAreRenewedWithTheCaAndTheOthersStay() throws Exception {
        at(NOW).generate(request().days(30).caDays(40).selfTest(false).build(), log::add);
        X509Certificate client = file("client.mtls.test.crt");
        X509Certificate old = rewriteLeaf("httpbin.mtls.test.crt", true);

        log.clear();
        CertificateResult renewed = at(days(20)).generate(request().days(30).caDays(40).renewCa(true).selfTest(false)
                .build(), log::add);
        assertEquals(List.of("ca", "server"), renewed.renewed());
        assertTrue(log.contains("renewing the server certificate too: it names the old CA certificate's serial"),
                log::toString);
        assertTrue(log.contains("renewed the ca certificate: valid until " + days(60)), log::toString);
        assertTrue(log.contains("renewed the server certificate: valid until " + days(50)), log::toString);
        assertEquals(client, file("client.mtls.test.crt"), "a leaf with a key-id-only AKI stays");
        assertNotEquals(old, file("httpbin.mtls.test.crt"));
        file("httpbin.mtls.test.crt").verify(file("egress.crt").getPublicKey());
    }

    @Test
    void aClientNamingTheOldCaSerialIsRenewedToo() throws Exception {
        at(NOW).generate(request().days(30).caDays(40).selfTest(false).build(), log::add);
        X509Certificate server = file("httpbin.mtls.test.crt");
        rewriteLeaf("client.mtls.test.crt", true);

        log.clear();
        CertificateResult renewed = at(days(20)).generate(request().days(30).caDays(40).renewCa(true).build(), log::add);
        assertEquals(List.of("ca", "client"), renewed.renewed());
        assertTrue(log.contains("renewing the client certificate too: it names the old CA certificate's serial"),
                log::toString);
        assertTrue(log.contains("renewed the client certificate: valid until " + days(50)), log::toString);
        assertEquals(server, file("httpbin.mtls.test.crt"));
        assertEquals(3, renewed.selfTest().size());
    }

    @Test
    void aLeafWithoutAnyAuthorityKeyIdentifierStaysWithTheRenewedCaAndStillVerifies() throws Exception {
        // OpenSSL finds the issuer of such a leaf by name, which the re-issued CA keeps.
        at(NOW).generate(request().days(30).caDays(40).selfTest(false).build(), log::add);
        X509Certificate bare = rewriteLeaf("httpbin.mtls.test.crt", false);

        CertificateResult renewed = at(days(20)).generate(request().days(30).caDays(40).renewCa(true).build(), log::add);
        assertEquals(List.of("ca"), renewed.renewed());
        assertEquals(bare, file("httpbin.mtls.test.crt"));
        ExternalTools.require("openssl");
        ExternalTools.Result verified = ExternalTools.run(dir, List.of(ExternalTools.path("openssl"), "verify",
                "-attime", Long.toString(days(21).getEpochSecond()), "-CAfile", "egress.crt", "httpbin.mtls.test.crt"));
        assertTrue(verified.succeeded(), verified::output);
    }

    @Test
    void nothingDueKeepsTheSetEvenWhenRenewedLeavesWouldOutliveTheCa() throws Exception {
        // Leaves renewed on day 15 for 30 days would end after the CA's day 40; but none is due.
        at(NOW).generate(request().days(30).caDays(40).selfTest(false).build(), log::add);
        CertificateResult kept = at(days(15)).generate(request().days(30).caDays(40).build(), log::add);
        assertTrue(kept.reused());
        assertEquals(List.of(), kept.renewed());
    }

    @Test
    void renewingLeavesUnderAnEndedCaNamesRenewCaAndTheCasDates() throws Exception {
        at(NOW).generate(request().days(30).caDays(40).selfTest(false).build(), log::add);
        X509Certificate ca = file("egress.crt");
        InvalidInputException ended = assertThrows(InvalidInputException.class,
                () -> at(days(41)).generate(request().days(30).caDays(40).renew(true).build(), log::add));
        assertEquals("renewCa", ended.field());
        assertTrue(ended.getMessage().contains("the CA egress.crt in " + dir + " is not valid now ("
                + ca.getNotBefore().toInstant() + " to " + days(40) + ")"), ended.getMessage());
    }

    @Test
    void aLeafWhoseAuthorityKeyIdentifierCannotBeReadIsRenewedWithTheCa() throws Exception {
        // Whether it names the old CA's serial cannot be told, so it is renewed rather than left to fail.
        at(NOW).generate(request().days(30).caDays(40).selfTest(false).build(), log::add);
        rewriteLeaf("httpbin.mtls.test.crt", false, null, new byte[] {0x30, 0x03, (byte) 0x80, 0x05});
        CertificateResult renewed = at(days(20)).generate(request().days(30).caDays(40).renewCa(true).selfTest(false)
                .build(), log::add);
        assertEquals(List.of("ca", "server"), renewed.renewed());
    }

    @Test
    void aKeptServerCertificateWithoutAnOrganisationIsNamedAsSuch() throws Exception {
        at(NOW).generate(request().selfTest(false).build(), log::add);
        rewriteLeaf("httpbin.mtls.test.crt", false, "CN=httpbin.mtls.test", null);
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> at(NOW).generate(request().selfTest(false).build(), log::add));
        assertTrue(e.getMessage().contains("(the server certificate names no organisation, not 'example Inc.')"),
                e.getMessage());
    }
}
