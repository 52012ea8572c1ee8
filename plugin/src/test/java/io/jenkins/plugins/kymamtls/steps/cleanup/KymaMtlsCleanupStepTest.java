package io.jenkins.plugins.kymamtls.steps.cleanup;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jenkins.plugins.kymamtls.cluster.ResourceKinds;
import io.jenkins.plugins.kymamtls.input.InvalidInputException;
import io.jenkins.plugins.kymamtls.testing.InWorkspace;
import io.jenkins.plugins.kymamtls.testing.MockCluster;
import io.jenkins.plugins.kymamtls.testing.Persistence;
import io.jenkins.plugins.kymamtls.testing.Works;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** kymaMtlsCleanup and its build step: what it refuses, what it deletes, a saved job. */
class KymaMtlsCleanupStepTest extends InWorkspace {

    @Test
    void cleanupRefusesUnknownPartsBeforeTheKubeconfigIsLookedAt() {
        CleanupWork work = Works.cleanup("garbage", "client-kubeconfig", null, "mtls-client", "egress,everything",
                "kyma-mtls-certs", "client-credential", 10);
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> work.run(workspace, log::add));
        assertEquals("parts: 'egress,everything' is not allowed; expected a comma-separated list of EXPOSE, EGRESS"
                + " and LOCK", e.getMessage());
    }

    @Test
    void cleanupDeletesWhatTheStepsMadeAndSaysSo() {
        try (MockCluster cluster = new MockCluster()) {
            cluster.create(ResourceKinds.named("NetworkPolicy"), "mtls-client", "network-policy-allow-egress-traffic",
                    Map.of("app.kubernetes.io/managed-by", "kyma-mtls-egress"), Map.of(), Map.of());
            Map<String, Object> values = Works.cleanup(cluster.kubeconfig(), "client-kubeconfig", null, "mtls-client",
                    "lock", "kyma-mtls-certs", "client-credential", 20).run(workspace, log::add);
            assertEquals(List.of("NetworkPolicy network-policy-allow-egress-traffic in mtls-client"), values.get("deleted"));
            assertEquals(false, values.get("egressGatewaySwitchedOff"));
            assertTrue(cluster.list(ResourceKinds.named("NetworkPolicy"), "mtls-client").isEmpty());
            assertEquals("kymaMtlsCleanup with credentials 'client-kubeconfig'", Works.cleanup("x", "client-kubeconfig",
                    null, "mtls-client", "", null, null, 20).toString());
        }
    }

    @Test
    void cleanupBuildStep() throws Exception {
        KymaMtlsCleanupStep step = new KymaMtlsCleanupStep("client-kubeconfig", "mtls-demo");
        step.setParts("egress,lock");
        step.setClientSecretName("my-credential");
        Persistence.roundTrip(new KymaMtlsCleanupBuilder(step), step);
    }
}
