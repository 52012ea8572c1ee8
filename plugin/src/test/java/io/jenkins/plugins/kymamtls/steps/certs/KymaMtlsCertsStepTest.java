package io.jenkins.plugins.kymamtls.steps.certs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jenkins.plugins.kymamtls.input.InvalidInputException;
import io.jenkins.plugins.kymamtls.testing.InWorkspace;
import io.jenkins.plugins.kymamtls.testing.Persistence;
import io.jenkins.plugins.kymamtls.testing.TestCertificates;
import io.jenkins.plugins.kymamtls.testing.Works;
import io.jenkins.plugins.kymamtls.work.Text;
import io.jenkins.plugins.kymamtls.work.Workspace;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** kymaMtlsCerts and its build step: the work on real files, where the keys go, and a saved job. */
class KymaMtlsCertsStepTest extends InWorkspace {

    @Test
    @SuppressWarnings("unchecked")
    void certificatesLandInTheWorkspaceAndResultsArePlainRelativeValues() {
        Map<String, Object> result = Works.certs("mtls", null).run(workspace, log::add);

        assertEquals("mtls", result.get("certsDir"));
        assertEquals(List.of("mtls/egress.crt", "mtls/httpbin.mtls.test.crt", "mtls/client.mtls.test.crt",
                "mtls/certificates.json"), result.get("publicFiles"));
        assertEquals(3, ((List<String>) result.get("keyFiles")).size());
        List<Map<String, Object>> certificates = (List<Map<String, Object>>) result.get("certificates");
        assertEquals("server", certificates.get(1).get("role"));
        assertTrue(((String) certificates.get(1).get("sha256Fingerprint")).matches("([0-9A-F]{2}:){31}[0-9A-F]{2}"));
        assertEquals(3, ((List<String>) result.get("selfTest")).size());
        assertTrue(log.stream().anyMatch(line -> line.startsWith("server httpbin.mtls.test.crt")), log::toString);
    }

    /**
     * Review finding C6: the workspace browser serves the workspace to anyone with Job/Workspace
     * (workflow-support WorkspaceActionImpl.doDynamic l.98-109 checks Item.WORKSPACE, then opens
     * DirectoryBrowserSupport), and the agent owns the files, so their mode does not protect them. The
     * keys go where core tells plugins to keep such files: WorkspaceList.tempDir (core 2.479.3
     * hudson/slaves/WorkspaceList.java l.312-327, {@code ws.sibling(ws.getName() + "@tmp")}, "may also be
     * used for security-sensitive files which DirectoryBrowserSupport ought not serve"), as
     * credentials-binding keeps its secret files there.
     */
    @Test
    @SuppressWarnings("unchecked")
    void keysAreKeptInTheWorkspacesTmpSiblingNotInTheWorkspace() throws Exception {
        assertEquals(workspace.resolveSibling("workspace@tmp").resolve("kyma-mtls-keys"), Workspace.of(workspace).keysRoot());
        Map<String, Object> result = Works.certs("mtls", null).run(workspace, log::add);

        assertEquals("../workspace@tmp/kyma-mtls-keys/mtls", result.get("keysDir"));
        assertEquals(List.of("../workspace@tmp/kyma-mtls-keys/mtls/egress.key",
                "../workspace@tmp/kyma-mtls-keys/mtls/httpbin.mtls.test.key",
                "../workspace@tmp/kyma-mtls-keys/mtls/client.mtls.test.key"), result.get("keyFiles"));
        try (java.util.stream.Stream<Path> files = Files.walk(workspace)) {
            assertEquals(List.of(), files.filter(file -> file.toString().endsWith(".key")).toList(),
                    "no key in the workspace");
        }
        for (String key : (List<String>) result.get("keyFiles")) {
            Path file = workspace.resolve(key).normalize();
            assertTrue(file.startsWith(builds.resolve("workspace@tmp")), file::toString);
            assertEquals("rw-------", java.nio.file.attribute.PosixFilePermissions.toString(
                    Files.getPosixFilePermissions(file)));
        }
        assertEquals("rwx------", java.nio.file.attribute.PosixFilePermissions.toString(
                Files.getPosixFilePermissions(workspace.resolve((String) result.get("keysDir")))));
    }

    @Test
    void aCleanedWorkspaceTakesItsKeysAlongAndGetsANewSet() throws Exception {
        Map<String, Object> first = Works.certs("mtls", null).run(workspace, log::add);
        Path caKey = workspace.resolve("../workspace@tmp/kyma-mtls-keys/mtls/egress.key").normalize();
        String oldKey = Files.readString(caKey);
        // deleteDir() in the workspace: the certificates go, the @tmp sibling stays.
        try (java.util.stream.Stream<Path> files = Files.walk(workspace.resolve("mtls"))) {
            for (Path file : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(file);
            }
        }
        log.clear();
        Map<String, Object> second = Works.certs("mtls", null).run(workspace, log::add);

        assertEquals(false, second.get("reused"), "a new set, not 'part of a set is missing'");
        assertTrue(log.get(0).startsWith("removed the keys left in " + caKey.getParent() + ": their certificates folder"),
                log::toString);
        assertFalse(oldKey.equals(Files.readString(caKey)));
        assertFalse(first.get("certificates").equals(second.get("certificates")));
    }

    @Test
    void keysFoundBesideTheirCertificatesMoveOutOfTheWorkspaceAndTheSetIsKept() throws Exception {
        Map<String, Object> first = Works.certs("mtls", null).run(workspace, log::add);
        Path keys = workspace.resolve((String) first.get("keysDir")).normalize();
        // The layout an earlier version left: the keys beside the certificates.
        for (String name : List.of("egress.key", TestCertificates.DOMAIN + ".key", TestCertificates.CLIENT + ".key")) {
            Files.move(keys.resolve(name), workspace.resolve("mtls").resolve(name));
        }
        log.clear();
        Map<String, Object> second = Works.certs("mtls", null).run(workspace, log::add);

        assertEquals(true, second.get("reused"));
        assertEquals(first.get("certificates"), second.get("certificates"));
        assertEquals("moved client.mtls.test.key, egress.key, httpbin.mtls.test.key out of the workspace to " + keys
                + ", where the workspace browser does not serve them", log.get(0));
        assertFalse(Files.exists(workspace.resolve("mtls/egress.key")));
        assertTrue(Files.exists(keys.resolve("egress.key")));
    }

    /** The lifetime fields of kymaMtlsCerts: CA days, renewBefore, renew, renewCa, rotateCa. */
    private CertsWork certs(int caDays, int renewBefore, boolean renew, boolean renewCa, String rotateCa) {
        KymaMtlsCertsStep step = Works.certsStep(TestCertificates.DOMAIN, TestCertificates.CLIENT, "mtls", "ec-p256", 30,
                "example Inc.", null, false, false);
        step.setCaDays(caDays);
        step.setRenewBefore(renewBefore);
        step.setRenew(renew);
        step.setRenewCa(renewCa);
        step.setRotateCa(rotateCa);
        return new CertsWork(step, Text.AS_TYPED, null, null);
    }

    @Test
    void renewalAndRotationRunFromTheStepAndSayWhatChanged() {
        certs(1825, 0, false, false, null).run(workspace, log::add);
        assertEquals(List.of(), certs(1825, 10, false, false, null).run(workspace, log::add)
                .get("renewed"), "30-day leaves are not due within 10 days");
        assertEquals(List.of("server", "client"), certs(1825, 0, true, false, null)
                .run(workspace, log::add).get("renewed"));
        assertEquals(List.of("ca"), certs(1825, 0, false, true, null)
                .run(workspace, log::add).get("renewed"));
        Map<String, Object> started = certs(1825, 0, false, false, "Start")
                .run(workspace, log::add);
        assertEquals(List.of("ca-next", "trust-bundle"), started.get("renewed"));
        assertTrue(((List<?>) started.get("publicFiles")).contains("mtls/trust-bundle.crt"), started::toString);
        assertTrue(((List<?>) started.get("keyFiles")).contains("../workspace@tmp/kyma-mtls-keys/mtls/egress-next.key"),
                started::toString);
        assertEquals("rotateCa", assertThrows(InvalidInputException.class, () -> certs(1825, 0,
                false, false, "later").run(workspace, log::add)).field());
        assertEquals("renewBefore", assertThrows(InvalidInputException.class, () -> certs(1825,
                30, false, false, null).run(workspace, log::add)).field(), "renewBefore must be below days (30)");
    }

    @Test
    void aSecondBuildInTheSameWorkspaceReusesTheCertificates() {
        Map<String, Object> first = Works.certs("mtls", null).run(workspace, log::add);
        Map<String, Object> second = Works.certs("mtls", null).run(workspace, log::add);
        assertEquals(false, first.get("reused"));
        assertEquals(true, second.get("reused"));
        assertEquals(first.get("certificates"), second.get("certificates"));
    }

    @Test
    void archivingTakesCertificatesAndKeysOnlyWhenAsked() {
        Map<String, Object> result = Works.certs("mtls", null).run(workspace, log::add);
        Map<String, String> certificates = ArtifactSelection.of(result);
        assertEquals(List.of("mtls/egress.crt", "mtls/httpbin.mtls.test.crt", "mtls/client.mtls.test.crt",
                "mtls/certificates.json"), List.copyOf(certificates.keySet()));
        certificates.values().forEach(file -> assertTrue(Files.isRegularFile(workspace.resolve(file)), file));
        // archiveKeys: archived beside their certificates, read from the folder keysDir names (StepRunner
        // hands the artifact manager workspace.child(keysDir); core's FilePath(FilePath, String) l.278-281
        // normalises the '..' away, FilePath.normalize l.316-361).
        Map<String, String> keys = ArtifactSelection.keys(result);
        assertEquals(List.of("mtls/egress.key", "mtls/httpbin.mtls.test.key", "mtls/client.mtls.test.key"),
                List.copyOf(keys.keySet()));
        Path keysDir = workspace.resolve((String) result.get("keysDir"));
        keys.values().forEach(file -> assertTrue(Files.isRegularFile(keysDir.resolve(file)), file));
    }

    @Test
    void aCaKeptAsOneSecretFileIssuesTheLeaves() throws Exception {
        Path ca = TestCertificates.write(workspace.resolve("ca"));
        String bundle = Files.readString(ca.resolve("egress.key")) + Files.readString(ca.resolve("egress.crt"));
        Works.certs("mtls", bundle).run(workspace, log::add);
        assertEquals(Files.readString(ca.resolve("egress.crt")), Files.readString(workspace.resolve("mtls/egress.crt")));
        assertFalse(Files.exists(Workspace.of(workspace).keysRoot().resolve("mtls/egress.key")),
                "the CA key stays in the credential");
        assertTrue(Files.exists(Workspace.of(workspace).keysRoot().resolve("mtls/" + TestCertificates.DOMAIN + ".key")));

        InvalidInputException noKey = assertThrows(InvalidInputException.class,
                () -> Works.certs("other", Files.readString(ca.resolve("egress.crt"))).run(workspace, log::add));
        assertEquals("caCredentialsId 'team-ca': holds no PEM private key; expected one file with the CA certificate"
                + " and its private key in PEM", noKey.getMessage());
    }

    @Test
    void certificatesBuildStep() throws Exception {
        KymaMtlsCertsStep step = new KymaMtlsCertsStep("httpbin.example.com", "client.example.com");
        step.setCertsDir("certs/${BUILD_NUMBER}");
        step.setKeyAlgorithm("ec-p384");
        step.setDays(90);
        step.setArchiveKeys(true);
        step.setCaCredentialsId("team-ca");
        Persistence.roundTrip(new KymaMtlsCertsBuilder(step), step);
    }
}
