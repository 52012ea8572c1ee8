package io.jenkins.plugins.kymamtls.steps;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jenkins.plugins.kymamtls.steps.certs.KymaMtlsCertsBuilder;
import io.jenkins.plugins.kymamtls.steps.certs.KymaMtlsCertsStep;
import io.jenkins.plugins.kymamtls.steps.cleanup.KymaMtlsCleanupBuilder;
import io.jenkins.plugins.kymamtls.steps.cleanup.KymaMtlsCleanupStep;
import io.jenkins.plugins.kymamtls.steps.egress.KymaEgressRouteBuilder;
import io.jenkins.plugins.kymamtls.steps.egress.KymaEgressRouteStep;
import io.jenkins.plugins.kymamtls.steps.expose.KymaExposeMtlsBuilder;
import io.jenkins.plugins.kymamtls.steps.expose.KymaExposeMtlsStep;
import io.jenkins.plugins.kymamtls.steps.lock.KymaLockEgressBuilder;
import io.jenkins.plugins.kymamtls.steps.lock.KymaLockEgressStep;
import io.jenkins.plugins.kymamtls.steps.status.KymaMtlsStatusBuilder;
import io.jenkins.plugins.kymamtls.steps.status.KymaMtlsStatusStep;
import io.jenkins.plugins.kymamtls.testing.Persistence;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A freestyle job with our build steps survives what Jenkins does when it saves and loads it:
 * XStream to XML and back, the same values after.
 */
class BuilderPersistenceTest {

    /**
     * Jobs saved before the build steps moved into packages by feature name them
     * {@code io.jenkins.plugins.kymamtls.steps.<Builder>}. Each such name is a class whose readResolve
     * gives the builder of its feature package (XStream's SerializationMethodInvoker.callReadResolve,
     * which core 2.479.3 RobustReflectionConverter.unmarshal l.287-290 calls on every object it reads;
     * plain XStream does the same), so the job loads with its build steps and their fields, and saves
     * under the new name.
     */
    @Test
    void jobsSavedBeforeThePackagesByFeatureLoadIntoTheirBuilders() throws Exception {
        Map<Object, String> current = new java.util.LinkedHashMap<>();
        KymaMtlsCertsStep certs = new KymaMtlsCertsStep("httpbin.example.com", "client.example.com");
        certs.setDays(90);
        current.put(new KymaMtlsCertsBuilder(certs), "KymaMtlsCertsBuilder");
        current.put(new KymaExposeMtlsBuilder(new KymaExposeMtlsStep("target", "httpbin.example.com", "mtls-demo")),
                "KymaExposeMtlsBuilder");
        current.put(new KymaEgressRouteBuilder(new KymaEgressRouteStep("client", "httpbin.example.com", "mtls-demo")),
                "KymaEgressRouteBuilder");
        current.put(new KymaLockEgressBuilder(new KymaLockEgressStep("client", "mtls-demo")), "KymaLockEgressBuilder");
        current.put(new KymaMtlsCleanupBuilder(new KymaMtlsCleanupStep("client", "mtls-demo")), "KymaMtlsCleanupBuilder");
        KymaMtlsStatusStep status = new KymaMtlsStatusStep();
        status.setTargetCredentialsId("target");
        current.put(new KymaMtlsStatusBuilder(status), "KymaMtlsStatusBuilder");
        for (Map.Entry<Object, String> builder : current.entrySet()) {
            String xml = Persistence.xstream().toXML(builder.getKey());
            String earlier = xml.replace(builder.getKey().getClass().getName(),
                    "io.jenkins.plugins.kymamtls.steps." + builder.getValue());
            assertTrue(earlier.startsWith("<io.jenkins.plugins.kymamtls.steps." + builder.getValue() + ">"), earlier);
            Object loaded = Persistence.xstream().fromXML(earlier);
            assertEquals(builder.getKey().getClass(), loaded.getClass(), earlier);
            Object step = builder.getKey().getClass().getMethod("getStep").invoke(builder.getKey());
            assertEquals(Persistence.values(step), Persistence.values(loaded.getClass().getMethod("getStep").invoke(loaded)));
            assertEquals(xml, Persistence.xstream().toXML(loaded), "saved again under the new name");
        }
    }
}
