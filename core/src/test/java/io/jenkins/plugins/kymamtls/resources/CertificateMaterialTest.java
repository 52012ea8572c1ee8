package io.jenkins.plugins.kymamtls.resources;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jenkins.plugins.kymamtls.input.InvalidInputException;
import io.jenkins.plugins.kymamtls.testing.TestCertificates;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CertificateMaterialTest {

    @TempDir
    Path dir;

    @Test
    void filesGivenOneByOneNeedNoTutorialNames() throws Exception {
        Path set = TestCertificates.write(dir.resolve("set"));
        Path own = Files.createDirectories(dir.resolve("own"));
        Files.copy(set.resolve("egress.crt"), own.resolve("root.pem"));
        Files.copy(set.resolve(TestCertificates.DOMAIN + ".crt"), own.resolve("tls.crt"));
        Files.copy(set.resolve(TestCertificates.DOMAIN + ".key"), own.resolve("tls.key"));

        CertificateMaterial material = CertificateMaterial.fromFiles("server", dir.resolve("nowhere"), null,
                own.resolve("root.pem"), own.resolve("tls.crt"), own.resolve("tls.key"));

        assertEquals("O=example Inc.,CN=" + TestCertificates.DOMAIN,
                material.certificate().getSubjectX500Principal().getName());
    }

    @Test
    void missingFilesFallBackToTheDirectoryAndTheClientNameToTheSummary() {
        Path set = TestCertificates.write(dir.resolve("set"));
        CertificateMaterial client = CertificateMaterial.fromFiles("client", set, null, null, null, null);
        assertEquals("CN=" + TestCertificates.CLIENT, client.certificate().getSubjectX500Principal().getName());
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
}
