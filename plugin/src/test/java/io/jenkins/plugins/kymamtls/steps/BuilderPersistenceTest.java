package io.jenkins.plugins.kymamtls.steps;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
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
import com.thoughtworks.xstream.XStream;
import java.lang.reflect.Method;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * A freestyle job with our build steps survives what Jenkins does when it saves and loads it:
 * XStream to XML and back, the same values after.
 */
class BuilderPersistenceTest {

    /** What Jenkins' XStream2 does here: objects made without their constructor, from the XML alone. */
    static XStream xstream() {
        XStream xstream = new XStream();
        xstream.allowTypesByWildcard(new String[] {"io.jenkins.plugins.kymamtls.**"});
        return xstream;
    }

    /** Every getter of the step, its base classes' included, and what it returns. */
    static Map<String, Object> values(Object step) throws Exception {
        Map<String, Object> values = new TreeMap<>();
        for (Method getter : step.getClass().getMethods()) {
            boolean accessor = getter.getParameterCount() == 0 && getter.getDeclaringClass() != Object.class
                    && (getter.getName().startsWith("get") || getter.getName().startsWith("is"));
            if (accessor && !getter.getName().equals("getDescriptor")) {
                values.put(getter.getName(), getter.invoke(step));
            }
        }
        return values;
    }

    private static void roundTrip(Object builder, Object step) throws Exception {
        String xml = xstream().toXML(builder);
        assertFalse(xml.contains("BEGIN"), "no key material in a job's configuration");
        Object loaded = xstream().fromXML(xml);
        assertEquals(builder.getClass(), loaded.getClass());
        Object loadedStep = loaded.getClass().getMethod("getStep").invoke(loaded);
        assertEquals(values(step), values(loadedStep), xml);
        assertTrue(values(step).size() > 3);
    }

    @Test
    void certificatesBuildStep() throws Exception {
        KymaMtlsCertsStep step = new KymaMtlsCertsStep("httpbin.example.com", "client.example.com");
        step.setCertsDir("certs/${BUILD_NUMBER}");
        step.setKeyAlgorithm("ec-p384");
        step.setDays(90);
        step.setArchiveKeys(true);
        step.setCaCredentialsId("team-ca");
        roundTrip(new KymaMtlsCertsBuilder(step), step);
    }

    @Test
    void exposeBuildStep() throws Exception {
        KymaExposeMtlsStep step = new KymaExposeMtlsStep("target-kubeconfig", "httpbin.example.com", "mtls-demo");
        step.setResolve("10.0.0.7");
        step.setServicePort(9000);
        step.setWorkload(false);
        step.setReadyTimeout(600);
        roundTrip(new KymaExposeMtlsBuilder(step), step);
    }

    @Test
    void egressBuildStep() throws Exception {
        KymaEgressRouteStep step = new KymaEgressRouteStep("client-kubeconfig", "httpbin.example.com", "mtls-demo");
        step.setCurlWorkload(false);
        step.setSecretName("my-credential");
        step.setContext("prod");
        roundTrip(new KymaEgressRouteBuilder(step), step);
    }

    @Test
    void lockBuildStep() throws Exception {
        KymaLockEgressStep step = new KymaLockEgressStep("client-kubeconfig", "mtls-demo");
        step.setDnsAddresses("10.96.0.10, 169.254.20.10");
        step.setBlockedUrl("http://blocked.example.com/");
        step.setVerifyTimeout(30);
        roundTrip(new KymaLockEgressBuilder(step), step);
    }

    @Test
    void cleanupBuildStep() throws Exception {
        KymaMtlsCleanupStep step = new KymaMtlsCleanupStep("client-kubeconfig", "mtls-demo");
        step.setParts("egress,lock");
        step.setClientSecretName("my-credential");
        roundTrip(new KymaMtlsCleanupBuilder(step), step);
    }

    @Test
    void statusBuildStep() throws Exception {
        KymaMtlsStatusStep step = new KymaMtlsStatusStep();
        step.setTargetCredentialsId("target-kubeconfig");
        step.setClientCredentialsId("client-kubeconfig");
        step.setWarnDays(45);
        step.setCertsDir("mtls");
        roundTrip(new KymaMtlsStatusBuilder(step), step);
    }

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
            String xml = xstream().toXML(builder.getKey());
            String earlier = xml.replace(builder.getKey().getClass().getName(),
                    "io.jenkins.plugins.kymamtls.steps." + builder.getValue());
            assertTrue(earlier.startsWith("<io.jenkins.plugins.kymamtls.steps." + builder.getValue() + ">"), earlier);
            Object loaded = xstream().fromXML(earlier);
            assertEquals(builder.getKey().getClass(), loaded.getClass(), earlier);
            Object step = builder.getKey().getClass().getMethod("getStep").invoke(builder.getKey());
            assertEquals(values(step), values(loaded.getClass().getMethod("getStep").invoke(loaded)));
            assertEquals(xml, xstream().toXML(loaded), "saved again under the new name");
        }
    }
}
