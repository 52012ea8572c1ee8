package io.jenkins.plugins.kymamtls.resources;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Renders the resources of each step from the templates, in the order they are applied. */
public final class Manifests {

    public static final String MANAGED_BY_LABEL = "app.kubernetes.io/managed-by";
    public static final String MANAGER = "kyma-mtls-egress";
    /**
     * On every object a run writes in istio-system for one namespace alone (the credential Secrets,
     * the DestinationRule that originates mTLS): that namespace. A run never overwrites or deletes
     * such an object of another namespace.
     */
    public static final String OWNER_LABEL = "kyma-mtls-egress/namespace";
    /** Where the gateways and their credentials live. */
    public static final String GATEWAY_NAMESPACE = "istio-system";
    /** Objects that are not ours, of which the steps set one field: they get no managed-by label. */
    private static final List<String> SHARED = List.of("client/03-istio-egress-gateway.yaml");

    /** Whether the resource exists already and belongs to others: the steps only patch one field of it. */
    public static boolean patchedOnly(RenderedResource rendered) {
        return SHARED.contains(rendered.template());
    }

    public static final String TELEMETRY_TEMPLATE = "client/04-telemetry.yaml";
    /** Our Telemetry in istio-system that turns on the egress gateway's access log. */
    public static final String TELEMETRY_NAME = "kyma-mtls-egress-access-log";
    public static final String ORIGINATE_MTLS_TEMPLATE = "client/12-destinationrule-originate-mtls.yaml";
    public static final String ISTIO_TEMPLATE = "client/03-istio-egress-gateway.yaml";

    private Manifests() {
    }

    public static List<RenderedResource> target(ExposeParameters p) {
        Map<String, Object> values = new HashMap<>();
        values.put("domain", p.domain());
        values.put("namespace", p.namespace());
        values.put("serviceName", p.serviceName());
        values.put("servicePort", p.servicePort());
        values.put("httpbinImage", p.httpbinImage());
        values.put("secretName", p.secretName());
        values.put("gatewayName", p.gatewayName());
        values.put("apiRuleName", p.apiRuleName());
        values.put("path", p.path());
        values.put("methods", p.methods());
        values.put("caCertBase64", p.server().caCertificateBase64());
        values.put("serverCertBase64", p.server().certificateBase64());
        values.put("serverKeyBase64", p.server().keyBase64());
        List<String> templates = new ArrayList<>(List.of("target/01-namespace.yaml"));
        if (p.workload()) {
            templates.addAll(List.of("target/02-httpbin-serviceaccount.yaml", "target/03-httpbin-service.yaml",
                    "target/04-httpbin-deployment.yaml"));
        }
        templates.addAll(List.of("target/05-secret.yaml", "target/06-gateway.yaml", "target/07-apirule.yaml"));
        return render(templates, values);
    }

    /** @param istioName the name of the Kyma Istio CR in kyma-system, found on the cluster */
    public static List<RenderedResource> client(EgressParameters p, String istioName) {
        Map<String, Object> values = new HashMap<>();
        values.put("domain", p.domain());
        values.put("namespace", p.namespace());
        values.put("secretName", p.secretName());
        values.put("serviceEntryName", p.serviceEntryName());
        values.put("originateRuleName", p.originateRuleName());
        values.put("curlImage", p.curlImage());
        values.put("istioName", istioName);
        values.put("caCertBase64", p.client().caCertificateBase64());
        values.put("clientCertBase64", p.client().certificateBase64());
        values.put("clientKeyBase64", p.client().keyBase64());
        List<String> templates = new ArrayList<>(List.of("client/01-namespace.yaml", "client/02-secret.yaml"));
        if (p.enableEgressGateway()) {
            templates.add(ISTIO_TEMPLATE);
        }
        if (p.accessLogging()) {
            templates.add(TELEMETRY_TEMPLATE);
        }
        if (p.curlWorkload()) {
            templates.addAll(List.of("client/05-curl-serviceaccount.yaml", "client/06-curl-service.yaml",
                    "client/07-curl-deployment.yaml"));
        }
        templates.addAll(List.of("client/08-serviceentry.yaml", "client/09-egress-gateway.yaml",
                "client/10-destinationrule-egressgateway.yaml", "client/11-virtualservice.yaml",
                ORIGINATE_MTLS_TEMPLATE));
        return render(templates, values);
    }

    /**
     * What the namespaces share on the client cluster, as the egress step applies it: the Istio CR's
     * egress gateway switch and the egress gateway's Telemetry (cleanup carries an earlier version's
     * record of them over with these).
     */
    public static RenderedResource istioSwitch(String istioName) {
        return render(List.of(ISTIO_TEMPLATE), Map.of("istioName", istioName)).get(0);
    }

    public static RenderedResource telemetry() {
        return render(List.of(TELEMETRY_TEMPLATE), Map.of()).get(0);
    }

    /** The namespace an object in istio-system belongs to (its owner label), or null. */
    public static String owner(GenericKubernetesResource resource) {
        Map<String, String> labels = resource.getMetadata().getLabels();
        return labels == null ? null : labels.get(OWNER_LABEL);
    }

    /** Whether the object carries our managed-by label. */
    public static boolean ours(GenericKubernetesResource resource) {
        Map<String, String> labels = resource.getMetadata().getLabels();
        return labels != null && MANAGER.equals(labels.get(MANAGED_BY_LABEL));
    }

    /** @param dnsAddresses the DNS servers pods may still reach, each allowed as a single address */
    public static List<RenderedResource> lock(LockParameters p, List<String> dnsAddresses) {
        List<Map<String, Object>> ipBlocks = new ArrayList<>();
        for (String address : dnsAddresses) {
            ipBlocks.add(Map.of("ipBlock", Map.of("cidr", address + (address.contains(":") ? "/128" : "/32"))));
        }
        Map<String, Object> values = new HashMap<>();
        values.put("namespace", p.namespace());
        values.put("dnsIpBlocks", ipBlocks);
        return render(List.of("lock/01-networkpolicy.yaml"), values);
    }

    private static List<RenderedResource> render(List<String> templates, Map<String, Object> values) {
        List<RenderedResource> rendered = new ArrayList<>();
        for (String template : templates) {
            GenericKubernetesResource resource = ManifestTemplate.load(template).render(values);
            if (!SHARED.contains(template)) {
                Map<String, String> labels = new LinkedHashMap<>();
                if (resource.getMetadata().getLabels() != null) {
                    labels.putAll(resource.getMetadata().getLabels());
                }
                labels.put(MANAGED_BY_LABEL, MANAGER);
                if (GATEWAY_NAMESPACE.equals(resource.getMetadata().getNamespace())
                        && !TELEMETRY_TEMPLATE.equals(template)) {
                    labels.put(OWNER_LABEL, String.valueOf(values.get("namespace")));
                }
                resource.getMetadata().setLabels(labels);
            }
            rendered.add(new RenderedResource(template, resource, "Secret".equals(resource.getKind())));
        }
        return List.copyOf(rendered);
    }
}
