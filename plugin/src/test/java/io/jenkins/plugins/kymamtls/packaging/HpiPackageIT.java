package io.jenkins.plugins.kymamtls.packaging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.jar.Attributes;
import java.util.jar.JarFile;
import java.util.jar.JarInputStream;
import java.util.zip.ZipEntry;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The built .hpi, opened as the Jenkins plugin manager would read it. */
class HpiPackageIT {

    /** Each step and build step by its feature package: {@code <feature>/<class>} under {@code steps}. */
    private static final List<String> DESCRIPTORS = List.of("certs/KymaMtlsCertsStep", "expose/KymaExposeMtlsStep",
            "egress/KymaEgressRouteStep", "lock/KymaLockEgressStep", "certs/KymaMtlsCertsBuilder",
            "expose/KymaExposeMtlsBuilder", "egress/KymaEgressRouteBuilder", "lock/KymaLockEgressBuilder",
            "cleanup/KymaMtlsCleanupStep", "cleanup/KymaMtlsCleanupBuilder", "status/KymaMtlsStatusStep",
            "status/KymaMtlsStatusBuilder");

    private static String className(String type) {
        return "io.jenkins.plugins.kymamtls.steps." + type.replace('/', '.');
    }

    private static JarFile hpi;

    @BeforeAll
    static void open() throws IOException {
        hpi = new JarFile(Path.of(System.getProperty("kymaMtls.hpi")).toFile());
    }

    private static List<String> entries(String prefix) {
        List<String> names = new ArrayList<>();
        for (ZipEntry entry : Collections.list(hpi.entries())) {
            if (entry.getName().startsWith(prefix) && !entry.isDirectory()) {
                names.add(entry.getName());
            }
        }
        return names;
    }

    private static byte[] pluginJarEntry(String name) throws IOException {
        byte[] jar = hpi.getInputStream(hpi.getEntry("WEB-INF/lib/kyma-mtls-egress.jar")).readAllBytes();
        try (JarInputStream in = new JarInputStream(new ByteArrayInputStream(jar))) {
            for (ZipEntry entry; (entry = in.getNextEntry()) != null; ) {
                if (entry.getName().equals(name)) {
                    return in.readAllBytes();
                }
            }
        }
        return null;
    }

    /**
     * Jenkins' class filter (ClassFilterImpl.isPluginManifest) lets XStream save a job's build step
     * only when the class comes from a jar whose own manifest names a plugin: Short-Name, and
     * Plugin-Version or Jenkins-Version. That jar is WEB-INF/lib/kyma-mtls-egress.jar.
     */
    @Test
    void thePluginJarsOwnManifestNamesThePluginAsJenkinsClassFilterRequires() throws IOException {
        byte[] jar = hpi.getInputStream(hpi.getEntry("WEB-INF/lib/kyma-mtls-egress.jar")).readAllBytes();
        try (JarInputStream in = new JarInputStream(new ByteArrayInputStream(jar))) {
            Attributes inner = in.getManifest().getMainAttributes();
            Attributes outer = hpi.getManifest().getMainAttributes();
            assertEquals("kyma-mtls-egress", inner.getValue("Short-Name"));
            assertNotNull(inner.getValue("Plugin-Version"));
            assertNotNull(inner.getValue("Jenkins-Version"));
            for (String name : List.of("Short-Name", "Long-Name", "Plugin-Version", "Jenkins-Version",
                    "Plugin-Dependencies", "Minimum-Java-Version")) {
                assertEquals(outer.getValue(name), inner.getValue(name), name + ": the .hpi and its jar agree");
            }
        }
    }

    /** Artifacts go through Run.pickArtifactManager(), as archiveArtifacts adds them, never getArtifactManager(). */
    @Test
    void certificatesAreArchivedThroughTheArtifactManagerTheBuildPicks() throws IOException {
        String calls = new String(pluginJarEntry("io/jenkins/plugins/kymamtls/steps/StepRunner.class"),
                StandardCharsets.ISO_8859_1);
        assertTrue(calls.contains("pickArtifactManager"), "StepRunner archives through pickArtifactManager()");
        byte[] jar = hpi.getInputStream(hpi.getEntry("WEB-INF/lib/kyma-mtls-egress.jar")).readAllBytes();
        try (JarInputStream in = new JarInputStream(new ByteArrayInputStream(jar))) {
            for (ZipEntry entry; (entry = in.getNextEntry()) != null; ) {
                if (entry.getName().endsWith(".class")) {
                    assertTrue(!new String(in.readAllBytes(), StandardCharsets.ISO_8859_1).contains("getArtifactManager"),
                            entry.getName() + " calls getArtifactManager()");
                }
            }
        }
    }

    /** What a saved freestyle job holds of our build steps: JDK types and classes of the plugin jar only. */
    @Test
    void buildStepsPersistOnlyJdkTypesAndClassesOfThePluginJar() throws Exception {
        for (String builder : DESCRIPTORS.stream().filter(name -> name.endsWith("Builder")).toList()) {
            assertPersistable(builder, Class.forName(className(builder)), new java.util.HashSet<>());
        }
    }

    /**
     * Jobs saved before the packages by feature name each build step by its earlier class. That name
     * ships in the plugin jar (so ClassFilterImpl.isPluginManifest lets XStream read it) as a class
     * with the saved field {@code step} and a private readResolve that hands back the feature
     * package's builder (core RobustReflectionConverter.unmarshal l.287-290 calls it); it is no
     * extension, so Jenkins offers it nowhere.
     */
    @Test
    void theEarlierBuildStepNamesShipAsReadResolveAliases() throws Exception {
        String extensions = new String(pluginJarEntry("META-INF/annotations/hudson.Extension"), StandardCharsets.ISO_8859_1);
        for (String builder : DESCRIPTORS.stream().filter(name -> name.endsWith("Builder")).toList()) {
            String simple = builder.substring(builder.indexOf('/') + 1);
            String earlier = "io.jenkins.plugins.kymamtls.steps." + simple;
            assertNotNull(pluginJarEntry(earlier.replace('.', '/') + ".class"), earlier + " is not in the plugin jar");
            Class<?> alias = Class.forName(earlier);
            Class<?> current = Class.forName(className(builder));
            assertEquals(current.getMethod("getStep").getReturnType(), alias.getDeclaredField("step").getType(), earlier);
            java.lang.reflect.Method readResolve = alias.getDeclaredMethod("readResolve");
            assertTrue(java.lang.reflect.Modifier.isPrivate(readResolve.getModifiers()), earlier);
            assertTrue(!extensions.contains(earlier + "$"), earlier + " is in the extension index");
        }
    }

    /**
     * The build page's record is saved in build.xml with Run.XSTREAM2 (core Run.save) and filtered by
     * the same ClassFilterImpl; its views ship where Stapler looks for them (WorkflowRun/index.jelly
     * includes each action's summary.jelly; lib/hudson/project/projectActionFloatingBox.jelly its
     * floatingBox.jelly).
     */
    @Test
    void theBuildPagesRecordPersistsOnlyJdkTypesAndClassesOfThePluginJarAndShipsItsViews() throws Exception {
        assertPersistable("MtlsRunAction", Class.forName("io.jenkins.plugins.kymamtls.results.MtlsRunAction"),
                new java.util.HashSet<>());
        for (String view : List.of("MtlsRunAction/summary.jelly", "MtlsRunAction/index.jelly",
                "MtlsJobAction/floatingBox.jelly")) {
            assertNotNull(pluginJarEntry("io/jenkins/plugins/kymamtls/results/" + view), view);
        }
        String extensions = new String(pluginJarEntry("META-INF/annotations/hudson.Extension"), StandardCharsets.ISO_8859_1);
        assertTrue(extensions.contains("io.jenkins.plugins.kymamtls.results.MtlsJobAction$Factory"),
                "the job page's TransientActionFactory is indexed");
    }

    /** The class and, through its fields, everything XStream writes with it. */
    private static void assertPersistable(String builder, Class<?> start, Set<Class<?>> seen) throws IOException {
        if (!seen.add(start)) {
            return;
        }
        for (Class<?> type = start; type != null && !type.getName().startsWith("hudson.")
                && !type.getName().startsWith("org.jenkinsci."); type = type.getSuperclass()) {
            for (java.lang.reflect.Field field : type.getDeclaredFields()) {
                int modifiers = field.getModifiers();
                if (java.lang.reflect.Modifier.isStatic(modifiers) || java.lang.reflect.Modifier.isTransient(modifiers)) {
                    continue;
                }
                for (Class<?> persisted : types(field.getGenericType())) {
                    boolean jdk = persisted.isPrimitive() || persisted.getName().startsWith("java.");
                    boolean ours = pluginJarEntry(persisted.getName().replace('.', '/') + ".class") != null;
                    assertTrue(jdk || ours, builder + ": " + type.getSimpleName() + "." + field.getName() + " persists "
                            + persisted.getName() + ", which is neither a JDK class nor in the plugin jar");
                    if (ours) {
                        assertPersistable(builder, persisted, seen);
                    }
                }
            }
        }
    }

    private static List<Class<?>> types(java.lang.reflect.Type type) {
        List<Class<?>> found = new ArrayList<>();
        if (type instanceof Class<?> plain) {
            found.add(plain.isArray() ? plain.getComponentType() : plain);
        } else if (type instanceof java.lang.reflect.ParameterizedType parameterized) {
            found.addAll(types(parameterized.getRawType()));
            for (java.lang.reflect.Type argument : parameterized.getActualTypeArguments()) {
                found.addAll(types(argument));
            }
        }
        return found;
    }

    @Test
    void manifestDeclaresThePluginAndExactlyTheBaselineDependencies() throws IOException {
        Attributes manifest = hpi.getManifest().getMainAttributes();
        assertEquals("kyma-mtls-egress", manifest.getValue("Short-Name"));
        assertEquals("Kyma mTLS Egress", manifest.getValue("Long-Name"));
        assertNotNull(manifest.getValue("Plugin-Version"));
        assertEquals("2.479.3", manifest.getValue("Jenkins-Version"));
        assertEquals("workflow-step-api:683.va_885a_76415f9,credentials:1408.va_622a_b_f5b_1b_1,"
                + "plain-credentials:195.vb_906e9073dee,kubernetes-client-api:7.3.1-256.v788a_0b_787114,"
                + "bouncycastle-api:2.30.1.80-261.v00c0e2618ec3,jackson2-api:2.19.0-404.vb_b_0fd2fea_e10,"
                + "okhttp-api:4.11.0-189.v976fa_d3379d6", manifest.getValue("Plugin-Dependencies"));
    }

    /**
     * Every library our classes refer to comes from a plugin named in Plugin-Dependencies: Jenkins
     * gives a plugin the classes of the plugins it depends on, nothing else.
     */
    @Test
    void everyLibraryTheCodeTouchesComesFromADeclaredPlugin() throws IOException {
        Map<String, String> libraries = Map.of(
                "org/jenkinsci/plugins/workflow/steps/", "workflow-step-api",
                "com/cloudbees/plugins/credentials/", "credentials",
                "org/jenkinsci/plugins/plaincredentials/", "plain-credentials",
                "io/fabric8/", "kubernetes-client-api",
                "org/bouncycastle/", "bouncycastle-api",
                "com/fasterxml/jackson/", "jackson2-api",
                "okhttp3/", "okhttp-api");
        List<String> declared = Arrays.stream(hpi.getManifest().getMainAttributes().getValue("Plugin-Dependencies")
                .split(",")).map(dependency -> dependency.substring(0, dependency.indexOf(':'))).toList();
        Set<String> needed = new TreeSet<>();
        for (String library : entries("WEB-INF/lib/")) {
            byte[] jar = hpi.getInputStream(hpi.getEntry(library)).readAllBytes();
            try (JarInputStream in = new JarInputStream(new ByteArrayInputStream(jar))) {
                for (ZipEntry entry; (entry = in.getNextEntry()) != null; ) {
                    if (entry.getName().endsWith(".class")) {
                        String constants = new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
                        libraries.forEach((prefix, plugin) -> {
                            // Class references in the constant pool are internal names: io/fabric8/…
                            if (constants.contains(prefix)) {
                                needed.add(plugin);
                            }
                        });
                    }
                }
            }
        }
        assertEquals(new TreeSet<>(libraries.values()), needed, "the code touches each of these libraries");
        assertTrue(declared.containsAll(needed), "Plugin-Dependencies " + declared + " lacks some of " + needed);
    }

    @Test
    void bundlesOnlyThePluginAndTheEngineNeverALibraryPluginsJar() {
        List<String> libraries = entries("WEB-INF/lib/");
        assertEquals(2, libraries.size(), libraries::toString);
        assertTrue(libraries.contains("WEB-INF/lib/kyma-mtls-egress.jar"));
        assertTrue(libraries.stream().anyMatch(name -> name.matches("WEB-INF/lib/kyma-mtls-core-.*\\.jar")));
        for (String forbidden : List.of("fabric8", "kubernetes", "jackson", "okhttp", "okio", "bcprov", "bcpkix",
                "bcutil", "snakeyaml", "jenkins-api", "slf4j")) {
            assertTrue(libraries.stream().noneMatch(name -> name.contains(forbidden)), forbidden + " in " + libraries);
        }
    }

    @Test
    void indexesNameEveryDescriptorAndNoBuildStepSymbol() throws IOException {
        assertNotNull(pluginJarEntry("index.jelly"));
        String extensions = new String(pluginJarEntry("META-INF/annotations/hudson.Extension"), StandardCharsets.ISO_8859_1);
        for (String descriptor : DESCRIPTORS) {
            assertTrue(extensions.contains(className(descriptor) + "$DescriptorImpl"),
                    descriptor + " missing from the extension index");
        }
        // The shared library's pre-check step (B1: the library calls steps only).
        assertTrue(extensions.contains("io.jenkins.plugins.kymamtls.library.KymaMtlsEgressCheckStep$DescriptorImpl"),
                "kymaMtlsEgressCheck missing from the extension index");
        // A @Symbol on a build step would make one more Pipeline function per step that returns nothing.
        assertEquals(null, pluginJarEntry("META-INF/annotations/org.jenkinsci.Symbol"));
    }

    /**
     * Jenkins' Descriptor.calcFillSettings looks, for every select in a view it renders, for
     * doFill&lt;Field&gt;Items on the descriptor of the class that owns the view; read here from the
     * views the .hpi ships.
     */
    @Test
    void everySelectInAShippedViewHasItsFillMethodOnTheOwningDescriptor() throws Exception {
        java.util.regex.Pattern select = java.util.regex.Pattern.compile(
                "<f:entry field=\"([A-Za-z]+)\"[^>]*>\\s*<(c|f):select");
        int selects = 0;
        for (String type : DESCRIPTORS) {
            String jelly = new String(pluginJarEntry("io/jenkins/plugins/kymamtls/steps/" + type + "/config.jelly"),
                    StandardCharsets.UTF_8);
            Class<?> descriptor = Class.forName(className(type) + "$DescriptorImpl");
            java.util.regex.Matcher matcher = select.matcher(jelly);
            while (matcher.find()) {
                String field = matcher.group(1);
                String fill = "doFill" + Character.toUpperCase(field.charAt(0)) + field.substring(1) + "Items";
                assertTrue(Arrays.stream(descriptor.getMethods()).anyMatch(m -> m.getName().equals(fill)),
                        type + ": the view has a select for " + field + " but the descriptor has no " + fill);
                selects++;
            }
        }
        // One per pipeline step, two for the status step (target and client cluster).
        assertEquals(7, selects, "credentials drop-downs in the pipeline steps' views");
    }

    @Test
    void everyStepCarriesItsFormAndHelp() throws IOException {
        for (String type : DESCRIPTORS) {
            String folder = "io/jenkins/plugins/kymamtls/steps/" + type + "/";
            assertNotNull(pluginJarEntry(folder + "config.jelly"), type);
            assertNotNull(pluginJarEntry(folder + "help.html"), type);
            if (type.endsWith("Step")) {
                assertTrue(pluginJarEntry(folder + "help-domain.html") != null
                        || pluginJarEntry(folder + "help-namespace.html") != null, type + " has no field help");
            } else {
                // A build step's form is its pipeline step's, help included.
                assertTrue(new String(pluginJarEntry(folder + "config.jelly"), StandardCharsets.UTF_8)
                        .contains("<f:property field=\"step\"/>"), type);
            }
        }
        assertTrue(entries("WEB-INF/classes/").isEmpty(), "classes live in the plugin jar");
    }
}
