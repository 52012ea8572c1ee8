package io.jenkins.plugins.kymamtls.steps;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jenkins.plugins.kymamtls.testing.Persistence;
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
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.kohsuke.stapler.DataBoundSetter;

/**
 * Jobs saved without the optional fields load with the documented defaults, and a blank number in a
 * form binds to its default.
 *
 * <p>Jenkins loads job XML with XStream2, whose RobustReflectionConverter creates objects through
 * the JVM's reflection provider without running a constructor (jenkinsci/jenkins
 * core/src/main/java/hudson/util/XStream2.java, RobustReflectionConverter.java; XStream's
 * SunUnsafeReflectionProvider): field initialisers never run, and a field the XML leaves out stays
 * null, 0 or false. Plain XStream here does the same. XML that names only the required fields is
 * what a job written by hand, by the REST API, Job DSL or Configuration as Code, or saved before a
 * field existed, holds.
 *
 * <p>Stapler binds a form's text to a setter's type with its CONVERT_UTILS; for boxed types it
 * registers converters whose default is null ("mapping for boxed types should map null to null,
 * instead of null to zero", jenkinsci/stapler core/src/main/java/org/kohsuke/stapler/Stapler.java,
 * IntegerConverter(null)), while a primitive int gets commons-beanutils' default 0: a blank or
 * unparsable number reaches an {@code Integer} setter as null, an {@code int} setter as 0.
 */
class SavedJobDefaultsTest {

    /** The builder's saved XML with only the step's required fields. */
    private static String minimal(Class<?> builder, Map<String, String> required) {
        StringBuilder xml = new StringBuilder("<" + builder.getName() + "><step>");
        required.forEach((field, value) -> xml.append('<').append(field).append('>').append(value)
                .append("</").append(field).append('>'));
        return xml.append("</step></").append(builder.getName()).append('>').toString();
    }

    private static void loadsWithDefaults(Class<?> builder, Object fresh, Map<String, String> required)
            throws Exception {
        Object loaded = Persistence.xstream().fromXML(minimal(builder, required));
        Map<String, Object> defaults = Persistence.values(fresh);
        assertEquals(defaults, Persistence.values(step(loaded)), "a job saved with only " + required.keySet());
        // Saved today, loaded back: the same.
        Object again = Persistence.xstream().fromXML(Persistence.xstream().toXML(loaded));
        assertEquals(defaults, Persistence.values(step(again)));
    }

    private static Object step(Object builder) throws Exception {
        return builder.getClass().getMethod("getStep").invoke(builder);
    }

    @Test
    void everyBuildStepLoadsFromItsRequiredFieldsAloneWithTheDocumentedDefaults() throws Exception {
        KymaMtlsCertsStep certs = new KymaMtlsCertsStep("httpbin.example.com", "client.example.com");
        assertEquals(365, certs.getDays());
        assertEquals(1825, certs.getCaDays());
        assertTrue(certs.isSelfTest());
        assertEquals("rsa-2048", certs.getKeyAlgorithm());
        assertEquals("mtls", certs.getCertsDir());
        loadsWithDefaults(KymaMtlsCertsBuilder.class, certs,
                Map.of("domain", "httpbin.example.com", "client", "client.example.com"));

        KymaExposeMtlsStep expose = new KymaExposeMtlsStep("target", "httpbin.example.com", "mtls-demo");
        assertEquals(300, expose.getReadyTimeout());
        assertEquals(120, expose.getVerifyTimeout());
        assertEquals(8000, expose.getServicePort());
        assertTrue(expose.isWorkload());
        loadsWithDefaults(KymaExposeMtlsBuilder.class, expose,
                Map.of("credentialsId", "target", "domain", "httpbin.example.com", "namespace", "mtls-demo"));

        KymaEgressRouteStep egress = new KymaEgressRouteStep("client", "httpbin.example.com", "mtls-demo");
        assertTrue(egress.isCurlWorkload() && egress.isEnableEgressGateway() && egress.isAccessLogging());
        loadsWithDefaults(KymaEgressRouteBuilder.class, egress,
                Map.of("credentialsId", "client", "domain", "httpbin.example.com", "namespace", "mtls-demo"));

        KymaLockEgressStep lock = new KymaLockEgressStep("client", "mtls-demo");
        assertEquals("https://www.google.com", lock.getBlockedUrl());
        loadsWithDefaults(KymaLockEgressBuilder.class, lock, Map.of("credentialsId", "client", "namespace", "mtls-demo"));

        KymaMtlsCleanupStep cleanup = new KymaMtlsCleanupStep("client", "mtls-demo");
        assertEquals("EXPOSE,EGRESS,LOCK", cleanup.getParts());
        loadsWithDefaults(KymaMtlsCleanupBuilder.class, cleanup, Map.of("credentialsId", "client", "namespace", "mtls-demo"));

        KymaMtlsStatusStep status = new KymaMtlsStatusStep();
        assertEquals(30, status.getWarnDays());
        loadsWithDefaults(KymaMtlsStatusBuilder.class, status, Map.of());
    }

    /** Every optional number and switch binds through a boxed setter, so blank and null are its default. */
    @Test
    void aBlankNumberOrANullSwitchIsTheDefaultNotZeroOrFalse() throws Exception {
        List<String> primitive = new ArrayList<>();
        for (Class<?> step : List.of(KymaMtlsCertsStep.class, KymaExposeMtlsStep.class, KymaEgressRouteStep.class,
                KymaLockEgressStep.class, KymaMtlsCleanupStep.class, KymaMtlsStatusStep.class)) {
            for (Method setter : step.getMethods()) {
                if (setter.isAnnotationPresent(DataBoundSetter.class) && setter.getParameterTypes()[0].isPrimitive()) {
                    primitive.add(step.getSimpleName() + "." + setter.getName());
                }
            }
        }
        assertEquals(List.of(), primitive, "a blank field would bind as 0 or false");

        KymaMtlsCertsStep certs = new KymaMtlsCertsStep("httpbin.example.com", "client.example.com");
        certs.setDays(null);
        certs.setCaDays(null);
        certs.setSelfTest(null);
        certs.setForce(null);
        assertEquals(365, certs.getDays());
        assertEquals(1825, certs.getCaDays());
        assertTrue(certs.isSelfTest());
        assertFalse(certs.isForce());
        KymaExposeMtlsStep expose = new KymaExposeMtlsStep("target", "httpbin.example.com", "mtls-demo");
        expose.setServicePort(null);
        expose.setReadyTimeout(null);
        expose.setVerifyTimeout(null);
        assertEquals(8000, expose.getServicePort());
        assertEquals(300, expose.getReadyTimeout());
        assertEquals(120, expose.getVerifyTimeout());
        expose.setServicePort(8080);
        assertEquals(8080, expose.getServicePort());
    }

    /** Form checks name what was typed, and the field they are shown under. */
    @Test
    void numberChecksNameWhatWasTypedAndTheirOwnField() {
        assertEquals("days: 'abc' is not allowed; expected a whole number", FieldChecks.days("abc"));
        assertEquals(null, FieldChecks.days(""), "blank: the default applies");
        assertTrue(FieldChecks.days("0").startsWith("days: '0' is not allowed"), FieldChecks.days("0"));
        assertEquals("caDays: '10' is not allowed; expected at least days (365), so no leaf outlives the CA it is"
                + " issued from", FieldChecks.caDays("10", "365"));
        assertEquals("caDays: '100' is not allowed; expected at least days (365), so no leaf outlives the CA it is"
                + " issued from", FieldChecks.caDays("100", ""), "blank days: their default, 365");
        assertEquals(null, FieldChecks.caDays("400", "365"));
        assertTrue(FieldChecks.timeout("readyTimeout", "soon").startsWith("readyTimeout: 'soon' is not allowed"));
        assertTrue(FieldChecks.port("servicePort", "http").startsWith("servicePort: 'http' is not allowed"));
        assertEquals(null, FieldChecks.warnDays(" 14 "));
    }

    /** M6: the freestyle form accepts the build's variables, which the build step expands before it checks. */
    @Test
    void textHoldingABuildVariableIsLeftToTheBuild() {
        for (String value : List.of("$DOMAIN", "${DOMAIN}", "x-${BUILD_NUMBER}.example.com")) {
            assertEquals(null, FieldChecks.domain(value), value);
        }
        assertEquals(null, FieldChecks.namespace("team-$TEAM"));
        assertEquals(null, FieldChecks.name("secretName", "certs-${BUILD_NUMBER}"));
        assertTrue(FieldChecks.domain("Not A Domain").startsWith("domain: 'Not A Domain' is not allowed"));
        assertEquals("domain: is required", FieldChecks.domain(" "));
    }
}
