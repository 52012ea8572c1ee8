package io.jenkins.plugins.kymamtls.certificates;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.jenkins.plugins.kymamtls.input.InvalidInputException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CertificateEngineTest {

    @TempDir
    Path dir;

    private final List<String> log = new ArrayList<>();

    private CertificateRequest.Builder request() {
        return CertificateRequest.builder("httpbin.mtls.test", "client.mtls.test")
                .keyAlgorithm(KeyAlgorithm.EC_P256).outputDirectory(dir);
    }

    private static List<String> names(Path directory) throws Exception {
        try (Stream<Path> files = Files.list(directory)) {
            return files.map(file -> file.getFileName().toString()).sorted().toList();
        }
    }

    @Test
    void writesTheTutorialsFileNamesAndASummary() throws Exception {
        CertificateResult result = new CertificateEngine().generate(request().build(), log::add);

        assertEquals(List.of("certificates.json", "client.mtls.test.crt", "client.mtls.test.key", "egress.crt",
                "egress.key", "httpbin.mtls.test.crt", "httpbin.mtls.test.key"), names(dir));
        assertEquals(7, result.files().size());
        // What a build may archive and what it must not.
        assertEquals(List.of("certificates.json", "client.mtls.test.crt", "egress.crt", "httpbin.mtls.test.crt"),
                result.publicFiles().stream().map(file -> file.getFileName().toString()).sorted().toList());
        assertEquals(List.of("client.mtls.test.key", "egress.key", "httpbin.mtls.test.key"),
                result.keyFiles().stream().map(file -> file.getFileName().toString()).sorted().toList());
        assertTrue(Files.readString(dir.resolve("egress.key")).startsWith("-----BEGIN PRIVATE KEY-----\n"),
                "PKCS#8");
        assertTrue(Files.readString(dir.resolve("httpbin.mtls.test.crt")).startsWith("-----BEGIN CERTIFICATE-----\n"));
        assertEquals(3, result.selfTest().size());
        assertTrue(log.contains("self-test passed: a request without a client certificate is rejected"), log::toString);
    }

    @Test
    void withoutTheSelfTestNoHandshakeRunsAndNoneIsReported() {
        CertificateResult result = new CertificateEngine().generate(request().selfTest(false).build(), log::add);
        assertEquals(List.of(), result.selfTest());
        assertTrue(log.stream().noneMatch(line -> line.startsWith("self-test")), log::toString);
    }

    @Test
    void keyFilesAreReadableByTheOwnerOnly() throws Exception {
        new CertificateEngine().generate(request().build(), log::add);
        for (String key : List.of("egress.key", "httpbin.mtls.test.key", "client.mtls.test.key")) {
            assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve(key))));
        }
        assertEquals("rw-r--r--", PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("egress.crt"))));
    }

    @Test
    void aNewOutputFolderIsTheOwnersOnlyAndNoTemporaryFileStays() throws Exception {
        Path fresh = dir.resolve("fresh/mtls");
        new CertificateEngine().generate(request().outputDirectory(fresh).build(), log::add);
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(fresh)));
        assertTrue(names(fresh).stream().noneMatch(name -> name.endsWith(".tmp") || name.startsWith(".")), names(fresh)::toString);
    }

    @Test
    void summaryListsThePublicFactsOfEachCertificateAndNoKey() throws Exception {
        CertificateResult result = new CertificateEngine().generate(request().build(), log::add);
        String json = Files.readString(dir.resolve("certificates.json"));
        JsonNode certificates = new ObjectMapper().readTree(json).get("certificates");

        assertEquals(3, certificates.size());
        JsonNode server = certificates.get(1);
        assertEquals("server", server.get("role").asText());
        assertEquals("httpbin.mtls.test.crt", server.get("file").asText());
        assertEquals("CN=httpbin.mtls.test,O=example Inc.", server.get("subject").asText());
        assertEquals("O=example Inc.,CN=httpbin.mtls.test", server.get("issuer").asText());
        assertEquals("httpbin.mtls.test", server.get("dnsNames").get(0).asText());
        assertEquals("ec-p256", server.get("keyAlgorithm").asText());
        assertTrue(server.get("sha256Fingerprint").asText().matches("([0-9A-F]{2}:){31}[0-9A-F]{2}"));
        assertEquals(result.certificates().get(1).serial(), server.get("serial").asText());
        // The command line prints this line per certificate.
        assertEquals("server httpbin.mtls.test.crt  CN=httpbin.mtls.test,O=example Inc.  sha256 "
                + server.get("sha256Fingerprint").asText() + "  expires " + server.get("notAfter").asText(),
                result.certificates().get(1).describe());
        for (String keyFile : List.of("egress.key", "httpbin.mtls.test.key", "client.mtls.test.key")) {
            String body = Files.readString(dir.resolve(keyFile)).lines()
                    .filter(line -> !line.startsWith("-----")).reduce("", String::concat);
            assertFalse(json.contains(body.substring(0, 40)), "key material in the summary");
        }
    }

    @Test
    void aReRunWithTheSameRequestKeepsTheSetAndSaysSo() throws Exception {
        CertificateResult first = new CertificateEngine().generate(request().build(), log::add);
        String key = Files.readString(dir.resolve("client.mtls.test.key"));
        log.clear();

        CertificateResult again = new CertificateEngine().generate(request().build(), log::add);

        assertTrue(again.reused());
        assertFalse(first.reused());
        assertEquals(first.files(), again.files());
        assertEquals(first.certificates().stream().map(CertificateSummary::sha256Fingerprint).toList(),
                again.certificates().stream().map(CertificateSummary::sha256Fingerprint).toList());
        assertEquals(key, Files.readString(dir.resolve("client.mtls.test.key")), "the key stays");
        assertTrue(log.contains("reusing the certificates in " + dir + ": same domain, client, organisation, key"
                + " algorithm and CA, valid until " + again.certificates().get(1).notAfter()
                + " (set force to make new ones)"), log::toString);
        assertTrue(log.stream().noneMatch(line -> line.startsWith("wrote ")), log::toString);
    }

    /** A value starting with '#' stands for hex-encoded DER in a printed name; typed, it is text. */
    @Test
    void anOrganisationStartingWithAHashIsIssuedAsTypedAndReadBackOnAReRun() throws Exception {
        String organisation = "#1 Müller & Söhne GmbH";
        new CertificateEngine().generate(request().organization(organisation).build(), log::add);

        X509Certificate server = PemMaterial.readCertificate("cert",
                Files.readString(CertificateFiles.certificateFile(dir, "httpbin.mtls.test")));
        assertEquals("O=\\#1 Müller & Söhne GmbH,CN=httpbin.mtls.test", server.getSubjectX500Principal().getName());
        CertificateResult again = new CertificateEngine().generate(request().organization(organisation).build(),
                log::add);
        assertTrue(again.reused(), log::toString);
    }

    @Test
    void aSetFromASuppliedCaIsKeptWhileTheSameCaIsGivenAndRefusedForAnother() throws Exception {
        CertificateSet company = new CertificateEngine().issue(request().build());
        CertificateSet another = new CertificateEngine().issue(request().build());
        String caPem = pem(company.authority().certificate());
        String caKeyPem = pem(new org.bouncycastle.openssl.jcajce.JcaPKCS8Generator(company.authority().privateKey(), null));
        CertificateResult first = new CertificateEngine().generate(request().authority(caPem, caKeyPem).build(), log::add);

        CertificateResult again = new CertificateEngine().generate(request().authority(caPem, caKeyPem).build(), log::add);
        assertTrue(again.reused());
        assertEquals(first.certificates().get(1).sha256Fingerprint(), again.certificates().get(1).sha256Fingerprint());

        InvalidInputException other = assertThrows(InvalidInputException.class, () -> new CertificateEngine().generate(
                request().authority(pem(another.authority().certificate()), pem(new org.bouncycastle.openssl.jcajce
                        .JcaPKCS8Generator(another.authority().privateKey(), null))).build(), log::add));
        assertEquals("force: the certificates already in " + dir + " are not what this run asks for (its CA is not the"
                + " one given in caCert); set force to replace them, or choose another folder", other.getMessage());
    }

    @Test
    void aKeptLeafWhoseKeyWasSwappedIsNotReused() throws Exception {
        new CertificateEngine().generate(request().build(), log::add);
        Files.copy(dir.resolve("client.mtls.test.key"), dir.resolve("httpbin.mtls.test.key"),
                java.nio.file.StandardCopyOption.REPLACE_EXISTING);

        InvalidInputException swapped = assertThrows(InvalidInputException.class,
                () -> new CertificateEngine().generate(request().build(), log::add));
        assertEquals("force", swapped.field());
        assertEquals("force: the certificates already in " + dir + " are not what this run asks for (the private key"
                + " does not belong to the certificate 'O=example Inc.,CN=httpbin.mtls.test'; expected the key written"
                + " with it); set force to replace them, or choose another folder", swapped.getMessage());
    }

    @Test
    void aReRunThatAsksForSomethingElseIsRefusedNamingTheDifferenceAndLeavesTheFiles() throws Exception {
        new CertificateEngine().generate(request().build(), log::add);
        String before = Files.readString(dir.resolve("client.mtls.test.key"));

        InvalidInputException e = assertThrows(InvalidInputException.class, () -> new CertificateEngine().generate(
                request().keyAlgorithm(KeyAlgorithm.RSA_2048).organization("Other Org").build(), log::add));

        assertEquals("force", e.field());
        assertTrue(e.getMessage().contains("the organisation is 'example Inc.', not 'Other Org'"), e.getMessage());
        assertTrue(e.getMessage().contains("the keys are ec-p256, not rsa-2048"), e.getMessage());
        assertTrue(e.getMessage().contains("set force to replace them"), e.getMessage());
        assertEquals(before, Files.readString(dir.resolve("client.mtls.test.key")));
    }

    @Test
    void anExpiredOrIncompleteSetIsNotReused() throws Exception {
        new CertificateEngine().generate(request().build(), log::add);
        java.time.Clock later = java.time.Clock.offset(java.time.Clock.systemUTC(), java.time.Duration.ofDays(400));
        InvalidInputException expired = assertThrows(InvalidInputException.class,
                () -> new CertificateEngine(new CertificateIssuer(), later).generate(request().build(), log::add));
        assertTrue(expired.getMessage().contains("is not valid now"), expired.getMessage());

        Files.delete(dir.resolve("httpbin.mtls.test.crt"));
        InvalidInputException partial = assertThrows(InvalidInputException.class,
                () -> new CertificateEngine().generate(request().build(), log::add));
        assertTrue(partial.getMessage().contains("part of a set is missing: httpbin.mtls.test.crt"), partial.getMessage());
    }

    @Test
    void forceReplacesTheWholeSet() throws Exception {
        CertificateResult first = new CertificateEngine().generate(request().build(), log::add);
        CertificateResult second = new CertificateEngine().generate(request().force(true).build(), log::add);
        assertNotEquals(first.certificates().get(0).sha256Fingerprint(), second.certificates().get(0).sha256Fingerprint());
        assertEquals(7, names(dir).size(), "no temporary files left: " + names(dir));
    }

    @Test
    void badInputWritesNothing() throws Exception {
        Path out = dir.resolve("out");
        assertThrows(InvalidInputException.class, () -> new CertificateEngine().generate(
                CertificateRequest.builder("Bad_Host", "client.mtls.test").outputDirectory(out).build(), log::add));
        assertThrows(InvalidInputException.class, () -> new CertificateEngine().generate(
                CertificateRequest.builder("httpbin.mtls.test", "client.mtls.test").days(0).outputDirectory(out)
                        .build(), log::add));
        assertFalse(Files.exists(out));
    }

    @Test
    void rejectsClientEqualToDomainOrNamesThatClashWithTheCaFiles() {
        InvalidInputException same = assertThrows(InvalidInputException.class,
                () -> CertificateRequest.builder("a.mtls.test", "a.mtls.test").build());
        assertEquals("client", same.field());
        InvalidInputException clash = assertThrows(InvalidInputException.class,
                () -> CertificateRequest.builder("httpbin.mtls.test", "egress").build());
        assertTrue(clash.getMessage().contains("names the CA files"), clash.getMessage());
    }

    @Test
    void wildcardDomainGetsAShellSafeFileNameAndPassesTheSelfTest() throws Exception {
        new CertificateEngine().generate(CertificateRequest.builder("*.apps.mtls.test", "client.mtls.test")
                .keyAlgorithm(KeyAlgorithm.EC_P256).outputDirectory(dir).build(), log::add);
        assertTrue(Files.exists(dir.resolve("wildcard.apps.mtls.test.crt")));
        assertTrue(log.contains("self-test passed: a request with the client certificate succeeds for "
                + "mtls-self-test.apps.mtls.test"), log::toString);
    }

    @Test
    void suppliedAuthorityIssuesOnlyTheLeavesAndNeverCopiesItsKey() throws Exception {
        CertificateSet existing = new CertificateEngine().issue(request().build());
        String caPem = pem(existing.authority().certificate());
        String caKeyPem = pem(new org.bouncycastle.openssl.jcajce.JcaPKCS8Generator(existing.authority().privateKey(), null));

        CertificateResult result = new CertificateEngine().generate(request().authority(caPem, caKeyPem).build(), log::add);

        assertFalse(Files.exists(dir.resolve("egress.key")));
        assertEquals(caPem, Files.readString(dir.resolve("egress.crt")));
        assertEquals(CertificateSummary.inEncodedOrder(existing.authority().certificate().getSubjectX500Principal()),
                result.certificates().get(1).issuer());
    }

    @Test
    void rejectsAKeyThatDoesNotBelongToTheSuppliedCa() throws Exception {
        CertificateEngine engine = new CertificateEngine();
        CertificateSet one = engine.issue(request().build());
        CertificateSet other = engine.issue(request().build());
        String otherKey = pem(new org.bouncycastle.openssl.jcajce.JcaPKCS8Generator(other.authority().privateKey(), null));

        InvalidInputException e = assertThrows(InvalidInputException.class, () -> engine.generate(
                request().authority(pem(one.authority().certificate()), otherKey).build(), log::add));

        assertEquals("caKey", e.field());
        assertTrue(e.getMessage().contains("does not belong to the CA certificate"), e.getMessage());
        assertNoKeyMaterial(e.getMessage(), otherKey);
        assertEquals(List.of(), names(dir));
    }

    @Test
    void rejectsALeafCertificateGivenAsCa() throws Exception {
        CertificateSet set = new CertificateEngine().issue(request().build());
        String leafKey = pem(new org.bouncycastle.openssl.jcajce.JcaPKCS8Generator(set.server().privateKey(), null));
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> new CertificateEngine().generate(
                request().authority(pem(set.server().certificate()), leafKey).build(), log::add));
        assertEquals("caCert", e.field());
        assertTrue(e.getMessage().contains("is not a CA"), e.getMessage());
    }

    @Test
    void rejectsAnExpiredCa() throws Exception {
        Clock past = Clock.fixed(Instant.parse("2020-01-01T00:00:00Z"), ZoneOffset.UTC);
        CertificateSet old = new CertificateEngine(new CertificateIssuer(new java.security.SecureRandom(), past), past)
                .issue(request().days(30).caDays(30).build());
        String key = pem(new org.bouncycastle.openssl.jcajce.JcaPKCS8Generator(old.authority().privateKey(), null));
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> new CertificateEngine().generate(
                request().authority(pem(old.authority().certificate()), key).build(), log::add));
        assertTrue(e.getMessage().contains("expired on 2020-01-31T00:00:00Z"), e.getMessage());
    }

    @Test
    void rejectsGarbageEncryptedOrSwappedPemWithoutQuotingIt() throws Exception {
        CertificateSet set = new CertificateEngine().issue(request().build());
        String caPem = pem(set.authority().certificate());
        String keyPem = pem(new org.bouncycastle.openssl.jcajce.JcaPKCS8Generator(set.authority().privateKey(), null));
        String garbageKey = "-----BEGIN PRIVATE KEY-----\nTUlJRXZRSUJBREFOQmdrcWhraUc5dzBCQVFFRkFBU0NCS2N3Z2dTakFnRUFBb0lCQVFD\n-----END PRIVATE KEY-----\n";

        assertEquals("caCert", assertThrows(InvalidInputException.class,
                () -> CertificateEngineTest.load(keyPem, keyPem)).field());
        assertEquals("caKey", assertThrows(InvalidInputException.class,
                () -> CertificateEngineTest.load(caPem, caPem)).field());
        InvalidInputException garbage = assertThrows(InvalidInputException.class, () -> load(caPem, garbageKey));
        assertEquals("caKey", garbage.field());
        assertNoKeyMaterial(garbage.getMessage(), garbageKey);
        assertEquals("caKey", assertThrows(InvalidInputException.class, () -> load(caPem, "")).field());
        assertEquals("caCert", assertThrows(InvalidInputException.class,
                () -> load("\u0000\u0001binary", keyPem)).field());
        assertTrue(assertThrows(InvalidInputException.class, () -> load(caPem,
                "-----BEGIN ENCRYPTED PRIVATE KEY-----\n" + keyPem.lines().skip(1).reduce("", (a, b) -> a + b + "\n")
                        .replace("-----END PRIVATE KEY-----", "-----END ENCRYPTED PRIVATE KEY-----")))
                .getMessage().contains("caKey: "));
    }

    @Test
    void requiresCaCertificateAndKeyTogether() {
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> request().authority("-----BEGIN CERTIFICATE-----", null).build());
        assertEquals("caKey", e.field());
    }

    private static IssuedCertificate load(String certificatePem, String keyPem) {
        return PemMaterial.load(certificatePem, keyPem, Clock.systemUTC());
    }

    static void assertNoKeyMaterial(String text, String keyPem) {
        for (String line : keyPem.lines().filter(line -> !line.startsWith("-----")).toList()) {
            assertFalse(text.contains(line.substring(0, Math.min(24, line.length()))), "key material in: " + text);
        }
    }

    static String pem(Object object) throws Exception {
        return new String(CertificateFiles.pem(object), StandardCharsets.US_ASCII);
    }

    @Test
    void selfTestNamesTheCheckThatFails() {
        CertificateEngine engine = new CertificateEngine();
        CertificateSet set = engine.issue(request().build());
        CertificateSet wrongHost = engine.issue(CertificateRequest.builder("other.mtls.test", "client.mtls.test")
                .keyAlgorithm(KeyAlgorithm.EC_P256).build());
        CertificateSet serverForAnotherHost =
                new CertificateSet(wrongHost.authority(), wrongHost.server(), wrongHost.client(), true);

        SelfTestFailedException hostMismatch = assertThrows(SelfTestFailedException.class,
                () -> HandshakeSelfTest.run(serverForAnotherHost, "httpbin.mtls.test", set.client()));
        assertTrue(hostMismatch.getMessage().startsWith(
                "Self-test failed: a request with the client certificate succeeds for httpbin.mtls.test: "
                        + "the client refused the server"), hostMismatch.getMessage());

        SelfTestFailedException trustedImpostor = assertThrows(SelfTestFailedException.class,
                () -> HandshakeSelfTest.run(set, "httpbin.mtls.test", set.client()));
        assertTrue(trustedImpostor.getMessage().startsWith(
                "Self-test failed: a client certificate from another CA is rejected: the server accepted client"),
                trustedImpostor.getMessage());
    }

    @Test
    void selfTestSaysWhenTheServerRefusesTheClientOrTheSetIsNotValidAtTheEnginesClock() {
        CertificateEngine engine = new CertificateEngine();
        CertificateSet set = engine.issue(request().build());
        CertificateSet other = engine.issue(request().build());
        CertificateSet clientFromAnotherCa = new CertificateSet(set.authority(), set.server(), other.client(), true);
        SelfTestFailedException refused = assertThrows(SelfTestFailedException.class,
                () -> HandshakeSelfTest.run(clientFromAnotherCa, "httpbin.mtls.test", other.server()));
        assertTrue(refused.getMessage().startsWith("Self-test failed: a request with the client certificate succeeds for"
                + " httpbin.mtls.test: the server refused the handshake: "), refused.getMessage());

        java.time.Instant afterItsEnd = set.server().certificate().getNotAfter().toInstant().plusSeconds(60);
        SelfTestFailedException expired = assertThrows(SelfTestFailedException.class,
                () -> HandshakeSelfTest.run(set, "httpbin.mtls.test", other.client(), afterItsEnd));
        assertTrue(expired.getMessage().startsWith("Self-test failed: a request with the client certificate succeeds for"
                + " httpbin.mtls.test: "), expired.getMessage());

        List<HandshakeSelfTest.Outcome> passed = HandshakeSelfTest.run(set, "httpbin.mtls.test", other.client());
        assertEquals(List.of("a request with the client certificate succeeds for httpbin.mtls.test",
                "a request without a client certificate is rejected", "a client certificate from another CA is rejected"),
                passed.stream().map(HandshakeSelfTest.Outcome::check).toList());
        assertTrue(passed.stream().allMatch(HandshakeSelfTest.Outcome::passed));
        assertEquals("server saw client " + set.client().certificate().getSubjectX500Principal().getName(),
                passed.get(0).detail());
    }

    @Test
    void theImpostorCheckPresentsACertificateThatTheServerDoesNotTrust() {
        // Each refusal for its own reason: no certificate at all, and a certificate that does not chain to the CA.
        List<HandshakeSelfTest.Outcome> outcomes = new CertificateEngine().generate(request().build(), log::add).selfTest();
        assertTrue(outcomes.get(1).detail().contains("Empty client certificate chain"), outcomes.get(1).detail());
        assertTrue(outcomes.get(2).detail().contains("PKIX path building failed"), outcomes.get(2).detail());
    }

    @Test
    void aWildcardDomainIsProvedWithAHostUnderIt() {
        CertificateSet set = new CertificateEngine().issue(CertificateRequest.builder("*.mtls.test", "client.mtls.test")
                .keyAlgorithm(KeyAlgorithm.EC_P256).build());
        CertificateSet other = new CertificateEngine().issue(request().build());
        assertEquals("a request with the client certificate succeeds for mtls-self-test.mtls.test",
                HandshakeSelfTest.run(set, "*.mtls.test", other.client()).get(0).check());
    }

    @Test
    void encodesKeysAsPkcs8() throws Exception {
        new CertificateEngine().generate(request().build(), log::add);
        String body = Files.readString(dir.resolve("client.mtls.test.key")).lines()
                .filter(line -> !line.startsWith("-----")).reduce("", String::concat);
        byte[] der = Base64.getDecoder().decode(body);
        org.bouncycastle.asn1.pkcs.PrivateKeyInfo.getInstance(der);
    }
}
