package io.jenkins.plugins.kymamtls.cluster;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import java.util.Map;

/**
 * The API path of every kind the steps touch, so no discovery request is needed before a write.
 */
public final class ResourceKinds {

    private static final Map<String, ResourceDefinitionContext> KINDS = Map.ofEntries(
            kind("", "v1", "Namespace", "namespaces", false),
            kind("", "v1", "Secret", "secrets", true),
            kind("", "v1", "ServiceAccount", "serviceaccounts", true),
            kind("", "v1", "Service", "services", true),
            kind("", "v1", "Pod", "pods", true),
            kind("apps", "v1", "Deployment", "deployments", true),
            kind("networking.k8s.io", "v1", "NetworkPolicy", "networkpolicies", true),
            kind("networking.istio.io", "v1", "Gateway", "gateways", true),
            kind("networking.istio.io", "v1", "VirtualService", "virtualservices", true),
            kind("networking.istio.io", "v1", "DestinationRule", "destinationrules", true),
            kind("networking.istio.io", "v1", "ServiceEntry", "serviceentries", true),
            kind("telemetry.istio.io", "v1", "Telemetry", "telemetries", true),
            kind("gateway.kyma-project.io", "v2", "APIRule", "apirules", true),
            kind("operator.kyma-project.io", "v1alpha2", "Istio", "istios", true),
            kind("authorization.k8s.io", "v1", "SelfSubjectAccessReview", "selfsubjectaccessreviews", false),
            kind("authorization.k8s.io", "v1", "SelfSubjectRulesReview", "selfsubjectrulesreviews", false));

    public static final ResourceDefinitionContext ISTIO = KINDS.get("Istio");
    public static final ResourceDefinitionContext TELEMETRY = KINDS.get("Telemetry");
    public static final ResourceDefinitionContext APIRULE = KINDS.get("APIRule");
    public static final ResourceDefinitionContext DEPLOYMENT = KINDS.get("Deployment");
    public static final ResourceDefinitionContext POD = KINDS.get("Pod");
    public static final ResourceDefinitionContext SERVICE = KINDS.get("Service");
    public static final ResourceDefinitionContext ACCESS_REVIEW = KINDS.get("SelfSubjectAccessReview");
    public static final ResourceDefinitionContext RULES_REVIEW = KINDS.get("SelfSubjectRulesReview");

    private ResourceKinds() {
    }

    private static Map.Entry<String, ResourceDefinitionContext> kind(String group, String version, String kind,
                                                                      String plural, boolean namespaced) {
        return Map.entry(kind, new ResourceDefinitionContext.Builder().withGroup(group).withVersion(version)
                .withKind(kind).withPlural(plural).withNamespaced(namespaced).build());
    }

    public static ResourceDefinitionContext named(String kind) {
        ResourceDefinitionContext context = KINDS.get(kind);
        if (context == null) {
            throw new IllegalStateException("No API path known for " + kind);
        }
        return context;
    }

    public static ResourceDefinitionContext of(GenericKubernetesResource resource) {
        ResourceDefinitionContext context = KINDS.get(resource.getKind());
        if (context == null || !apiVersion(context).equals(resource.getApiVersion())) {
            throw new IllegalStateException("No API path known for " + resource.getApiVersion() + " " + resource.getKind());
        }
        return context;
    }

    /** {@code gateways.networking.istio.io}, as kubectl and RBAC messages name resources. */
    public static String qualifiedPlural(ResourceDefinitionContext context) {
        return context.getGroup().isEmpty() ? context.getPlural() : context.getPlural() + "." + context.getGroup();
    }

    private static String apiVersion(ResourceDefinitionContext context) {
        return context.getGroup().isEmpty() ? context.getVersion() : context.getGroup() + "/" + context.getVersion();
    }
}
