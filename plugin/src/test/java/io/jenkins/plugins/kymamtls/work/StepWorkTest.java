package io.jenkins.plugins.kymamtls.work;

import io.jenkins.plugins.kymamtls.steps.KymaStep;
import io.jenkins.plugins.kymamtls.steps.StepRunner;
import io.jenkins.plugins.kymamtls.steps.certs.ArtifactSelection;
import io.jenkins.plugins.kymamtls.steps.certs.CertsWork;
import io.jenkins.plugins.kymamtls.steps.cleanup.CleanupWork;
import io.jenkins.plugins.kymamtls.steps.expose.ExposeWork;
import io.jenkins.plugins.kymamtls.steps.lock.LockWork;
import io.jenkins.plugins.kymamtls.testing.Workspaces;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jenkins.plugins.kymamtls.cluster.ResourceKinds;
import io.jenkins.plugins.kymamtls.input.InvalidInputException;
import io.jenkins.plugins.kymamtls.steps.certs.KymaMtlsCertsStep;
import io.jenkins.plugins.kymamtls.testing.FakeController;
import io.jenkins.plugins.kymamtls.testing.MockCluster;
import io.jenkins.plugins.kymamtls.testing.MutualTlsHaproxy;
import io.jenkins.plugins.kymamtls.testing.TestCertificates;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The steps' work as the agent runs it, without Jenkins: real files, the mock API server, real TLS. */
class StepWorkTest {

    /** The workspace's folder; the keys go to the workspace's @tmp sibling in it. */
    @TempDir
    Path builds;

    Path workspace;

    @BeforeEach
    void workspace() {
        workspace = Workspaces.in(builds);
    }

    private final List<String> log = new ArrayList<>();

    private CertsWork certs(String certsDir, String caBundle) {
        return Works.certs(TestCertificates.DOMAIN, TestCertificates.CLIENT, certsDir, "ec-p256", 30, "example Inc.",
                caBundle, caBundle == null ? null : "team-ca", false, true);
    }

    @Test
    @SuppressWarnings("unchecked")
    void certificatesLandInTheWorkspaceAndResultsArePlainRelativeValues() {
        Map<String, Object> result = certs("mtls", null).run(workspace, log::add);

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
        Map<String, Object> result = certs("mtls", null).run(workspace, log::add);

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

    /**
     * In a {@code dir('sub')} block the step's folder is inside the workspace, and so would be its
     * {@code @tmp} sibling. The build's WORKSPACE and WORKSPACE_TMP (core 2.479.3
     * AbstractBuild.getEnvironment l.960-963; workflow-durable-task-step ExecutorStepExecution, which
     * {@code dir} leaves as they are) name the workspace's own temporary folder, and the keys go there,
     * under the certificates folder's path in the workspace; the cluster steps find them there.
     */
    @Test
    void inADirBlockTheKeysGoToTheWorkspacesTemporaryFolderAndAreFoundThere() throws Exception {
        Path sub = Files.createDirectories(workspace.resolve("sub"));
        Map<String, String> environment = Map.of("WORKSPACE", workspace.toString(),
                "WORKSPACE_TMP", builds.resolve("workspace@tmp").toString());
        CertsWork work = certs("mtls", null);
        work.environment(environment);
        Map<String, Object> result = work.run(sub, log::add);

        assertEquals("../../workspace@tmp/kyma-mtls-keys/sub/mtls", result.get("keysDir"));
        try (java.util.stream.Stream<Path> files = Files.walk(workspace)) {
            assertEquals(List.of(), files.filter(file -> file.toString().endsWith(".key")).toList(),
                    "no key in the workspace");
        }
        ClusterWork egress = Works.egress("kubeconfig", "client", null, TestCertificates.DOMAIN, "mtls-client",
                options -> options.setClient(TestCertificates.CLIENT), 40, 30);
        egress.environment(environment);
        assertEquals(TestCertificates.CLIENT, ((io.jenkins.plugins.kymamtls.resources.EgressParameters)
                egress.parameters(sub)).client().certificate().getSubjectX500Principal().getName()
                .replaceAll(".*CN=([^,]+).*", "$1"));
        // Without the build's environment the step's folder counts as the workspace: its @tmp sibling.
        ClusterWork bare = Works.egress("kubeconfig", "client", null, TestCertificates.DOMAIN, "mtls-client",
                options -> options.setClient(TestCertificates.CLIENT), 40, 30);
        InvalidInputException missing = assertThrows(InvalidInputException.class, () -> bare.parameters(sub));
        assertEquals("clientKey", missing.field());
        assertTrue(missing.getMessage().contains(workspace.resolve("sub@tmp/kyma-mtls-keys/mtls").toString()),
                missing.getMessage());
    }

    @Test
    void aCleanedWorkspaceTakesItsKeysAlongAndGetsANewSet() throws Exception {
        Map<String, Object> first = certs("mtls", null).run(workspace, log::add);
        Path caKey = workspace.resolve("../workspace@tmp/kyma-mtls-keys/mtls/egress.key").normalize();
        String oldKey = Files.readString(caKey);
        // deleteDir() in the workspace: the certificates go, the @tmp sibling stays.
        try (java.util.stream.Stream<Path> files = Files.walk(workspace.resolve("mtls"))) {
            for (Path file : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(file);
            }
        }
        log.clear();
        Map<String, Object> second = certs("mtls", null).run(workspace, log::add);

        assertEquals(false, second.get("reused"), "a new set, not 'part of a set is missing'");
        assertTrue(log.get(0).startsWith("removed the keys left in " + caKey.getParent() + ": their certificates folder"),
                log::toString);
        assertFalse(oldKey.equals(Files.readString(caKey)));
        assertFalse(first.get("certificates").equals(second.get("certificates")));
    }

    @Test
    void keysFoundBesideTheirCertificatesMoveOutOfTheWorkspaceAndTheSetIsKept() throws Exception {
        Map<String, Object> first = certs("mtls", null).run(workspace, log::add);
        Path keys = workspace.resolve((String) first.get("keysDir")).normalize();
        // The layout an earlier version left: the keys beside the certificates.
        for (String name : List.of("egress.key", TestCertificates.DOMAIN + ".key", TestCertificates.CLIENT + ".key")) {
            Files.move(keys.resolve(name), workspace.resolve("mtls").resolve(name));
        }
        log.clear();
        Map<String, Object> second = certs("mtls", null).run(workspace, log::add);

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
    void cleanupRefusesUnknownPartsBeforeTheKubeconfigIsLookedAt() {
        CleanupWork work = Works.cleanup("garbage", "client-kubeconfig", null, "mtls-client", "egress,everything",
                "kyma-mtls-certs", "client-credential", 10);
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> work.run(workspace, log::add));
        assertEquals("parts: 'egress,everything' is not allowed; expected a comma-separated list of EXPOSE, EGRESS"
                + " and LOCK", e.getMessage());
    }

    @Test
    void statusNeedsOneClusterAndChecksEverythingBeforeReadingAKubeconfig() {
        InvalidInputException none = assertThrows(InvalidInputException.class, () -> Works.status(null, null,
                "kyma-mtls-certs", "client-credential", null, null, 30, null)
                .run(workspace, log::add));
        assertEquals("targetCredentialsId: is empty and so is clientCredentialsId; expected the target cluster, the"
                + " client cluster or both", none.getMessage());
        Works.Cluster garbage = new Works.Cluster("garbage", "client-kubeconfig", null);
        InvalidInputException days = assertThrows(InvalidInputException.class, () -> Works.status(null, garbage,
                "kyma-mtls-certs", "client-credential", null, null, 0, null)
                .run(workspace, log::add));
        assertEquals("warnDays", days.field());
        InvalidInputException folder = assertThrows(InvalidInputException.class, () -> Works.status(null, garbage,
                "kyma-mtls-certs", "client-credential", null, null, 30, "nowhere")
                .run(workspace, log::add));
        assertTrue(folder.getMessage().startsWith("certsDir: there is no certificates.json in "), folder.getMessage());
        InvalidInputException kubeconfig = assertThrows(InvalidInputException.class, () -> Works.status(null, garbage,
                "kyma-mtls-certs", "client-credential", null, null, 30, null)
                .run(workspace, log::add));
        assertTrue(kubeconfig.getMessage().startsWith("clientCredentialsId: 'client-kubeconfig' "), kubeconfig.getMessage());
        assertTrue(!kubeconfig.getMessage().contains("garbage"), kubeconfig.getMessage());
    }

    @Test
    void everyFailureEndsTheBuildWithOneLineNamingTheStep() {
        StepWork lock = Works.lock("kubeconfig", "client-kubeconfig", null, "mtls-client", options -> { }, 10, 10);
        assertEquals("kymaLockEgress: 403 forbidden: cannot apply networkpolicies",
                lock.failureLine(new io.jenkins.plugins.kymamtls.cluster.ClusterFailure("403 forbidden: cannot apply"
                        + " networkpolicies")));
        assertEquals("kymaLockEgress: IllegalStateException: No httpclient implementations found on the context"
                + " classloader", lock.failureLine(new IllegalStateException("No httpclient implementations found on the"
                        + " context classloader")));
        assertEquals("kymaLockEgress: KubernetesClientException: Failure executing: GET at: https://10.0.0.1/api."
                + " Message: Unauthorized.", lock.failureLine(new io.fabric8.kubernetes.client.KubernetesClientException(
                        "Failure executing: GET at: https://10.0.0.1/api.\nMessage: Unauthorized.")));
        assertEquals("kymaLockEgress: NullPointerException", lock.failureLine(new NullPointerException()));
    }

    @Test
    void aSecondBuildInTheSameWorkspaceReusesTheCertificates() {
        Map<String, Object> first = certs("mtls", null).run(workspace, log::add);
        Map<String, Object> second = certs("mtls", null).run(workspace, log::add);
        assertEquals(false, first.get("reused"));
        assertEquals(true, second.get("reused"));
        assertEquals(first.get("certificates"), second.get("certificates"));
    }

    @Test
    @SuppressWarnings("unchecked")
    void returnedListsAndMapsCanBeChangedInAJenkinsfile() {
        Map<String, Object> result = certs("mtls", null).run(workspace, log::add);
        ((List<Object>) result.get("files")).add("notes.txt");
        List<Object> certificates = (List<Object>) result.get("certificates");
        ((Map<String, Object>) certificates.get(0)).put("checked", true);
        ((List<Object>) ((Map<String, Object>) certificates.get(1)).get("dnsNames")).add("extra.example.com");
        result.put("more", 1);
    }

    @Test
    void archivingTakesCertificatesAndKeysOnlyWhenAsked() {
        Map<String, Object> result = certs("mtls", null).run(workspace, log::add);
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
    void foldersOutsideTheWorkspaceAreRefused() throws Exception {
        // The workspace is one level down in the test's own folder, so whatever a broken check would
        // write outside it stays where the test looks and is cleaned up.
        Path inner = Files.createDirectories(workspace.resolve("workspace"));
        String absolute = workspace.resolve("absolute").toString();
        // (A blank certsDir is not given: the step's default, mtls.)
        for (String outside : List.of("../elsewhere", absolute, "mtls/../../x")) {
            InvalidInputException e = assertThrows(InvalidInputException.class, () -> certs(outside, null)
                    .run(inner, log::add), outside);
            assertEquals("certsDir", e.field());
        }
        for (String written : List.of("elsewhere", "absolute", "x")) {
            assertFalse(Files.exists(workspace.resolve(written)), written);
        }
    }

    @Test
    void aCaKeptAsOneSecretFileIssuesTheLeaves() throws Exception {
        Path ca = TestCertificates.write(workspace.resolve("ca"));
        String bundle = Files.readString(ca.resolve("egress.key")) + Files.readString(ca.resolve("egress.crt"));
        certs("mtls", bundle).run(workspace, log::add);
        assertEquals(Files.readString(ca.resolve("egress.crt")), Files.readString(workspace.resolve("mtls/egress.crt")));
        assertFalse(Files.exists(Workspace.of(workspace).keysRoot().resolve("mtls/egress.key")),
                "the CA key stays in the credential");
        assertTrue(Files.exists(Workspace.of(workspace).keysRoot().resolve("mtls/" + TestCertificates.DOMAIN + ".key")));

        InvalidInputException noKey = assertThrows(InvalidInputException.class,
                () -> certs("other", Files.readString(ca.resolve("egress.crt"))).run(workspace, log::add));
        assertEquals("caCredentialsId 'team-ca': holds no PEM private key; expected one file with the CA certificate"
                + " and its private key in PEM", noKey.getMessage());
    }

    /**
     * The work, with the step inside it (its fields are the one parameter list), travels to the agent by
     * Java serialization (core FilePath.act sends the FileCallable over the channel). KymaStep is
     * Serializable; its first non-serializable superclass, workflow-step-api's Step (and core's
     * AbstractDescribableImpl above it), has the public no-argument constructor that deserialization calls.
     */
    @Test
    void workTravelsToTheAgentAndDescribesItselfWithoutSecrets() throws Exception {
        String kubeconfig = "apiVersion: v1\nusers:\n- name: u\n  user:\n    token: s3cr3t-token\n";
        LockWork work = Works.lock(kubeconfig, "client-kubeconfig", null, "mtls-client", options -> { }, 10, 10);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(work);
        }
        Object copy = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray())).readObject();
        assertEquals("kymaLockEgress with credentials 'client-kubeconfig'", copy.toString());
        assertFalse(copy.toString().contains("s3cr3t"));
        assertFalse(certs("mtls", "-----BEGIN PRIVATE KEY-----\nMIIsecret\n").toString().contains("MIIsecret"));
    }

    @Test
    void aBrokenKubeconfigIsNamedByItsCredentialsIdAndReachesNoCluster() {
        try (MockCluster cluster = new MockCluster()) {
            LockWork work = Works.lock("token: s3cr3t\n[not yaml", "client-kubeconfig", null, "mtls-client",
                    options -> { }, 10, 10);
            InvalidInputException e = assertThrows(InvalidInputException.class, () -> work.run(workspace, log::add));
            assertEquals("credentialsId: 'client-kubeconfig' is not valid kubeconfig YAML; expected kubeconfig YAML with"
                    + " clusters, users and contexts", e.getMessage());
            assertFalse(e.getMessage().contains("s3cr3t"));
            assertEquals(List.of(), cluster.requests());
        }
    }

    @Test
    void badParametersAreReportedBeforeTheKubeconfigIsLookedAt() {
        LockWork work = Works.lock("garbage", "client-kubeconfig", null, "Not_A_Namespace", options -> { }, 10,
                10);
        assertEquals("namespace", assertThrows(InvalidInputException.class, () -> work.run(workspace, log::add)).field());
    }

    @Test
    void lockRunsAgainstTheClusterOfTheCredential() {
        try (MockCluster cluster = new MockCluster()) {
            createCurlPod(cluster);
            cluster.onExec(command -> command.contains("google") ? new MockCluster.ExecResult("", 7)
                    : new MockCluster.ExecResult("200", 0));
            Map<String, Object> result = Works.lock(cluster.kubeconfig(), "client-kubeconfig", null, "mtls-client",
                    options -> {
                        options.setDomain(TestCertificates.DOMAIN);
                        options.setDnsAddresses("10.96.0.10, 169.254.20.10");
                    }, 10, 5).run(workspace, log::add);
            assertEquals(List.of("10.96.0.10", "169.254.20.10"), result.get("dnsAddresses"));
            assertEquals("HTTP 200", result.get("allowed"));
            assertEquals(List.of("NetworkPolicy network-policy-allow-egress-traffic in mtls-client"), result.get("applied"));
        }
    }

    @Test
    @SuppressWarnings("unchecked")
    void exposeReadsTheCertificatesStepsFilesAndVerifiesFromTheAgent() throws Exception {
        certs("mtls", null).run(workspace, log::add);
        Path files = workspace.resolve("mtls");
        try (MockCluster cluster = new MockCluster(); FakeController controller = new FakeController(cluster);
             MutualTlsHaproxy gateway = MutualTlsHaproxy.start(workspace, MutualTlsHaproxy.combine(
                     workspace.resolve("server.pem"), List.of(files.resolve(TestCertificates.DOMAIN + ".crt"),
                             Workspace.of(workspace).keysRoot().resolve("mtls/" + TestCertificates.DOMAIN + ".key"))),
                     files.resolve("egress.crt"))) {
            controller.whenCreated(ResourceKinds.DEPLOYMENT, "mtls-demo", "httpbin", FakeController.available())
                    .whenCreated(ResourceKinds.APIRULE, "mtls-demo", "httpbin", FakeController.kymaState("Ready", "ok"));
            Map<String, Object> result = new ExposeWork(Works.exposeStep("target-kubeconfig", null,
                    TestCertificates.DOMAIN, "mtls-demo", options -> options.setResolve("127.0.0.1"), 30, 20),
                    Text.AS_TYPED, cluster.kubeconfig(), gateway.port()).run(workspace, log::add);
            assertEquals(7, ((List<String>) result.get("applied")).size());
            assertEquals(200, result.get("withClientCertificate"));
            assertTrue(((String) result.get("withoutClientCertificate")).startsWith("no HTTP answer"));
            assertTrue(((String) result.get("xForwardedClientCert")).contains("CN=" + TestCertificates.CLIENT));
        }
    }

    private static void createCurlPod(MockCluster cluster) {
        io.fabric8.kubernetes.api.model.GenericKubernetesResource pod = new io.fabric8.kubernetes.api.model.GenericKubernetesResource();
        pod.setApiVersion("v1");
        pod.setKind("Pod");
        pod.setMetadata(new io.fabric8.kubernetes.api.model.ObjectMetaBuilder().withName("curl-1")
                .withNamespace("mtls-client").withLabels(Map.of("app", "curl")).build());
        pod.setAdditionalProperty("spec", Map.of("containers", List.of(Map.of("name", "curl", "image", "curl"))));
        pod.setAdditionalProperty("status", Map.of("conditions", List.of(Map.of("type", "Ready", "status", "True"))));
        cluster.unrecorded().genericKubernetesResources(ResourceKinds.POD).inNamespace("mtls-client").resource(pod).create();
    }
}
