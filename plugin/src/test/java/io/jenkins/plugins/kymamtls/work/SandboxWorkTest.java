package io.jenkins.plugins.kymamtls.work;

import io.jenkins.plugins.kymamtls.testing.Works;
import io.jenkins.plugins.kymamtls.steps.cleanup.CleanupWork;
import io.jenkins.plugins.kymamtls.testing.Workspaces;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jenkins.plugins.kymamtls.testing.SandboxCluster;
import io.jenkins.plugins.kymamtls.testing.TestCertificates;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The four pipeline steps' work, as the agent runs it, against the sandbox's real API server:
 * the certificates land in the workspace and the cluster steps read them from there.
 */
@ExtendWith(SandboxCluster.Extension.class)
class SandboxWorkTest {

    /** The workspace's folder; the keys go to the workspace's @tmp sibling in it. */
    @TempDir
    Path builds;

    Path workspace;

    @BeforeEach
    void workspace() {
        workspace = Workspaces.in(builds);
    }

    private final List<String> log = new ArrayList<>();

    @Test
    @SuppressWarnings("unchecked")
    void theStepsWorkChainsThroughTheWorkspaceAgainstARealClusterAndCleansUp(SandboxCluster sandbox) {
        Works.certs(TestCertificates.DOMAIN, TestCertificates.CLIENT, "mtls", "ec-p256", 30, "example Inc.",
                null, null, false, true).run(workspace, log::add);
        String kubeconfig = sandbox.kubeconfig();

        Map<String, Object> exposed = Works.expose(kubeconfig, "target-kubeconfig", null, TestCertificates.DOMAIN,
                "work-target", expose -> expose.setResolve(sandbox.ingressAddress()), 120, 60).run(workspace, log::add);
        assertEquals(200, exposed.get("withClientCertificate"));
        assertTrue(((String) exposed.get("xForwardedClientCert")).contains("CN=" + TestCertificates.CLIENT), log::toString);

        Map<String, Object> routed = Works.egress(kubeconfig, "client-kubeconfig", null, TestCertificates.DOMAIN,
                "work-client", egress -> { }, 120, 60).run(workspace, log::add);
        assertEquals(200, routed.get("status"), log::toString);
        assertEquals(true, routed.get("egressGatewayTurnedOn"));
        assertEquals(1, ((List<String>) routed.get("egressGatewayPods")).size());

        // Both clusters (here one) hold the set the certificate step made: 30-day leaves, healthy when
        // warned 20 days ahead, expiring when warned 60 days ahead.
        Works.Cluster cluster = new Works.Cluster(kubeconfig, "sandbox-kubeconfig", null);
        Map<String, Object> status = Works.status(cluster, cluster, "kyma-mtls-certs-work-target",
                "client-credential-work-client", "work-target", null, 20, "mtls").run(workspace, log::add);
        assertEquals(true, status.get("healthy"), status::toString);
        assertEquals(List.of(), status.get("failedChecks"));
        assertTrue(((Long) status.get("expiresInDays")) >= 29, status::toString);
        assertEquals(List.of("server", "target-ca", "client", "client-ca"), ((List<Map<String, Object>>)
                status.get("certificates")).stream().map(certificate -> certificate.get("role")).toList());
        Map<String, Object> expiring = Works.status(cluster, null, null,
                null, "work-target", null, 60, null).run(workspace, log::add);
        assertEquals("EXPIRING", expiring.get("health"), "30-day certificates within 60 days: " + expiring);

        Map<String, Object> locked = Works.lock(kubeconfig, "client-kubeconfig", null, "work-client", lock -> {
            lock.setDomain(TestCertificates.DOMAIN);
            lock.setBlockedUrl(sandbox.blockedUrl());
        }, 60, 30).run(workspace, log::add);
        assertEquals("HTTP 200", locked.get("allowed"));
        assertTrue(((String) locked.get("blocked")).startsWith("curl exit 7: "), locked::toString);

        Map<String, Object> cleaned = Works.cleanup(kubeconfig, "client-kubeconfig", null, "work-client", "egress,LOCK",
                null, null, 60).run(workspace, log::add);
        assertTrue(((List<String>) cleaned.get("deleted")).contains("NetworkPolicy network-policy-allow-egress-traffic"
                + " in work-client"), cleaned::toString);
        assertEquals(true, cleaned.get("egressGatewaySwitchedOff"));
        assertTrue(log.stream().noneMatch(line -> line.contains("PRIVATE KEY") || line.contains("client-key-data")));
    }

    /**
     * Two branches of one build's {@code parallel}, for two namespaces in one workspace: each step's
     * work builds its own client, writes its namespace's own objects, and proves its own route.
     */
    @Test
    @SuppressWarnings("unchecked")
    void twoParallelBranchesOfOneBuildEachSetUpAndProveTheirOwnRoute(SandboxCluster sandbox) throws Exception {
        String kubeconfig = sandbox.kubeconfig();
        java.util.concurrent.ExecutorService branches = java.util.concurrent.Executors.newFixedThreadPool(2);
        List<String> branchLog = java.util.Collections.synchronizedList(new ArrayList<>());
        try {
            List<java.util.concurrent.Future<Map<String, Object>>> routes = new ArrayList<>();
            for (String team : List.of("red", "blue")) {
                String domain = team + ".parallel.test";
                Works.certs(domain, "client-" + domain, team, "ec-p256", 30, "example Inc.", null, null, false, false)
                        .run(workspace, branchLog::add);
                routes.add(branches.submit(() -> {
                    Works.expose(kubeconfig, "target-kubeconfig", null, domain, "par-" + team, expose -> {
                        expose.setResolve(sandbox.ingressAddress());
                        expose.setCertsDir(team);
                    }, 120, 60).run(workspace, branchLog::add);
                    return Works.egress(kubeconfig, "client-kubeconfig", null, domain, "par-client-" + team,
                            egress -> egress.setCertsDir(team), 120, 60).run(workspace, branchLog::add);
                }));
            }
            for (java.util.concurrent.Future<Map<String, Object>> route : routes) {
                assertEquals(200, route.get(5, java.util.concurrent.TimeUnit.MINUTES).get("status"), branchLog::toString);
            }
        } finally {
            branches.shutdownNow();
        }
        for (String team : List.of("red", "blue")) {
            Works.cleanup(kubeconfig, "client-kubeconfig", null, "par-client-" + team, "egress", null, null, 60)
                    .run(workspace, branchLog::add);
            Works.cleanup(kubeconfig, "target-kubeconfig", null, "par-" + team, "expose", null, null, 60)
                    .run(workspace, branchLog::add);
        }
        assertTrue(branchLog.stream().anyMatch(line -> line.contains("switched the egress gateway off again")),
                branchLog::toString);
    }

    /**
     * M3: the step's work carries the build's environment to the agent, where an exec credential
     * plugin named in the kubeconfig runs with it (here a script that prints the token the build holds).
     */
    @Test
    void aClusterStepsExecPluginRunsWithTheBuildsEnvironment(SandboxCluster sandbox) throws Exception {
        String token = io.jenkins.plugins.kymamtls.cluster.ExecCredentialSandboxTest.token(sandbox, "cluster-admin");
        String kubeconfig = io.jenkins.plugins.kymamtls.cluster.ExecCredentialSandboxTest.execKubeconfig(sandbox,
                workspace);
        CleanupWork cleanup = Works.cleanup(kubeconfig, "exec-kubeconfig", null, "exec-env", "lock", null, null, 30);
        cleanup.environment(Map.of("KYMA_EXEC_TOKEN", token, "PATH", System.getenv("PATH")));
        assertEquals(List.of(), cleanup.run(workspace, log::add).get("deleted"));

        CleanupWork without = Works.cleanup(kubeconfig, "exec-kubeconfig", null, "exec-env", "lock", null, null, 30);
        RuntimeException refused = org.junit.jupiter.api.Assertions.assertThrows(RuntimeException.class,
                () -> without.run(workspace, log::add));
        assertTrue(!String.valueOf(refused.getMessage()).contains(token), "the token never reaches a message");
    }
}
