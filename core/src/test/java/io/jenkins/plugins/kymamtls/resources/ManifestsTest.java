package io.jenkins.plugins.kymamtls.resources;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.networknt.schema.ValidationMessage;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.jenkins.plugins.kymamtls.testing.CrdSchemas;
import io.jenkins.plugins.kymamtls.testing.TestCertificates;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ManifestsTest {

    @TempDir
    static Path certs;

    @BeforeAll
    static void certificates() {
        TestCertificates.write(certs);
    }

    private static ExposeParameters.Builder expose() {
        return ExposeParameters.builder(TestCertificates.DOMAIN, "mtls-demo", TestCertificates.server(certs));
    }

    private static EgressParameters.Builder egress() {
        return EgressParameters.builder(TestCertificates.DOMAIN, "mtls-client", TestCertificates.client(certs));
    }

    private static List<RenderedResource> everything() {
        List<RenderedResource> all = new ArrayList<>(Manifests.target(expose().methods("GET,POST").build()));
        all.addAll(Manifests.target(ExposeParameters.builder("*.apps.mtls.test", "mtls-wild",
                TestCertificates.server(certs)).build()));
        all.addAll(Manifests.client(egress().build(), "default"));
        all.addAll(Manifests.lock(LockParameters.builder("mtls-client").build(), List.of("10.0.0.10", "169.254.20.10")));
        return all;
    }

    @SuppressWarnings("unchecked")
    private static Object at(GenericKubernetesResource resource, String... path) {
        Object node = resource.getAdditionalProperties();
        for (String step : path) {
            node = node instanceof List<?> list ? list.get(Integer.parseInt(step)) : ((Map<String, Object>) node).get(step);
        }
        return node;
    }

    @Test
    void targetFollowsTheTutorialInApplyOrder() {
        List<RenderedResource> target = Manifests.target(expose().build());
        assertEquals(List.of("Namespace mtls-demo", "ServiceAccount httpbin in mtls-demo", "Service httpbin in mtls-demo",
                "Deployment httpbin in mtls-demo", "Secret kyma-mtls-certs-mtls-demo in istio-system",
                "Gateway kyma-mtls-gateway in mtls-demo", "APIRule httpbin in mtls-demo"),
                target.stream().map(RenderedResource::describe).toList());
        assertEquals("enabled", target.get(0).resource().getMetadata().getLabels().get("istio-injection"));
        GenericKubernetesResource gateway = target.get(5).resource();
        assertEquals("MUTUAL", at(gateway, "spec", "servers", "0", "tls", "mode"));
        assertEquals("kyma-mtls-certs-mtls-demo", at(gateway, "spec", "servers", "0", "tls", "credentialName"));
        assertEquals("mtls-demo", target.get(4).resource().getMetadata().getLabels().get(Manifests.OWNER_LABEL),
                "what is written in istio-system names the namespace it belongs to");
        assertEquals(List.of(TestCertificates.DOMAIN), at(gateway, "spec", "servers", "0", "hosts"));
        GenericKubernetesResource apiRule = target.get(6).resource();
        assertEquals("gateway.kyma-project.io/v2", apiRule.getApiVersion(), "v2alpha1 is deprecated");
        assertEquals("mtls-demo/kyma-mtls-gateway", at(apiRule, "spec", "gateway"));
        assertEquals(8000, at(apiRule, "spec", "service", "port"));
        assertEquals(List.of("GET"), at(apiRule, "spec", "rules", "0", "methods"));
        assertEquals(true, at(apiRule, "spec", "rules", "0", "noAuth"));
        Map<?, ?> data = (Map<?, ?>) at(target.get(4).resource(), "data");
        assertEquals(Set.of("cacert", "cert", "key"), data.keySet());
        assertTrue(target.get(4).secret());
    }

    @Test
    void everythingWeCreateCarriesTheManagedByLabelAndTheIstioCrWeOnlySwitchDoesNot() {
        for (RenderedResource rendered : everything()) {
            Map<String, String> labels = rendered.resource().getMetadata().getLabels();
            boolean shared = rendered.resource().getKind().equals("Istio");
            assertEquals(shared ? null : "kyma-mtls-egress", labels == null ? null : labels.get(Manifests.MANAGED_BY_LABEL),
                    rendered.describe());
        }
    }

    @Test
    void podTemplatesCarryTheLabelsKymasNetworkPoliciesLookFor() {
        Map<?, ?> httpbin = (Map<?, ?>) at(Manifests.target(expose().build()).stream()
                .filter(r -> r.resource().getKind().equals("Deployment")).findFirst().orElseThrow().resource(),
                "spec", "template", "metadata", "labels");
        assertEquals("allowed", httpbin.get("networking.kyma-project.io/from-ingressgateway"));
        Map<?, ?> curl = (Map<?, ?>) at(Manifests.client(egress().build(), "default").stream()
                .filter(r -> r.resource().getKind().equals("Deployment")).findFirst().orElseThrow().resource(),
                "spec", "template", "metadata", "labels");
        assertEquals("allowed", curl.get("networking.kyma-project.io/to-egressgateway"));
    }

    @Test
    void existingServiceSkipsTheSampleWorkload() {
        List<RenderedResource> target = Manifests.target(expose().workload(false).serviceName("orders").servicePort(9090)
                .build());
        assertEquals(List.of("Namespace", "Secret", "Gateway", "APIRule"),
                target.stream().map(r -> r.resource().getKind()).toList());
        assertEquals("orders", at(target.get(3).resource(), "spec", "service", "name"));
    }

    @Test
    void clientRouteFollowsTheTutorial() {
        List<RenderedResource> client = Manifests.client(egress().build(), "default");
        assertEquals(List.of("Namespace mtls-client", "Secret client-credential-mtls-client in istio-system",
                "Istio default in kyma-system", "Telemetry kyma-mtls-egress-access-log in istio-system",
                "ServiceAccount curl in mtls-client", "Service curl in mtls-client", "Deployment curl in mtls-client",
                "ServiceEntry httpbin in mtls-client", "Gateway istio-egressgateway in mtls-client",
                "DestinationRule egressgateway-for-httpbin in mtls-client",
                "VirtualService direct-httpbin-through-egress-gateway in mtls-client",
                "DestinationRule originate-mtls-mtls-client in istio-system"),
                client.stream().map(RenderedResource::describe).toList());
        GenericKubernetesResource originate = client.get(11).resource();
        assertEquals(Map.of("mode", "MUTUAL", "credentialName", "client-credential-mtls-client", "sni",
                TestCertificates.DOMAIN, "subjectAltNames", List.of(TestCertificates.DOMAIN)),
                at(originate, "spec", "trafficPolicy", "portLevelSettings", "0", "tls"),
                "the egress gateway checks that the server's certificate names the target host");
        assertEquals(Map.of("matchLabels", Map.of("istio", "egressgateway")), at(originate, "spec", "workloadSelector"),
                "only the egress gateway originates mTLS for the host");
        assertEquals("mtls-client", originate.getMetadata().getLabels().get(Manifests.OWNER_LABEL));
        assertEquals("mtls-client", client.get(1).resource().getMetadata().getLabels().get(Manifests.OWNER_LABEL));
        assertNull(client.get(3).resource().getMetadata().getLabels().get(Manifests.OWNER_LABEL),
                "the Telemetry is shared: no single owner");
        assertEquals(Map.of("egressGateway", Map.of("enabled", true)), at(client.get(2).resource(), "spec", "components"));
        assertEquals(Set.of("tls.key", "tls.crt", "ca.crt"), ((Map<?, ?>) at(client.get(1).resource(), "data")).keySet());
    }

    @Test
    void optionalClientPartsCanBeLeftOut() {
        List<String> kinds = Manifests.client(egress().curlWorkload(false).enableEgressGateway(false).accessLogging(false)
                .build(), "default").stream().map(RenderedResource::describe).toList();
        assertFalse(kinds.stream().anyMatch(kind -> kind.contains("curl") || kind.startsWith("Istio ")
                || kind.startsWith("Telemetry")), kinds::toString);
        assertEquals(7, kinds.size());
    }

    @Test
    void lockAllowsDnsOverUdpAndTcpToEachAddressAndIstioSystem() {
        GenericKubernetesResource policy = Manifests.lock(LockParameters.builder("mtls-client").build(),
                List.of("10.0.0.10", "169.254.20.10")).get(0).resource();
        assertEquals(List.of(Map.of("port", 53, "protocol", "UDP"), Map.of("port", 53, "protocol", "TCP")),
                at(policy, "spec", "egress", "0", "ports"));
        assertEquals(List.of(Map.of("namespaceSelector", Map.of("matchLabels", Map.of("kubernetes.io/metadata.name", "kube-system"))),
                Map.of("ipBlock", Map.of("cidr", "10.0.0.10/32")), Map.of("ipBlock", Map.of("cidr", "169.254.20.10/32"))),
                at(policy, "spec", "egress", "0", "to"));
        assertEquals(List.of(Map.of("namespaceSelector", Map.of("matchLabels", Map.of("kubernetes.io/metadata.name", "istio-system")))),
                at(policy, "spec", "egress", "1", "to"));
        assertEquals(Map.of(), at(policy, "spec", "podSelector"));
    }

    @Test
    void everyCustomResourceValidatesAgainstItsUpstreamCrd() throws Exception {
        CrdSchemas schemas = CrdSchemas.locate();
        int validated = 0;
        for (RenderedResource rendered : everything()) {
            if (CrdSchemas.isCustom(rendered.resource().getKind())) {
                Set<ValidationMessage> errors = schemas.validate(rendered.resource());
                assertEquals(Set.of(), errors, rendered.describe() + "\n" + Serialization.asYaml(rendered.resource()));
                validated++;
            }
        }
        assertEquals(2 + 2 + 7, validated);
    }

    @Test
    void schemaValidationCatchesWhatAnApiServerWouldRefuse() throws Exception {
        CrdSchemas schemas = CrdSchemas.locate();
        GenericKubernetesResource gateway = Manifests.target(expose().build()).get(5).resource();
        @SuppressWarnings("unchecked")
        Map<String, Object> tls = (Map<String, Object>) at(gateway, "spec", "servers", "0", "tls");
        tls.put("mode", "MUTUAL_PLEASE");
        assertFalse(schemas.validate(gateway).isEmpty(), "enum not checked");

        GenericKubernetesResource apiRule = Manifests.target(expose().build()).get(6).resource();
        @SuppressWarnings("unchecked")
        Map<String, Object> rule = (Map<String, Object>) at(apiRule, "spec", "rules", "0");
        rule.put("path", "headers");
        assertFalse(schemas.validate(apiRule).isEmpty(), "path pattern not checked");
    }

    /** The CEL rules of the CRDs, which the schema validator cannot run. */
    @Test
    void renderedResourcesSatisfyTheCrdsCelRules() {
        Pattern gatewayRef = Pattern.compile("^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?/([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)$");
        Pattern host = Pattern.compile("^(?:\\*\\.(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\\.)+[a-z0-9]{2,63}|(?:[a-z0-9]"
                + "(?:[a-z0-9-]{0,61}[a-z0-9])?)(?:(?:\\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)*(?:\\.[a-z0-9]{2,63}))?)$");
        for (RenderedResource rendered : everything()) {
            GenericKubernetesResource resource = rendered.resource();
            if (resource.getKind().equals("APIRule")) {
                assertTrue(gatewayRef.matcher((String) at(resource, "spec", "gateway")).matches());
                for (Object h : (List<?>) at(resource, "spec", "hosts")) {
                    assertTrue(host.matcher((String) h).matches(), h::toString);
                }
                for (Object r : (List<?>) at(resource, "spec", "rules")) {
                    Map<?, ?> rule = (Map<?, ?>) r;
                    int auth = (rule.containsKey("extAuth") ? 1 : 0) + (rule.containsKey("jwt") ? 1 : 0)
                            + (Boolean.TRUE.equals(rule.get("noAuth")) ? 1 : 0);
                    assertEquals(1, auth, "exactly one of noAuth, jwt, extAuth");
                }
            }
            if (resource.getKind().equals("Gateway")) {
                for (Object s : (List<?>) at(resource, "spec", "servers")) {
                    Map<?, ?> tls = (Map<?, ?>) ((Map<?, ?>) s).get("tls");
                    if (tls != null) {
                        assertFalse(tls.containsKey("credentialName") && tls.containsKey("credentialNames"));
                        assertFalse(tls.containsKey("credentialName") && tls.containsKey("tlsCertificates"));
                    }
                }
            }
        }
    }

    @Test
    void valuesArePlacedAsScalarsSoTheyCannotAddYaml() {
        ManifestTemplate template = ManifestTemplate.load("client/05-curl-serviceaccount.yaml");
        String hostile = "x\nkind: Secret\ndata:\n  token: abc";
        GenericKubernetesResource rendered = template.render(Map.of("namespace", hostile));
        assertEquals(hostile, rendered.getMetadata().getNamespace());
        assertEquals("ServiceAccount", rendered.getKind());
        assertNull(rendered.getAdditionalProperties().get("data"));
    }

    @Test
    void wildcardHostsStayStrings() {
        GenericKubernetesResource gateway = Manifests.target(ExposeParameters.builder("*.apps.mtls.test", "mtls-wild",
                TestCertificates.server(certs)).build()).get(5).resource();
        assertEquals(List.of("*.apps.mtls.test"), at(gateway, "spec", "servers", "0", "hosts"));
        assertTrue(Serialization.asYaml(gateway).contains("\"*.apps.mtls.test\""), Serialization.asYaml(gateway));
    }

    @Test
    void renderingAndWritingWithPlainJacksonGiveWhatFabric8Would() {
        // The steps apply these objects through fabric8, and people apply the plan's files.
        io.fabric8.kubernetes.client.utils.KubernetesSerialization fabric8 =
                new io.fabric8.kubernetes.client.utils.KubernetesSerialization();
        for (RenderedResource rendered : everything()) {
            assertEquals(fabric8.convertValue(rendered.resource(), GenericKubernetesResource.class), rendered.resource(),
                    rendered.template());
            assertEquals(io.fabric8.kubernetes.client.utils.Serialization.asYaml(rendered.resource()),
                    ManifestTemplate.asYaml(rendered.resource()), rendered.template());
        }
    }

    @Test
    void accessRulesAreWrittenAsFabric8WouldWriteTheirObjects() {
        for (io.jenkins.plugins.kymamtls.rbac.AccessRules.Cluster cluster
                : io.jenkins.plugins.kymamtls.rbac.AccessRules.Cluster.values()) {
            String yaml = io.jenkins.plugins.kymamtls.rbac.AccessRules.yaml(cluster, "mtls-demo", "ci", "mtls-demo");
            List<io.fabric8.kubernetes.api.model.HasMetadata> objects = new io.fabric8.kubernetes.client.utils
                    .KubernetesSerialization().unmarshal(yaml);
            assertTrue(objects.size() >= 4, objects::toString);
            for (io.fabric8.kubernetes.api.model.HasMetadata object : objects) {
                String fabric8 = io.fabric8.kubernetes.client.utils.Serialization.asYaml(object);
                assertTrue(yaml.contains(fabric8.substring(4)), object.getKind() + " as fabric8 writes it:\n" + fabric8);
            }
        }
    }

    @Test
    void aRenderedSecretPrintsItsKindAndNameOnly() {
        RenderedResource secret = everything().stream().filter(RenderedResource::secret).findFirst().orElseThrow();
        // A record's generated toString would print the resource with its data.
        assertEquals(secret.describe(), String.valueOf(secret));
        assertTrue(String.valueOf(secret).matches("Secret [a-z0-9-]+ in [a-z0-9-]+"), String.valueOf(secret));
    }
}
