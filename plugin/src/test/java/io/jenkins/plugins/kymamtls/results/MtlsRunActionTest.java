package io.jenkins.plugins.kymamtls.results;

import io.jenkins.plugins.kymamtls.testing.Workspaces;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.thoughtworks.xstream.XStream;
import io.jenkins.plugins.kymamtls.testing.TestCertificates;
import io.jenkins.plugins.kymamtls.steps.certs.KymaMtlsCertsStep;
import io.jenkins.plugins.kymamtls.steps.certs.CertsWork;
import io.jenkins.plugins.kymamtls.work.Text;
import java.io.InputStream;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/** The build page's record of what the steps did: its data, its views, how Jenkins saves it, and that it holds no secret. */
class MtlsRunActionTest {

    /** The workspace's folder; the keys go to the workspace's @tmp sibling in it. */
    @TempDir
    Path builds;

    Path workspace;

    @BeforeEach
    void workspace() {
        workspace = Workspaces.in(builds);
    }

    /** A real kymaMtlsCerts result: the engine wrote a set (keys included) into the workspace. */
    private Map<String, Object> certsResult() {
        KymaMtlsCertsStep step = new KymaMtlsCertsStep(TestCertificates.DOMAIN, TestCertificates.CLIENT);
        step.setKeyAlgorithm("ec-p256");
        step.setDays(30);
        return new CertsWork(step, Text.AS_TYPED, null, null).run(workspace, line -> { });
    }

    private static Map<String, Object> exposeResult(String namespace) {
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("applied", List.of("Namespace " + namespace, "Secret istio-system/kyma-mtls-certs-" + namespace,
                "Gateway " + namespace + "/kyma-mtls-gateway", "APIRule " + namespace + "/httpbin"));
        result.put("url", "https://httpbin.example.com/headers");
        result.put("withoutClientCertificate", "no HTTP answer (SSLHandshakeException: bad certificate)");
        result.put("withClientCertificate", 200);
        result.put("xForwardedClientCert", "Hash=ab;Subject=\"CN=client.example.com\"");
        return result;
    }

    private static Map<String, Object> egressResult(String namespace) {
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("applied", List.of("Secret istio-system/client-credential-" + namespace,
                "ServiceEntry " + namespace + "/httpbin"));
        result.put("status", 200);
        result.put("egressGatewayPods", List.of("istio-egressgateway-1"));
        result.put("xForwardedClientCert", "Subject=\"CN=client.example.com\"");
        return result;
    }

    private static Map<String, Object> lockResult() {
        return Map.of("applied", List.of("NetworkPolicy network-policy-allow-egress-traffic in mtls-client"),
                "proven", true, "proof", "allowed http://httpbin.example.com/headers: HTTP 200; blocked https://www.google.com: curl exit 7");
    }

    @Test
    void eachStepsReturnedMapBecomesItsSectionAndTheSummaryLine() {
        Map<String, Object> certs = certsResult();
        MtlsRunAction action = new MtlsRunAction();
        action.add(Section.of("kymaMtlsCerts", "kymaMtlsCerts for httpbin.example.com", certs, 30));
        action.add(Section.of("kymaExposeMtls", "kymaExposeMtls with credentials 'target'", exposeResult("mtls-demo"), 30));
        action.add(Section.of("kymaEgressRoute", "kymaEgressRoute with credentials 'client'", egressResult("mtls-client"), 30));
        action.add(Section.of("kymaLockEgress", "kymaLockEgress with credentials 'client'", lockResult(), 30));

        Section certificates = action.getSections().get(0);
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> returned = (List<Map<String, Object>>) certs.get("certificates");
        assertEquals(returned.size(), certificates.getCertificates().size());
        for (int i = 0; i < returned.size(); i++) {
            Section.Certificate row = certificates.getCertificates().get(i);
            assertEquals(returned.get(i).get("role"), row.getRole());
            assertEquals(returned.get(i).get("subject"), row.getSubject());
            assertEquals(returned.get(i).get("serial"), row.getSerial());
            assertEquals(returned.get(i).get("sha256Fingerprint"), row.getFingerprint());
            assertEquals(returned.get(i).get("notAfter"), row.getNotAfter());
        }
        Section.Certificate server = certificates.getCertificates().stream().filter(c -> c.getRole().equals("server"))
                .findFirst().orElseThrow();
        assertEquals(TestCertificates.DOMAIN, server.getDnsNames());
        assertEquals(29, server.getDaysLeft(), "a 30-day certificate issued just now");
        assertEquals("kyma-mtls-ending", certificates.colour(server), "within 30 days");
        assertEquals(3, certificates.getVerifications().size(), "the three self-test handshakes");

        Section expose = action.getSections().get(1);
        assertEquals(exposeResult("mtls-demo").get("applied"), expose.getApplied());
        assertTrue(expose.getVerifications().stream().allMatch(Section.Verification::isPassed));
        assertEquals("server certificate " + TestCertificates.DOMAIN + " expires in 29 days · expose verified HTTP 200"
                + " · egress verified HTTP 200 · lock proven", action.getSummary());
    }

    @Test
    void twoCallsInOneBuildEachKeepTheirOwnSection() {
        MtlsRunAction action = new MtlsRunAction();
        action.add(Section.of("kymaEgressRoute", "kymaEgressRoute for team-a", egressResult("team-a"), 30));
        Map<String, Object> failed = egressResult("team-b");
        failed.put("status", 503);
        action.add(Section.of("kymaEgressRoute", "kymaEgressRoute for team-b", failed, 30));
        assertEquals(List.of("kymaEgressRoute for team-a", "kymaEgressRoute for team-b"),
                action.getSections().stream().map(Section::getTitle).toList());
        assertEquals(List.of("Secret istio-system/client-credential-team-b", "ServiceEntry team-b/httpbin"),
                action.getSections().get(1).getApplied());
        assertEquals("egress verified HTTP 200 · egress not verified", action.getSummary());
    }

    @Test
    void theStatusStepGivesTheJobItsHealthAndTrend() {
        MtlsRunAction action = new MtlsRunAction();
        Map<String, Object> status = new LinkedHashMap<>();
        status.put("health", "EXPIRING");
        status.put("expiresInDays", 12L);
        status.put("failedChecks", List.of());
        action.add(Section.of("kymaMtlsStatus", "kymaMtlsStatus of client credentials 'client'", status, 30));
        assertEquals("EXPIRING, 12 days left", action.getSummary());
        MtlsJobAction job = new MtlsJobAction(action.getStatus(), List.of(new MtlsJobAction.Point(1, 40),
                new MtlsJobAction.Point(2, 12)));
        assertEquals("EXPIRING", job.getHealth());
        assertEquals(12L, job.getExpiresInDays());
        assertEquals("0,0 300,70", job.getTrendPoints());
        assertNull(new MtlsRunAction().getStatus(), "a build without a status step gives the job nothing");
    }

    /**
     * Saved with the build and loaded as Jenkins loads build.xml (XStream2's reflection provider: no
     * constructor runs, a field the XML leaves out stays null), including a build from before a field
     * existed.
     */
    @Test
    void savedWithTheBuildItLoadsBackEqualAndAnEmptyOneLoadsToo() {
        MtlsRunAction action = new MtlsRunAction();
        action.add(Section.of("kymaMtlsCerts", "kymaMtlsCerts", certsResult(), 30));
        action.add(Section.of("kymaExposeMtls", "kymaExposeMtls", exposeResult("mtls-demo"), 30));
        XStream xstream = xstream();
        String xml = xstream.toXML(action);
        MtlsRunAction loaded = (MtlsRunAction) xstream.fromXML(xml);
        assertEquals(action.getSummary(), loaded.getSummary());
        assertEquals(xml, xstream.toXML(loaded));
        MtlsRunAction bare = (MtlsRunAction) xstream.fromXML("<" + MtlsRunAction.class.getName() + "/>");
        assertEquals(List.of(), bare.getSections());
        assertEquals("no step reported", bare.getSummary());
    }

    /** Nothing of any private key, kubeconfig or token on the page or in the saved build. */
    @Test
    void noKeyMaterialInAnythingItShowsOrSaves() throws Exception {
        MtlsRunAction action = new MtlsRunAction();
        action.add(Section.of("kymaMtlsCerts", "kymaMtlsCerts", certsResult(), 30));
        String everything = xstream().toXML(action) + action.getSummary();
        for (Section section : action.getSections()) {
            everything += section.getTitle() + section.getApplied() + section.getVerifications().stream()
                    .map(v -> v.getName() + v.getProof()).toList();
        }
        assertFalse(everything.contains("PRIVATE KEY"));
        assertFalse(everything.contains("client-key-data") || everything.contains("token:"));
        // The workspace and its @tmp sibling, which keeps the keys; there are three to look for.
        try (var keys = Files.walk(builds)) {
            List<Path> found = keys.filter(file -> file.toString().endsWith(".key")).toList();
            assertEquals(3, found.size(), found::toString);
            for (Path key : found) {
                for (String line : Files.readAllLines(key)) {
                    if (!line.startsWith("-----") && line.length() > 16) {
                        assertFalse(everything.contains(line), "a line of " + key.getFileName() + " is on the page");
                    }
                }
            }
        }
    }

    /**
     * Every view is well-formed Jelly that escapes what it prints, uses only Jenkins' own tag libraries,
     * and reads only properties the class it renders has.
     */
    @Test
    void theViewsAreWellFormedEscapedUseJenkinsTagsAndReadExistingProperties() throws Exception {
        Map<String, Class<?>> variables = Map.of("section", Section.class, "certificate", Section.Certificate.class,
                "verification", Section.Verification.class, "point", MtlsJobAction.Point.class);
        Set<String> libraries = Set.of("jelly:core", "/lib/layout", "/lib/hudson", "http://www.w3.org/2000/svg");
        int checked = 0;
        for (Map.Entry<Class<?>, List<String>> views : Map.<Class<?>, List<String>>of(MtlsRunAction.class, List.of("summary.jelly", "index.jelly"),
                MtlsJobAction.class, List.of("floatingBox.jelly")).entrySet()) {
            for (String view : views.getValue()) {
                String name = views.getKey().getSimpleName() + "/" + view;
                String text;
                try (InputStream in = views.getKey().getResourceAsStream(name)) {
                    assertNotNull(in, name);
                    text = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
                }
                assertTrue(text.startsWith("<?jelly escape-by-default='true'?>"), name + " escapes what it prints");
                DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
                factory.setNamespaceAware(true);
                Document document = factory.newDocumentBuilder().parse(new java.io.ByteArrayInputStream(
                        text.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
                NodeList all = document.getElementsByTagName("*");
                for (int i = 0; i < all.getLength(); i++) {
                    String namespace = ((Element) all.item(i)).getNamespaceURI();
                    assertTrue(namespace == null || libraries.contains(namespace), name + " uses " + namespace);
                }
                Matcher uses = Pattern.compile("\\b(it|action|section|certificate|verification|point)\\.(\\w+)").matcher(text);
                while (uses.find()) {
                    // summary.jelly and index.jelly get the action as "it" (workflow-job WorkflowRun/index.jelly
                    // includes summary.jelly with it="${a}"); floatingBox.jelly gets it as "action", with "it"
                    // the job (core lib/hudson/project/projectActionFloatingBox.jelly).
                    boolean floating = view.equals("floatingBox.jelly");
                    assertFalse(floating && uses.group(1).equals("it"), name + ": there \"it\" is the job");
                    Class<?> type = uses.group(1).equals("it") || uses.group(1).equals("action") ? views.getKey()
                            : variables.get(uses.group(1));
                    assertTrue(hasProperty(type, uses.group(2)), name + ": " + type.getSimpleName() + " has no "
                            + uses.group(2));
                    checked++;
                }
            }
        }
        assertTrue(checked > 25, "properties checked: " + checked);
    }

    private static boolean hasProperty(Class<?> type, String property) {
        String capital = Character.toUpperCase(property.charAt(0)) + property.substring(1);
        return Arrays.stream(type.getMethods()).map(Method::getName)
                .anyMatch(m -> m.equals("get" + capital) || m.equals("is" + capital) || m.equals(property));
    }

    private static XStream xstream() {
        XStream xstream = new XStream();
        xstream.allowTypesByWildcard(new String[] {"io.jenkins.plugins.kymamtls.**"});
        return xstream;
    }

}
