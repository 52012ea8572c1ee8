package io.jenkins.plugins.kymamtls.certificates;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jenkins.plugins.kymamtls.input.InvalidInputException;
import io.jenkins.plugins.kymamtls.testing.TestCertificates;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.time.Clock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A CA kept as a certificate credential: a PKCS#12 keystore with its password, as Jenkins users keep CAs. */
class KeyStoreCaTest {

    @TempDir
    Path dir;

    private IssuedCertificate ca() throws Exception {
        Path certs = TestCertificates.write(dir.resolve("certs"));
        return PemMaterial.load(Files.readString(certs.resolve("egress.crt")), Files.readString(certs.resolve("egress.key")),
                Clock.systemUTC());
    }

    private static KeyStore pkcs12(char[] password, IssuedCertificate... entries) throws Exception {
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(null, null);
        int n = 0;
        for (IssuedCertificate entry : entries) {
            store.setKeyEntry("ca-" + n++, entry.privateKey(), password, new Certificate[] {entry.certificate()});
        }
        return store;
    }

    @Test
    void theOneKeyEntryIssuesTheLeaves() throws Exception {
        IssuedCertificate ca = ca();
        PemMaterial.Bundle bundle = PemMaterial.fromKeyStore("caCredentialsId", "the keystore of credentials 'team-ca'",
                pkcs12("s3cret".toCharArray(), ca), "s3cret".toCharArray());
        IssuedCertificate loaded = PemMaterial.load(bundle.certificatePem(), bundle.keyPem(), Clock.systemUTC());
        assertEquals(ca.certificate(), loaded.certificate());

        CertificateResult result = new CertificateEngine().generate(CertificateRequest.builder(TestCertificates.DOMAIN,
                TestCertificates.CLIENT).keyAlgorithm(KeyAlgorithm.EC_P256).outputDirectory(dir.resolve("out"))
                .authority(bundle.certificatePem(), bundle.keyPem()).selfTest(false).build(), line -> { });
        assertEquals(result.certificates().get(0).sha256Fingerprint(), CertificateSummary.fingerprint(ca.certificate()));
    }

    @Test
    void aWrongPasswordOrNotExactlyOneKeyEntryIsRefusedNamingTheCredential() throws Exception {
        IssuedCertificate ca = ca();
        InvalidInputException wrong = assertThrows(InvalidInputException.class, () -> PemMaterial.fromKeyStore(
                "caCredentialsId", "the keystore of credentials 'team-ca'", pkcs12("s3cret".toCharArray(), ca),
                "guess".toCharArray()));
        assertEquals("caCredentialsId", wrong.field());
        assertTrue(wrong.getMessage().contains("the password of the keystore of credentials 'team-ca' does not open its"
                + " key"), wrong.getMessage());
        assertTrue(!wrong.getMessage().contains("s3cret") && !wrong.getMessage().contains("guess"));

        InvalidInputException two = assertThrows(InvalidInputException.class, () -> PemMaterial.fromKeyStore(
                "caCredentialsId", "the keystore of credentials 'team-ca'", pkcs12("s3cret".toCharArray(), ca, ca),
                "s3cret".toCharArray()));
        assertTrue(two.getMessage().contains("holds 2 key entries; expected a keystore with exactly one"), two.getMessage());

        InvalidInputException none = assertThrows(InvalidInputException.class, () -> PemMaterial.fromKeyStore(
                "caCredentialsId", "the keystore of credentials 'team-ca'", pkcs12("s3cret".toCharArray()),
                "s3cret".toCharArray()));
        assertTrue(none.getMessage().contains("holds 0 key entries"), none.getMessage());
    }
}
