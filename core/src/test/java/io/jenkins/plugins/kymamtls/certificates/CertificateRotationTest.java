package io.jenkins.plugins.kymamtls.certificates;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jenkins.plugins.kymamtls.input.InvalidInputException;
import io.jenkins.plugins.kymamtls.resources.CertificateMaterial;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The three phases of a CA rotation in the certificates folder, each safe to run again. */
class CertificateRotationTest {

    private static final String DOMAIN = "httpbin.mtls.test";
    private static final String CLIENT = "client.mtls.test";

    @TempDir
    Path dir;

    private final List<String> log = new ArrayList<>();

    private CertificateRequest.Builder request() {
        return CertificateRequest.builder(DOMAIN, CLIENT).keyAlgorithm(KeyAlgorithm.EC_P256).outputDirectory(dir);
    }

    private CertificateResult phase(String phase) {
        return new CertificateEngine().generate(request()
                .rotateCa(CertificateRotation.Phase.parse("rotateCa", phase)).build(), log::add);
    }

    private List<X509Certificate> certificates(String file) throws Exception {
        return PemMaterial.readCertificates("test", Files.readString(dir.resolve(file)));
    }

    private X509Certificate issuer(String leafFile, String... caFiles) throws Exception {
        List<X509Certificate> cas = new ArrayList<>();
        for (String file : caFiles) {
            cas.addAll(certificates(file));
        }
        return PemMaterial.issuerOf(certificates(leafFile).get(0), cas);
    }

    @Test
    void startIssueFinishReplaceTheCaAndEachPhaseIsSafeToRunAgain() throws Exception {
        new CertificateEngine().generate(request().build(), log::add);
        X509Certificate oldCa = certificates("egress.crt").get(0);
        String oldServer = Files.readString(dir.resolve(DOMAIN + ".crt"));

        CertificateResult started = phase("start");
        assertEquals(List.of("ca-next", "trust-bundle"), started.renewed());
        X509Certificate nextCa = certificates("egress-next.crt").get(0);
        assertEquals(List.of(oldCa, nextCa), certificates("trust-bundle.crt"));
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("egress-next.key"))));
        assertEquals(oldServer, Files.readString(dir.resolve(DOMAIN + ".crt")), "the leaves stay in phase 1");
        assertTrue(nextCa.getSubjectX500Principal().getName().contains("OU=CA from "), nextCa.toString());
        assertTrue(started.files().contains(dir.resolve("trust-bundle.crt")), started.files()::toString);
        // The cluster steps now put both CAs into the Secrets.
        assertEquals(2, PemMaterial.readCertificates("caCert",
                CertificateMaterial.fromDirectory("server", dir, DOMAIN).caCertificatePem()).size());
        assertEquals(List.of(), phase("start").renewed(), "started already");
        assertEquals(nextCa, certificates("egress-next.crt").get(0));
        assertEquals(List.of(), new CertificateEngine().generate(request().build(), log::add).renewed(),
                "a plain run keeps the set in phase 1");

        CertificateResult issued = phase("issue");
        assertEquals(List.of("server", "client"), issued.renewed());
        assertEquals(nextCa, issuer(DOMAIN + ".crt", "egress.crt", "egress-next.crt"));
        assertEquals(nextCa, issuer(CLIENT + ".crt", "egress.crt", "egress-next.crt"));
        assertEquals(3, issued.selfTest().size());
        String newServer = Files.readString(dir.resolve(DOMAIN + ".crt"));
        assertEquals(List.of(), phase("issue").renewed(), "issued already");
        assertEquals(newServer, Files.readString(dir.resolve(DOMAIN + ".crt")));
        InvalidInputException plain = assertThrows(InvalidInputException.class,
                () -> new CertificateEngine().generate(request().build(), log::add));
        assertEquals("rotateCa", plain.field());
        assertTrue(plain.getMessage().contains("expected rotateCa 'finish' to complete it"), plain.getMessage());
        assertEquals("rotateCa", assertThrows(InvalidInputException.class, () -> phase("start")).field());

        log.clear();
        CertificateResult finished = phase("finish");
        assertEquals(List.of("ca"), finished.renewed());
        // The rotation moved the CA files itself; each file the run reports, it reports once.
        assertEquals(List.of("certificates.json", "client.mtls.test.crt", "client.mtls.test.key", "egress.crt",
                "egress.key", "httpbin.mtls.test.crt", "httpbin.mtls.test.key"), finished.files().stream()
                .map(file -> file.getFileName().toString()).sorted().toList());
        assertTrue(log.stream().noneMatch(line -> line.startsWith("wrote " + dir.resolve("egress"))), log::toString);
        assertEquals(nextCa, certificates("egress.crt").get(0));
        assertFalse(Files.exists(dir.resolve("egress-next.crt")) || Files.exists(dir.resolve("egress-next.key"))
                || Files.exists(dir.resolve("trust-bundle.crt")));
        assertEquals(1, PemMaterial.readCertificates("caCert",
                CertificateMaterial.fromDirectory("server", dir, DOMAIN).caCertificatePem()).size());
        assertEquals(List.of(), phase("finish").renewed(), "finished already");
        CertificateResult after = new CertificateEngine().generate(request().build(), log::add);
        assertTrue(after.reused());
        assertEquals(newServer, Files.readString(dir.resolve(DOMAIN + ".crt")));
        assertNotEquals(oldCa, certificates("egress.crt").get(0));
        // The next CA's key is now the CA's: leaves renewed after the rotation chain to it.
        assertTrue(PemMaterial.keyMatches("k", PemMaterial.readPrivateKey("k", Files.readString(dir.resolve("egress.key"))),
                nextCa.getPublicKey()));
        new CertificateEngine().generate(request().renew(true).build(), log::add);
        assertEquals(nextCa, issuer(DOMAIN + ".crt", "egress.crt"));
    }

    @Test
    void eachPhaseSaysWhatItDidAndWhatToRunNext() throws Exception {
        new CertificateEngine().generate(request().selfTest(false).build(), log::add);
        log.clear();
        phase("start");
        assertTrue(log.stream().anyMatch(line -> line.startsWith("rotation started: the next CA egress-next.crt (valid"
                + " until ") && line.endsWith(") and trust-bundle.crt with the current and the next CA; run the cluster"
                + " steps on both clusters, then rotateCa 'issue'")), log::toString);
        phase("start");
        assertTrue(log.contains("rotation already started in " + dir + ": nothing to do; run the cluster steps on both"
                + " clusters, then rotateCa 'issue'"), log::toString);
        phase("issue");
        assertTrue(log.contains("issued the server and client certificates from the next CA; run the cluster steps on"
                + " both clusters, then rotateCa 'finish'"), log::toString);
        phase("issue");
        assertTrue(log.contains("the certificates in " + dir + " are already from the next CA: nothing to do; run the"
                + " cluster steps on both clusters, then rotateCa 'finish'"), log::toString);
        phase("finish");
        assertTrue(log.contains("rotation finished: the next CA is now egress.crt and trust-bundle.crt is gone; run the"
                + " cluster steps on both clusters so they trust it alone"), log::toString);
        phase("finish");
        assertTrue(log.contains("no rotation under way in " + dir + ": nothing to finish"), log::toString);
    }

    @Test
    void aCaKeyThatIsNotTheCasIsRefusedInsteadOfSigningUntrustedLeaves() throws Exception {
        new CertificateEngine().generate(request().selfTest(false).build(), log::add);
        Files.copy(dir.resolve(DOMAIN + ".key"), dir.resolve("egress.key"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> new CertificateEngine().generate(request().renew(true).build(), log::add));
        assertEquals("force", e.field());
        assertTrue(e.getMessage().contains("(egress.key is not the key of egress.crt)"), e.getMessage());
    }

    @Test
    void phasesOutOfOrderAndMixedRequestsAreRefusedNamingWhatToDo() throws Exception {
        assertEquals("rotateCa: there is no set in " + dir + " to rotate; expected the folder of a certificate run",
                assertThrows(InvalidInputException.class, () -> phase("start")).getMessage());
        new CertificateEngine().generate(request().selfTest(false).build(), log::add);
        assertEquals("rotateCa: no rotation is under way in " + dir + " (no egress-next.crt); expected 'start' first",
                assertThrows(InvalidInputException.class, () -> phase("issue")).getMessage());
        phase("start");
        assertEquals("rotateCa: the certificates in " + dir + " are not from the next CA yet; expected 'issue' first",
                assertThrows(InvalidInputException.class, () -> phase("finish")).getMessage());
        assertEquals("rotateCa: 'begin' is not allowed; expected " + CertificateRotation.Phase.FORM,
                assertThrows(InvalidInputException.class, () -> phase("begin")).getMessage());
        assertEquals("rotateCa: cannot go with renew; expected a rotation of the CA this folder keeps, on its own",
                assertThrows(InvalidInputException.class, () -> request().renew(true)
                        .rotateCa(CertificateRotation.Phase.ISSUE).build()).getMessage());
        for (java.util.Map.Entry<String, java.util.function.UnaryOperator<CertificateRequest.Builder>> other : java.util.Map.of(
                "renewCa", (java.util.function.UnaryOperator<CertificateRequest.Builder>) b -> b.renewCa(true),
                "renewBefore", b -> b.renewBefore(30),
                "force", b -> b.force(true)).entrySet()) {
            assertEquals("rotateCa: cannot go with " + other.getKey() + "; expected a rotation of the CA this folder"
                    + " keeps, on its own", assertThrows(InvalidInputException.class, () -> other.getValue()
                    .apply(request()).rotateCa(CertificateRotation.Phase.START).build()).getMessage());
        }
    }
}
