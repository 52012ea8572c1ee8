package io.jenkins.plugins.kymamtls.work;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jenkins.plugins.kymamtls.input.InvalidInputException;
import io.jenkins.plugins.kymamtls.steps.certs.CertsWork;
import io.jenkins.plugins.kymamtls.steps.lock.LockWork;
import io.jenkins.plugins.kymamtls.testing.InWorkspace;
import io.jenkins.plugins.kymamtls.testing.MockCluster;
import io.jenkins.plugins.kymamtls.testing.TestCertificates;
import io.jenkins.plugins.kymamtls.testing.Works;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The steps' work as the agent runs it, without Jenkins: real files, the mock API server, real TLS. */
class StepWorkTest extends InWorkspace {

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
        CertsWork work = Works.certs("mtls", null);
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
    @SuppressWarnings("unchecked")
    void returnedListsAndMapsCanBeChangedInAJenkinsfile() {
        Map<String, Object> result = Works.certs("mtls", null).run(workspace, log::add);
        ((List<Object>) result.get("files")).add("notes.txt");
        List<Object> certificates = (List<Object>) result.get("certificates");
        ((Map<String, Object>) certificates.get(0)).put("checked", true);
        ((List<Object>) ((Map<String, Object>) certificates.get(1)).get("dnsNames")).add("extra.example.com");
        result.put("more", 1);
    }

    @Test
    void foldersOutsideTheWorkspaceAreRefused() throws Exception {
        // The workspace is one level down in the test's own folder, so whatever a broken check would
        // write outside it stays where the test looks and is cleaned up.
        Path inner = Files.createDirectories(workspace.resolve("workspace"));
        String absolute = workspace.resolve("absolute").toString();
        // (A blank certsDir is not given: the step's default, mtls.)
        for (String outside : List.of("../elsewhere", absolute, "mtls/../../x")) {
            InvalidInputException e = assertThrows(InvalidInputException.class, () -> Works.certs(outside, null)
                    .run(inner, log::add), outside);
            assertEquals("certsDir", e.field());
        }
        for (String written : List.of("elsewhere", "absolute", "x")) {
            assertFalse(Files.exists(workspace.resolve(written)), written);
        }
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
        assertFalse(Works.certs("mtls", "-----BEGIN PRIVATE KEY-----\nMIIsecret\n").toString().contains("MIIsecret"));
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
}
