package io.jenkins.plugins.kymamtls.resources;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jenkins.plugins.kymamtls.certificates.CertificateFolder;
import io.jenkins.plugins.kymamtls.input.InvalidInputException;
import io.jenkins.plugins.kymamtls.testing.TestCertificates;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CertificateMaterialTest {

    @TempDir
    Path dir;

    /** The CA and one leaf of a fresh set, copied to a folder of one's own under names of one's own. */
    private Path ownNames(String leaf, String ca, String certificate, String key) throws Exception {
        Path set = TestCertificates.write(dir.resolve("set"));
        Path own = Files.createDirectories(dir.resolve("own"));
        Files.copy(set.resolve("egress.crt"), own.resolve(ca));
        Files.copy(set.resolve(leaf + ".crt"), own.resolve(certificate));
        Files.copy(set.resolve(leaf + ".key"), own.resolve(key));
        return own;
    }

    @Test
    void filesGivenOneByOneNeedNoTutorialNames() throws Exception {
        Path own = ownNames(TestCertificates.DOMAIN, "root.pem", "tls.crt", "tls.key");

        CertificateMaterial material = CertificateMaterial.fromFiles("server", dir.resolve("nowhere"), null,
                own.resolve("root.pem"), own.resolve("tls.crt"), own.resolve("tls.key"));

        assertEquals("O=example Inc.,CN=" + TestCertificates.DOMAIN,
                material.certificate().getSubjectX500Principal().getName());
    }

    /**
     * Defect 4 of Istio's reading: a credential without the CA (cacert / ca.crt) leaves istiod no
     * validation context to serve, so a MUTUAL gateway can verify no peer. Refused before any write,
     * in one line naming the Secret's keys.
     */
    @Test
    void materialWithoutACaIsRefusedNamingTheSecretsKeys() throws Exception {
        Path own = ownNames(TestCertificates.DOMAIN, "root.pem", "tls.crt", "tls.key");
        Files.writeString(own.resolve("root.pem"), "");
        InvalidInputException server = assertThrows(InvalidInputException.class, () -> CertificateMaterial.fromFiles(
                "server", own, null, own.resolve("root.pem"), own.resolve("tls.crt"), own.resolve("tls.key")));
        assertEquals("caCert: holds no PEM certificate; expected PEM certificates; the target Secret needs the CA in"
                + " cacert (with cert and key), or the ingress gateway can verify no client", server.getMessage());
        Path client = ownNames(TestCertificates.CLIENT, "ca.pem", "c.crt", "c.key");
        Files.writeString(client.resolve("ca.pem"), "-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----\n");
        InvalidInputException egress = assertThrows(InvalidInputException.class, () -> CertificateMaterial.fromFiles(
                "client", client, null, client.resolve("ca.pem"), client.resolve("c.crt"), client.resolve("c.key")));
        assertTrue(egress.getMessage().endsWith("the client Secret needs the CA in ca.crt (with tls.crt and tls.key),"
                + " or the egress gateway can verify no server"), egress.getMessage());
        assertTrue(!egress.getMessage().contains("AAAA"), "nothing of the file is shown");
    }

    @Test
    void missingFilesFallBackToTheDirectoryAndTheClientNameToTheSummary() {
        Path set = TestCertificates.write(dir.resolve("set"));
        CertificateMaterial client = CertificateMaterial.fromFiles("client", set, null, null, null, null);
        assertEquals("CN=" + TestCertificates.CLIENT, client.certificate().getSubjectX500Principal().getName());
    }

    @Test
    void aClientNameGivenFindsTheFilesWithoutTheSummaryAndABlankOneIsTakenFromIt() throws Exception {
        Path set = TestCertificates.write(dir.resolve("set"));
        Path summary = set.resolve("certificates.json");
        String json = Files.readString(summary);
        Files.delete(summary);
        CertificateMaterial named = CertificateMaterial.fromFiles("client", set, TestCertificates.CLIENT, null, null, null);
        assertEquals("CN=" + TestCertificates.CLIENT, named.certificate().getSubjectX500Principal().getName());

        Files.writeString(summary, json);
        CertificateMaterial blank = CertificateMaterial.fromFiles("client", set, "  ", null, null, null);
        assertEquals("CN=" + TestCertificates.CLIENT, blank.certificate().getSubjectX500Principal().getName());
    }

    @Test
    void aClientIdentityFromFilesGivenOneByOnePrintsItsSubjectOnly() throws Exception {
        Path own = ownNames(TestCertificates.CLIENT, "root.pem", "client.pem", "client-key.pem");

        ClientIdentity identity = ClientIdentity.fromFiles(CertificateFolder.of(dir.resolve("nowhere")), null, own.resolve("root.pem"),
                own.resolve("client.pem"), own.resolve("client-key.pem"));

        assertEquals(Files.readString(own.resolve("root.pem")), identity.caCertificatePem());
        assertEquals(identity.certificate().getPublicKey().getAlgorithm(), identity.privateKey().getAlgorithm());
        assertEquals("client certificate CN=" + TestCertificates.CLIENT, identity.toString());
    }

    @Test
    void aKeyFromAnotherSetIsRefusedNamingTheField() {
        Path set = TestCertificates.write(dir.resolve("set"));
        Path other = TestCertificates.write(dir.resolve("other"));
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> CertificateMaterial.fromFiles("server",
                set, TestCertificates.DOMAIN, null, null, other.resolve(TestCertificates.DOMAIN + ".key")));
        assertEquals("serverKey", e.field());
        assertTrue(e.getMessage().contains("does not belong to the certificate"), e.getMessage());
    }

    @Test
    void aNameThatWouldLeaveTheDirectoryIsRefusedBeforeAnyRead() {
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> CertificateMaterial.fromDirectory("server", dir, "../../etc/passwd"));
        assertEquals("domain", e.field());
    }

    @Test
    void theSecretGetsThePemTextsAsReadInBase64AndPrintingShowsTheSubjectOnly() throws Exception {
        Path set = TestCertificates.write(dir.resolve("set"));
        CertificateMaterial server = TestCertificates.server(set);
        java.util.Base64.Decoder base64 = java.util.Base64.getDecoder();
        assertEquals(Files.readString(set.resolve("egress.crt")), new String(base64.decode(server.caCertificateBase64())));
        assertEquals(Files.readString(set.resolve(TestCertificates.DOMAIN + ".crt")),
                new String(base64.decode(server.certificateBase64())));
        assertEquals(Files.readString(set.resolve(TestCertificates.DOMAIN + ".key")),
                new String(base64.decode(server.keyBase64())));
        assertEquals(Files.readString(set.resolve("egress.crt")), server.caCertificatePem());
        assertEquals("certificate O=example Inc.,CN=" + TestCertificates.DOMAIN + " with its key", server.toString());
    }

    @Test
    void duringARotationTheTrustBundleIsTheSecretsCa() throws Exception {
        Path set = TestCertificates.write(dir.resolve("set"));
        Path other = TestCertificates.write(dir.resolve("other"));
        String bundle = Files.readString(other.resolve("egress.crt")) + Files.readString(set.resolve("egress.crt"));
        Files.writeString(set.resolve("trust-bundle.crt"), bundle);
        assertEquals(bundle, TestCertificates.client(set).caCertificatePem());
    }

    @Test
    void theClientNameComesFromTheSummaryOrItsAbsenceIsSaid() throws Exception {
        Path set = TestCertificates.write(dir.resolve("set"));
        assertEquals("CN=" + TestCertificates.CLIENT, CertificateMaterial.clientFromDirectory(set, " ").certificate()
                .getSubjectX500Principal().getName());
        assertEquals(TestCertificates.CLIENT, CertificateMaterial.clientName(set));

        Path empty = Files.createDirectories(dir.resolve("empty"));
        InvalidInputException unreadable = assertThrows(InvalidInputException.class,
                () -> CertificateMaterial.clientFromDirectory(empty, null));
        assertEquals("client: is not given and " + empty.resolve("certificates.json") + " cannot be read"
                + " (FileNotFoundException); expected the client's DNS name or the certificate step's output",
                unreadable.getMessage());
        Files.writeString(empty.resolve("certificates.json"), "{\"certificates\": [{\"role\": \"server\","
                + " \"dnsNames\": [\"a.example.com\"]}, {\"role\": \"client\", \"dnsNames\": []}]}");
        assertEquals("client: is not given and " + empty.resolve("certificates.json") + " names no client certificate;"
                + " expected the client's DNS name", assertThrows(InvalidInputException.class,
                () -> CertificateMaterial.clientName(empty)).getMessage());
    }

    @Test
    void filesThatAreMissingTooLargeOrFoldersAreNamed() throws Exception {
        Path missing = dir.resolve("missing.crt");
        assertEquals("caCert: the file " + missing + " does not exist; expected a PEM file",
                assertThrows(InvalidInputException.class, () -> CertificateMaterial.read("caCert", missing)).getMessage());
        assertEquals("caCert: the file " + dir + " does not exist; expected a PEM file",
                assertThrows(InvalidInputException.class, () -> CertificateMaterial.read("caCert", dir)).getMessage());
        Path big = dir.resolve("big.crt");
        Files.write(big, new byte[(1 << 20) + 1]);
        assertEquals("caCert: the file " + big + " is larger than 1 MiB; expected a PEM file",
                assertThrows(InvalidInputException.class, () -> CertificateMaterial.read("caCert", big)).getMessage());
        Path largest = dir.resolve("largest.crt");
        Files.write(largest, new byte[1 << 20]);
        assertEquals(1 << 20, CertificateMaterial.read("caCert", largest).length());
    }

    @Test
    void givenFilesWinOverTheDirectorysNames() throws Exception {
        Path set = TestCertificates.write(dir.resolve("set"));
        Path other = TestCertificates.write(dir.resolve("other"));
        // The key falls back to the directory's, which is not the given certificate's.
        assertEquals("serverKey", assertThrows(InvalidInputException.class, () -> CertificateMaterial.fromFiles("server",
                set, TestCertificates.DOMAIN, other.resolve("egress.crt"), other.resolve(TestCertificates.DOMAIN + ".crt"),
                null)).field());
        // Certificate and key given: no name is needed, the CA comes from the directory.
        CertificateMaterial client = CertificateMaterial.fromFiles("client", other, null, null,
                other.resolve(TestCertificates.CLIENT + ".crt"), other.resolve(TestCertificates.CLIENT + ".key"));
        assertEquals(Files.readString(other.resolve("egress.crt")), client.caCertificatePem());
        assertEquals("domain", assertThrows(InvalidInputException.class, () -> CertificateMaterial.fromFiles("server",
                set, null, null, null, set.resolve(TestCertificates.DOMAIN + ".key"))).field());
    }
}
