package io.jenkins.plugins.kymamtls.certificates;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jenkins.plugins.kymamtls.resources.CertificateMaterial;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A set whose keys are kept apart from its certificates: every run, renewal and rotation keeps them there. */
class CertificateFolderTest {

    private static final String DOMAIN = "httpbin.mtls.test";
    private static final String CLIENT = "client.mtls.test";

    @TempDir
    Path dir;

    private final List<String> log = new ArrayList<>();

    private CertificateFolder folder() {
        return new CertificateFolder(dir.resolve("certs"), dir.resolve("keys"));
    }

    private CertificateResult run(String rotateCa, boolean renew) {
        return new CertificateEngine().generate(CertificateRequest.builder(DOMAIN, CLIENT)
                .keyAlgorithm(KeyAlgorithm.EC_P256).folder(folder()).renew(renew).selfTest(false)
                .rotateCa(rotateCa == null ? null : CertificateRotation.Phase.parse("rotateCa", rotateCa)).build(), log::add);
    }

    private List<String> names(Path folder) throws Exception {
        try (Stream<Path> files = Files.list(folder)) {
            return files.map(file -> file.getFileName().toString()).sorted().toList();
        }
    }

    @Test
    void keysStayInTheirFolderThroughReuseRenewalAndRotation() throws Exception {
        CertificateResult first = run(null, false);
        assertEquals(List.of("certificates.json", "client.mtls.test.crt", "egress.crt", "httpbin.mtls.test.crt"),
                names(dir.resolve("certs")));
        assertEquals(List.of("client.mtls.test.key", "egress.key", "httpbin.mtls.test.key"), names(dir.resolve("keys")));
        assertEquals(first.keyFiles(), List.of(folder().keyFile("egress"), folder().keyFile(DOMAIN), folder().keyFile(CLIENT)));
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("keys"))));
        for (Path key : first.keyFiles()) {
            assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(key)));
        }
        assertTrue(run(null, false).reused(), "the set is found with its keys apart");
        assertEquals(List.of("server", "client"), run(null, true).renewed());

        run("start", false);
        assertTrue(names(dir.resolve("keys")).contains("egress-next.key"));
        run("issue", false);
        run("finish", false);
        assertEquals(List.of("client.mtls.test.key", "egress.key", "httpbin.mtls.test.key"), names(dir.resolve("keys")));
        assertTrue(names(dir.resolve("certs")).stream().noneMatch(name -> name.endsWith(".key")));
        assertTrue(PemMaterial.keyMatches("k", PemMaterial.readPrivateKey("k", Files.readString(folder().keyFile("egress"))),
                PemMaterial.readCertificate("c", Files.readString(folder().certificateFile("egress"))).getPublicKey()));
        // The cluster steps read the material from both folders (no key is beside the certificates).
        CertificateMaterial server = CertificateMaterial.fromDirectory("server", folder(), DOMAIN);
        assertTrue(PemMaterial.keyMatches("k", PemMaterial.readPrivateKey("k", Files.readString(folder().keyFile(DOMAIN))),
                server.certificate().getPublicKey()));
    }

    @Test
    void aClusterStepReadsAKeyFromTheKeysFolderOrBesideItsCertificate() throws Exception {
        CertificateFolder folder = folder();
        Files.createDirectories(folder.certificates());
        Files.createDirectories(folder.keys());
        assertEquals(folder.keyFile(DOMAIN), folder.keyToRead(DOMAIN), "neither: the error names the keys folder");
        Path beside = folder.certificates().resolve(DOMAIN + ".key");
        Files.writeString(beside, "beside");
        assertEquals(beside, folder.keyToRead(DOMAIN), "where the command line and earlier versions kept it");
        Files.writeString(folder.keyFile(DOMAIN), "kept");
        assertEquals(folder.keyFile(DOMAIN), folder.keyToRead(DOMAIN), "the keys folder wins");
        assertFalse(CertificateFolder.of(dir).keyFile(DOMAIN).startsWith(dir.resolve("keys")));
    }
}
