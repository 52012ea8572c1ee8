package io.jenkins.plugins.kymamtls.library;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Constructor;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.kohsuke.stapler.DataBoundConstructor;

/** The shared library's pre-check, as the step it calls (B1: the library calls steps only). */
class KymaMtlsEgressCheckStepTest {

    private static Map<String, Object> flow() {
        Map<String, Object> parameters = new LinkedHashMap<>();
        // A Pipeline passes GStrings and numbers as they were written: neither is a String.
        parameters.put("domain", new StringBuilder("httpbin.example.com"));
        parameters.put("client", "client.example.com");
        parameters.put("namespace", "mtls-demo");
        parameters.put("targetCredentialsId", "target-kubeconfig");
        parameters.put("clientCredentialsId", "client-kubeconfig");
        parameters.put("verifyTimeout", 60);
        parameters.put("lock", false);
        return parameters;
    }

    @Test
    void aUsableFlowHasNoProblemAndABadOneItsOneLine() {
        assertNull(new KymaMtlsEgressCheckStep(flow()).problem());
        Map<String, Object> bad = flow();
        bad.put("namespace", "Mtls_Demo");
        String problem = new KymaMtlsEgressCheckStep(bad).problem();
        assertTrue(problem.startsWith("kymaMtlsEgress: namespace: 'Mtls_Demo' is not allowed; expected "), problem);
        assertTrue(!problem.contains("\n"), problem);
    }

    @Test
    void holdsTheParametersAsTextSoTheStepHoldsNoGroovyObject() {
        KymaMtlsEgressCheckStep step = new KymaMtlsEgressCheckStep(flow());
        assertEquals("httpbin.example.com", step.getParameters().get("domain"));
        assertEquals("60", step.getParameters().get("verifyTimeout"));
        assertEquals("false", step.getParameters().get("lock"));
    }

    /**
     * Bound by structs as a Pipeline calls it: DescribableModel.coerce returns a Map argument as it
     * is for a Map parameter (structs DescribableModel l.464-465, Primitives.wrap(erased).isInstance),
     * so the one parameter is declared as Map, in the @DataBoundConstructor.
     */
    @Test
    void theOneParameterIsAMapInTheDataBoundConstructor() throws Exception {
        Constructor<KymaMtlsEgressCheckStep> constructor = KymaMtlsEgressCheckStep.class.getConstructor(Map.class);
        assertTrue(constructor.isAnnotationPresent(DataBoundConstructor.class));
        assertEquals("parameters", constructor.getParameters()[0].getName(), "compiled with -parameters");
        KymaMtlsEgressCheckStep.DescriptorImpl descriptor = new KymaMtlsEgressCheckStep.DescriptorImpl();
        assertEquals("kymaMtlsEgressCheck", descriptor.getFunctionName());
        assertTrue(descriptor.isAdvanced(), "listed with the advanced steps, as a helper of the library");
        assertTrue(descriptor.getRequiredContext().isEmpty(), "needs no node: it touches no workspace");
    }
}
