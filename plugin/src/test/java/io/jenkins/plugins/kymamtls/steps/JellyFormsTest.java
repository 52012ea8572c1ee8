package io.jenkins.plugins.kymamtls.steps;

import io.jenkins.plugins.kymamtls.testing.Features;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.lang.reflect.Constructor;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/** What Stapler's form binding needs at run time, checked where no Jenkins runs. */
class JellyFormsTest {

    private static final String[] CLASSES = {"KymaMtlsCertsStep", "KymaExposeMtlsStep", "KymaEgressRouteStep",
        "KymaLockEgressStep", "KymaMtlsCertsBuilder", "KymaExposeMtlsBuilder", "KymaEgressRouteBuilder",
        "KymaLockEgressBuilder", "KymaMtlsCleanupStep", "KymaMtlsCleanupBuilder", "KymaMtlsStatusStep",
        "KymaMtlsStatusBuilder"};

    private static List<String> fields(Class<?> type) throws Exception {
        String resource = type.getSimpleName() + "/config.jelly";
        try (InputStream in = type.getResourceAsStream(resource)) {
            assertTrue(in != null, resource + " is missing");
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setNamespaceAware(true);
            Document document = factory.newDocumentBuilder().parse(in);
            NodeList entries = document.getElementsByTagNameNS("/lib/form", "entry");
            List<String> fields = new ArrayList<>();
            for (int i = 0; i < entries.getLength(); i++) {
                fields.add(((Element) entries.item(i)).getAttribute("field"));
            }
            return fields;
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"KymaMtlsCertsStep", "KymaExposeMtlsStep", "KymaEgressRouteStep", "KymaLockEgressStep",
        "KymaMtlsCleanupStep", "KymaMtlsStatusStep"})
    void everyFormFieldBindsToTheClassAndHasHelp(String name) throws Exception {
        Class<?> type = Features.type(name);
        List<String> fields = fields(type);
        assertFalse(fields.isEmpty());
        Constructor<?> constructor = Arrays.stream(type.getConstructors())
                .filter(c -> c.isAnnotationPresent(DataBoundConstructor.class)).findFirst().orElseThrow();
        Set<String> constructorParameters = new TreeSet<>();
        Arrays.stream(constructor.getParameters()).forEach(p -> constructorParameters.add(p.getName()));
        for (String field : fields) {
            String capitalised = Character.toUpperCase(field.charAt(0)) + field.substring(1);
            boolean setter = Arrays.stream(type.getMethods()).anyMatch(m -> m.getName().equals("set" + capitalised)
                    && m.isAnnotationPresent(DataBoundSetter.class) && m.getParameterCount() == 1);
            assertTrue(setter || constructorParameters.contains(field),
                    name + "." + field + ": neither a constructor parameter (compiled with -parameters) nor a setter");
            Method getter = Arrays.stream(type.getMethods())
                    .filter(m -> (m.getName().equals("get" + capitalised) || m.getName().equals("is" + capitalised))
                            && m.getParameterCount() == 0).findFirst()
                    .orElseThrow(() -> new AssertionError(name + "." + field + ": no getter"));
            assertTrue(Modifier.isPublic(getter.getModifiers()));
            assertTrue(type.getResource(name + "/help-" + field + ".html") != null, name + ": no help-" + field + ".html");
        }
        assertTrue(constructorParameters.stream().allMatch(fields::contains),
                name + ": a required parameter is missing from the form: " + constructorParameters);
        assertTrue(type.getResource(name + "/help.html") != null, name + ": no help.html");
    }

    /**
     * Jenkins' Descriptor.calcFillSettings looks up doFill&lt;Field&gt;Items on the descriptor of the
     * class that owns the view, for every select; without it the form (and the Snippet Generator)
     * fails to render.
     */
    @ParameterizedTest
    @ValueSource(strings = {"KymaMtlsCertsStep", "KymaExposeMtlsStep", "KymaEgressRouteStep", "KymaLockEgressStep",
        "KymaMtlsCleanupStep", "KymaMtlsStatusStep"})
    void everyDropDownHasItsFillMethodOnTheDescriptorOfTheClassThatOwnsTheView(String name) throws Exception {
        Class<?> type = Features.type(name);
        Class<?> descriptor = Class.forName(type.getName() + "$DescriptorImpl");
        List<String> selects = selectFields(type);
        assertFalse(selects.isEmpty(), name + " has a credentials drop-down");
        for (String field : selects) {
            String capitalised = Character.toUpperCase(field.charAt(0)) + field.substring(1);
            // The drop-down's items, and its verdict: unknown id, wrong type (the credentials plugin's consumer guide).
            for (String method : List.of("doFill" + capitalised + "Items", "doCheck" + capitalised)) {
                assertTrue(Arrays.stream(descriptor.getMethods()).anyMatch(m -> m.getName().equals(method)
                        && Modifier.isPublic(m.getModifiers())), name + ": " + descriptor.getSimpleName() + " lacks " + method);
            }
        }
    }

    private static List<String> selectFields(Class<?> type) throws Exception {
        try (InputStream in = type.getResourceAsStream(type.getSimpleName() + "/config.jelly")) {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setNamespaceAware(true);
            Document document = factory.newDocumentBuilder().parse(in);
            NodeList entries = document.getElementsByTagNameNS("/lib/form", "entry");
            List<String> fields = new ArrayList<>();
            for (int i = 0; i < entries.getLength(); i++) {
                Element entry = (Element) entries.item(i);
                if (entry.getElementsByTagNameNS("/lib/credentials", "select").getLength() > 0
                        || entry.getElementsByTagNameNS("/lib/form", "select").getLength() > 0) {
                    fields.add(entry.getAttribute("field"));
                }
            }
            return fields;
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"KymaMtlsCertsStep", "KymaExposeMtlsStep", "KymaEgressRouteStep", "KymaLockEgressStep",
        "KymaMtlsCleanupStep", "KymaMtlsStatusStep"})
    void theBuildStepsFormIsThePipelineStepsForm(String step) throws Exception {
        Class<?> pipeline = Features.type(step);
        Class<?> freestyle = Features.type(step.replace("Step", "Builder"));
        try (InputStream in = freestyle.getResourceAsStream(freestyle.getSimpleName() + "/config.jelly")) {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setNamespaceAware(true);
            NodeList properties = factory.newDocumentBuilder().parse(in).getElementsByTagNameNS("/lib/form", "property");
            assertEquals(1, properties.getLength(), "one f:property holds the whole form");
            assertEquals("step", ((Element) properties.item(0)).getAttribute("field"));
        }
        Constructor<?> constructor = Arrays.stream(freestyle.getConstructors())
                .filter(c -> c.isAnnotationPresent(DataBoundConstructor.class)).findFirst().orElseThrow();
        assertEquals(List.of(pipeline), List.of(constructor.getParameterTypes()));
        assertEquals("step", constructor.getParameters()[0].getName());
        assertEquals(pipeline, freestyle.getMethod("getStep").getReturnType());
        assertTrue(freestyle.getResource(freestyle.getSimpleName() + "/help.html") != null);
        // Every field of the step, its checks and drop-downs come with it: the step's descriptor serves them.
        assertFalse(fields(pipeline).isEmpty());
    }

    @ParameterizedTest
    @ValueSource(strings = {"KymaMtlsCertsStep", "KymaExposeMtlsStep", "KymaEgressRouteStep", "KymaLockEgressStep",
        "KymaMtlsCleanupStep", "KymaMtlsStatusStep"})
    void functionNamesAreTheDocumentedOnes(String step) throws Exception {
        Class<?> descriptor = Class.forName(Features.type(step).getName() + "$DescriptorImpl");
        Object instance = descriptor.getDeclaredConstructor().newInstance();
        String function = (String) descriptor.getMethod("getFunctionName").invoke(instance);
        assertEquals(Character.toLowerCase(step.charAt(0)) + step.substring(1, step.length() - "Step".length()), function);
        assertTrue(List.of("kymaMtlsCerts", "kymaExposeMtls", "kymaEgressRoute", "kymaLockEgress", "kymaMtlsCleanup",
                "kymaMtlsStatus")
                .contains(function));
    }

    @ParameterizedTest
    @ValueSource(strings = {"KymaMtlsCertsBuilder", "KymaExposeMtlsBuilder", "KymaEgressRouteBuilder",
        "KymaLockEgressBuilder", "KymaMtlsCleanupBuilder", "KymaMtlsStatusBuilder"})
    void buildStepsAddNoPipelineFunctionsBesideTheFourSteps(String builder) throws Exception {
        Class<?> descriptor = Class.forName(Features.type(builder).getName() + "$DescriptorImpl");
        assertEquals(null, descriptor.getAnnotation(org.jenkinsci.Symbol.class),
                builder + ": a symbol would be a Pipeline function that returns nothing");
    }

    @org.junit.jupiter.api.Test
    void credentialFieldsUseTheCredentialsDropDown() throws Exception {
        for (String name : CLASSES) {
            Class<?> type = Features.type(name);
            try (InputStream in = type.getResourceAsStream(name + "/config.jelly")) {
                String jelly = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
                if (jelly.contains("field=\"credentialsId\"")) {
                    assertTrue(jelly.contains("<c:select/>") && jelly.contains("xmlns:c=\"/lib/credentials\""), name);
                }
            }
        }
    }

    /**
     * The fields kymaExposeMtls and kymaEgressRoute share are declared once, on the public
     * KymaCertificateFilesStep, with their checks on its public descriptor. Jenkins finds them by
     * walking the superclasses' declared members: structs 343 DescribableModel's constructor
     * (l.167-177, every {@code @DataBoundSetter} of the class and its superclasses, for Pipeline and the
     * Snippet Generator), Stapler 1903.1905 RequestImpl.injectSetters/findDataBoundSetter (l.1012-1022,
     * l.1058-1075, a form's fields) and ClassDescriptor.findMethods (l.131-146, the descriptor's
     * {@code doCheck} web methods). The same walk here, over the fields the views name.
     */
    @ParameterizedTest
    @ValueSource(strings = {"KymaExposeMtlsStep", "KymaEgressRouteStep"})
    void sharedFieldsAreFoundOnTheBaseClassTheWayStructsAndStaplerWalkIt(String name) throws Exception {
        Class<?> type = Features.type(name);
        Set<String> setters = new TreeSet<>();
        for (Class<?> c = type; c != null; c = c.getSuperclass()) {
            for (Method m : c.getDeclaredMethods()) {
                if (m.isAnnotationPresent(DataBoundSetter.class) && Modifier.isPublic(m.getModifiers())
                        && Modifier.isPublic(c.getModifiers()) && m.getParameterCount() == 1) {
                    setters.add(java.beans.Introspector.decapitalize(m.getName().substring(3)));
                }
            }
        }
        Set<String> checks = new TreeSet<>();
        for (Class<?> c = Class.forName(type.getName() + "$DescriptorImpl"); c != null; c = c.getSuperclass()) {
            for (Method m : c.getDeclaredMethods()) {
                if (m.getName().startsWith("doCheck") && Modifier.isPublic(m.getModifiers())
                        && Modifier.isPublic(c.getModifiers())) {
                    checks.add(m.getName());
                }
            }
        }
        for (String shared : List.of("certsDir", "client", "caCert", "clientCert", "clientKey", "secretName")) {
            assertTrue(fields(type).contains(shared), name + " shows " + shared);
            assertTrue(setters.contains(shared), name + "." + shared + " has no setter Jenkins finds: " + setters);
        }
        for (String check : List.of("doCheckDomain", "doCheckNamespace", "doCheckClient", "doCheckSecretName")) {
            assertTrue(checks.contains(check), name + ": " + check + " not found: " + checks);
        }
        assertEquals("io.jenkins.plugins.kymamtls.steps.KymaCertificateFilesStep", type.getSuperclass().getName());
        assertEquals(type.getSuperclass(), type.getMethod("setCertsDir", String.class).getDeclaringClass(),
                "declared once, on the base class");
    }
}
