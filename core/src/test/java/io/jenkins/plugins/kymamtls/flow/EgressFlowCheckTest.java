package io.jenkins.plugins.kymamtls.flow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The whole flow's parameters, checked by the engine's own checks before any step runs. */
class EgressFlowCheckTest {

    private static Map<String, Object> valid() {
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("domain", "httpbin.example.com");
        params.put("client", "client.example.com");
        params.put("namespace", "mtls-demo");
        params.put("targetCredentialsId", "target-kubeconfig");
        params.put("clientCredentialsId", "client-kubeconfig");
        return params;
    }

    private static Map<String, Object> with(String name, Object value) {
        Map<String, Object> params = valid();
        params.put(name, value);
        return params;
    }

    @Test
    void aCompleteFlowPasses() {
        assertNull(EgressFlowCheck.problem(valid()));
        Map<String, Object> all = valid();
        all.putAll(Map.of("keyAlgorithm", "ec-p256", "days", "30", "readyTimeout", 60, "verifyTimeout", "90",
                "resolve", "203.0.113.10", "dnsAddresses", "10.96.0.10, 169.254.20.10", "lock", true,
                "clientNamespace", "mtls-client", "blockedUrl", "https://www.example.org"));
        assertNull(EgressFlowCheck.problem(all));
    }

    @Test
    void namesEveryMissingParameterAndWhatIsRequired() {
        Map<String, Object> params = valid();
        params.remove("targetCredentialsId");
        params.put("clientCredentialsId", "");
        assertEquals("kymaMtlsEgress: missing targetCredentialsId, clientCredentialsId; required: domain, client,"
                + " namespace, targetCredentialsId, clientCredentialsId", EgressFlowCheck.problem(params));
    }

    @Test
    void namesAnUnknownParameter() {
        String problem = EgressFlowCheck.problem(with("nameSpace", "x"));
        assertTrue(problem.startsWith("kymaMtlsEgress: unknown parameter nameSpace; known: domain, "), problem);
    }

    @Test
    void refusesWhatALaterStepWouldRefuse() {
        assertTrue(EgressFlowCheck.problem(with("domain", "*.example.com"))
                .startsWith("kymaMtlsEgress: domain: '*.example.com' is not allowed; expected a DNS name"));
        assertTrue(EgressFlowCheck.problem(with("dnsAddresses", "10.96.0.300"))
                .startsWith("kymaMtlsEgress: dnsAddresses: '10.96.0.300' is not allowed"));
        assertTrue(EgressFlowCheck.problem(with("clientNamespace", "Bad_NS"))
                .startsWith("kymaMtlsEgress: clientNamespace: 'Bad_NS' is not allowed"));
        assertTrue(EgressFlowCheck.problem(with("resolve", "host.example.com"))
                .startsWith("kymaMtlsEgress: resolve: "));
        assertTrue(EgressFlowCheck.problem(with("keyAlgorithm", "dsa")).startsWith("kymaMtlsEgress: keyAlgorithm: "));
    }

    @Test
    void aNumberThatIsNotOneIsNamedAsTyped() {
        assertTrue(EgressFlowCheck.problem(with("days", "a year"))
                .startsWith("kymaMtlsEgress: days: 'a year' is not allowed; expected a whole number of days"));
        assertTrue(EgressFlowCheck.problem(with("verifyTimeout", 0))
                .startsWith("kymaMtlsEgress: verifyTimeout: '0' is not allowed"));
    }

    @Test
    void aNullOptionIsNotGiven() {
        Map<String, Object> params = new HashMap<>(valid());
        params.put("days", null);
        params.put("lock", null);
        assertNull(EgressFlowCheck.problem(params));
        assertTrue(EgressFlowCheck.locks(params));
    }

    @Test
    void theLockIsLeftOutOnlyWhenLockIsFalse() {
        assertTrue(EgressFlowCheck.locks(valid()));
        assertFalse(EgressFlowCheck.locks(with("lock", false)));
        assertFalse(EgressFlowCheck.locks(with("lock", "false")));
        // Without the lock, its parameters are not the flow's business.
        Map<String, Object> noLock = with("lock", false);
        noLock.put("dnsAddresses", "10.96.0.300");
        assertNull(EgressFlowCheck.problem(noLock));
    }
}
