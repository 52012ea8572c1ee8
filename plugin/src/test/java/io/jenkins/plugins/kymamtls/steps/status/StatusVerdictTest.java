package io.jenkins.plugins.kymamtls.steps.status;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.jenkins.plugins.kymamtls.steps.status.KymaMtlsStatusBuilder;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The freestyle status build step decides what the pipeline step leaves to the Jenkinsfile. */
class StatusVerdictTest {

    @Test
    void aBrokenRouteFailsTheBuildNamingTheFailedChecks() {
        Map<String, Object> broken = Map.of("health", "BROKEN", "failedChecks",
                List.of("client Secret istio-system/client-credential exists: not found"));
        assertEquals("[kyma-mtls] kymaMtlsStatus: the mTLS route is broken: client Secret istio-system/client-credential exists:"
                + " not found", KymaMtlsStatusBuilder.brokenLine(broken));
        assertNull(KymaMtlsStatusBuilder.warningLine(broken));
    }

    @Test
    void anExpiringRouteWarnsAndAHealthyOneIsQuiet() {
        Map<String, Object> healthy = Map.of("health", "HEALTHY", "expiresInDays", 200L, "failedChecks", List.of());
        assertNull(KymaMtlsStatusBuilder.brokenLine(healthy));
        assertNull(KymaMtlsStatusBuilder.warningLine(healthy));
        Map<String, Object> expiring = Map.of("health", "EXPIRING", "expiresInDays", 12L, "failedChecks", List.of());
        assertNull(KymaMtlsStatusBuilder.brokenLine(expiring));
        assertEquals("[kyma-mtls] kymaMtlsStatus: WARNING: a certificate ends in 12 days; renew it (kymaMtlsCerts renewBefore) and"
                + " run the cluster steps again", KymaMtlsStatusBuilder.warningLine(expiring));
    }
}
