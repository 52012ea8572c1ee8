package io.jenkins.plugins.kymamtls.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.jenkins.plugins.kymamtls.cluster.Readiness.State;
import io.jenkins.plugins.kymamtls.cluster.Readiness.Verdict;
import org.junit.jupiter.api.Test;

/** What each wait reads as ready, failed or still on its way, from objects as the API server returns them. */
class ReadinessTest {

    private static GenericKubernetesResource object(String yaml) {
        return Serialization.unmarshal(yaml, GenericKubernetesResource.class);
    }

    private static GenericKubernetesResource withStatus(String kind, String status) {
        return object("apiVersion: v1\nkind: " + kind + "\nmetadata:\n  name: x\n" + status);
    }

    @Test
    void aDeploymentIsReadyOnlyWhenAvailableIsTrue() {
        assertEquals(Verdict.waiting("not created yet"), Readiness.deployment(null));
        assertEquals(Verdict.waiting("no Available condition yet"), Readiness.deployment(withStatus("Deployment", "")));
        assertEquals(Verdict.waiting("no Available condition yet"), Readiness.deployment(withStatus("Deployment",
                "status:\n  conditions:\n  - type: Progressing\n    status: \"True\"\n")));
        assertEquals(Verdict.waiting("Available=False (MinimumReplicasUnavailable: Deployment does not have minimum"
                + " availability.)"), Readiness.deployment(withStatus("Deployment", "status:\n  conditions:\n"
                + "  - type: Progressing\n    status: \"True\"\n"
                + "  - type: Available\n    status: \"False\"\n    reason: MinimumReplicasUnavailable\n"
                + "    message: Deployment does not have minimum availability.\n")));
        assertEquals(new Verdict(State.READY, "available"), Readiness.deployment(withStatus("Deployment",
                "status:\n  conditions:\n  - type: Available\n    status: \"True\"\n")));
    }

    @Test
    void kymaStatesErrorAndWarningFailReadyPassesTheRestWait() {
        assertEquals(Verdict.waiting("not created yet"), Readiness.kymaState(null));
        assertEquals(Verdict.waiting("no status yet"), Readiness.kymaState(withStatus("APIRule", "")));
        assertEquals(Verdict.waiting("status.state Processing"),
                Readiness.kymaState(withStatus("APIRule", "status:\n  state: Processing\n")));
        assertEquals(Verdict.waiting("status.state Processing (reconciling)"), Readiness.kymaState(
                withStatus("APIRule", "status:\n  state: Processing\n  description: reconciling\n")));
        assertEquals(new Verdict(State.READY, "Ready"),
                Readiness.kymaState(withStatus("APIRule", "status:\n  state: Ready\n")));
        assertEquals(new Verdict(State.FAILED, "status.state Error: Validation error: host is occupied"),
                Readiness.kymaState(withStatus("APIRule",
                        "status:\n  state: Error\n  description: 'Validation error: host is occupied'\n")));
        assertEquals(new Verdict(State.FAILED, "status.state Warning"),
                Readiness.kymaState(withStatus("APIRule", "status:\n  state: Warning\n")));
    }

    @Test
    void theIstioCrsWarningIsReadyButItsErrorIsNot() {
        assertEquals(new Verdict(State.READY, "Warning: Some Pods with Istio sidecar injection failed to restart"),
                Readiness.istioState(withStatus("Istio", "status:\n  state: Warning\n"
                        + "  description: Some Pods with Istio sidecar injection failed to restart\n")));
        assertEquals(new Verdict(State.READY, "Warning"),
                Readiness.istioState(withStatus("Istio", "status:\n  state: Warning\n")));
        assertEquals(State.FAILED, Readiness.istioState(withStatus("Istio", "status:\n  state: Error\n")).state());
        assertEquals(new Verdict(State.READY, "Ready"), Readiness.istioState(withStatus("Istio", "status:\n  state: Ready\n")));
        assertEquals(Verdict.waiting("not created yet"), Readiness.istioState(null));
    }

    @Test
    void aPodIsReadyWhenItsReadyConditionIsTrueAndItIsNotBeingDeleted() {
        GenericKubernetesResource ready = withStatus("Pod", "status:\n  phase: Running\n  conditions:\n"
                + "  - type: Initialized\n    status: \"True\"\n  - type: Ready\n    status: \"True\"\n");
        assertTrue(Readiness.podReady(ready));
        assertEquals(new Verdict(State.READY, "Ready"), Readiness.pod(ready));

        GenericKubernetesResource starting = withStatus("Pod", "status:\n  phase: Pending\n  conditions:\n"
                + "  - type: Ready\n    status: \"False\"\n  - null\n  - just text\n");
        assertFalse(Readiness.podReady(starting));
        assertEquals(Verdict.waiting("pod x is not Ready (phase Pending)"), Readiness.pod(starting));
        assertEquals(Verdict.waiting("no such pod yet"), Readiness.pod(null));

        GenericKubernetesResource terminating = object("apiVersion: v1\nkind: Pod\nmetadata:\n  name: x\n"
                + "  deletionTimestamp: \"2026-11-26T10:00:00Z\"\nstatus:\n  conditions:\n  - type: Ready\n    status: \"True\"\n");
        assertFalse(Readiness.podReady(terminating));
        assertFalse(Readiness.podReady(withStatus("Pod", "status: not a map\n")));
        assertFalse(Readiness.podReady(withStatus("Pod", "status:\n  conditions: not a list\n")));
    }

    @Test
    void goneIsWhenTheServerNoLongerHasItAndUntilThenWhatHoldsIt() {
        assertEquals(new Verdict(State.READY, "gone"), Readiness.gone(null));
        assertEquals(Verdict.waiting("still there, not deleted"), Readiness.gone(withStatus("APIRule", "")));
        assertEquals(Verdict.waiting("being deleted since 2026-11-26T10:00:00Z"), Readiness.gone(object(
                "apiVersion: v1\nkind: APIRule\nmetadata:\n  name: x\n  deletionTimestamp: \"2026-11-26T10:00:00Z\"\n")));
        assertEquals(Verdict.waiting("being deleted since 2026-11-26T10:00:00Z, finalizers"
                        + " [gateway.kyma-project.io/subresources]"), Readiness.gone(object("apiVersion: v1\nkind: APIRule\n"
                + "metadata:\n  name: x\n  deletionTimestamp: \"2026-11-26T10:00:00Z\"\n"
                + "  finalizers:\n  - gateway.kyma-project.io/subresources\n")));
    }
}
