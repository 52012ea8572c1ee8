package io.jenkins.plugins.kymamtls.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.fabric8.kubernetes.api.model.EventBuilder;
import io.jenkins.plugins.kymamtls.testing.MockCluster;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** What a failed wait shows: status, conditions, the newest Warning events, the gateways' last log lines. */
class DiagnosticsTest {

    private final MockCluster cluster = new MockCluster();

    @AfterEach
    void stop() {
        cluster.close();
    }

    private void event(String name, String type, String reason, String time) {
        cluster.unrecorded().v1().events().inNamespace("demo").resource(new EventBuilder()
                .withNewMetadata().withName(name).withNamespace("demo").endMetadata()
                .withType(type).withReason(reason).withMessage(reason + " happened").withLastTimestamp(time)
                .withNewInvolvedObject().withKind("Pod").withName("web-1").endInvolvedObject().build()).create();
    }

    @Test
    void statusConditionsAndTheFiveNewestWarningsNewestFirst() {
        cluster.create(ResourceKinds.APIRULE, "demo", "httpbin", Map.of(), Map.of(), Map.of("state", "Error",
                "description", "host occupied", "conditions", List.of(Map.of("type", "Ready", "status", "False",
                        "reason", "Conflict", "message", "owned by another rule"), Map.of("type", "Synced", "status", "True"))));
        for (int i = 1; i <= 7; i++) {
            event("warning-" + i, "Warning", "Reason" + i, "2026-11-26T10:0" + i + ":00Z");
        }
        event("normal", "Normal", "Scheduled", "2026-11-26T10:09:00Z");
        String text = Diagnostics.of(cluster.client(), "demo").describe(cluster.get(ResourceKinds.APIRULE, "demo", "httpbin"));
        assertEquals("\n  status.state: Error\n  status.description: host occupied"
                + "\n  condition Ready=False Conflict: owned by another rule\n  condition Synced=True"
                + "\n  event Reason7 on Pod web-1: Reason7 happened\n  event Reason6 on Pod web-1: Reason6 happened"
                + "\n  event Reason5 on Pod web-1: Reason5 happened\n  event Reason4 on Pod web-1: Reason4 happened"
                + "\n  event Reason3 on Pod web-1: Reason3 happened", text);
    }

    @Test
    void anObjectNotSeenStillGetsTheEventsAndUnreadableEventsAreSaid() {
        event("w", "Warning", "FailedCreate", "2026-11-26T10:00:00Z");
        assertEquals("\n  event FailedCreate on Pod web-1: FailedCreate happened",
                Diagnostics.of(cluster.client(), "demo").describe(null));
        cluster.fail("GET", "/events", 403, "events is forbidden", Integer.MAX_VALUE);
        assertEquals("\n  (events of demo could not be read: HTTP 403)",
                Diagnostics.of(cluster.client(), "demo").describe(null));
    }

    @Test
    void theGatewaysLastLogLinesPerPod() {
        Map<String, Object> running = Map.of("phase", "Running");
        cluster.create(ResourceKinds.POD, "istio-system", "egress-b", Map.of("istio", "egressgateway"), Map.of(), running);
        cluster.create(ResourceKinds.POD, "istio-system", "egress-a", Map.of("istio", "egressgateway"), Map.of(), running);
        cluster.create(ResourceKinds.POD, "istio-system", "egress-quiet", Map.of("istio", "egressgateway"), Map.of(), running);
        cluster.create(ResourceKinds.POD, "istio-system", "ingress", Map.of("istio", "ingressgateway"), Map.of(), running);
        cluster.podLog("istio-system", "egress-a", "a1\na2\n");
        cluster.podLog("istio-system", "egress-b", "b1\n");
        cluster.podLog("istio-system", "egress-quiet", "");
        assertEquals("\n  last lines of egress-a:\n  | a1\n  | a2\n  last lines of egress-b:\n  | b1",
                Diagnostics.of(cluster.client(), "demo").gatewayLogs("egressgateway", 20));
        cluster.fail("GET", "/pods", 403, "pods is forbidden", Integer.MAX_VALUE);
        assertEquals("\n  (egressgateway logs could not be read: 403 forbidden: cannot list pods in istio-system:"
                + " pods is forbidden)", Diagnostics.of(cluster.client(), "demo").gatewayLogs("egressgateway", 20));
    }

    @Test
    void aTailIsTheLastLinesMarkedAsQuoted() {
        assertEquals("\n  | c\n  | d", Diagnostics.tail("a\nb\nc\nd\n", 2));
        assertEquals("\n  | a\n  | b", Diagnostics.tail("a\nb", 5));
        assertEquals("", Diagnostics.tail("", 5));
        assertEquals("", Diagnostics.tail(null, 5));
    }
}
