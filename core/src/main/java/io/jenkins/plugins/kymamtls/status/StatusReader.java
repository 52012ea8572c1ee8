package io.jenkins.plugins.kymamtls.status;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import io.jenkins.plugins.kymamtls.cluster.ApiRetry;
import io.jenkins.plugins.kymamtls.cluster.ResourceKinds;
import io.jenkins.plugins.kymamtls.engine.EgressEngine;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Reads what is deployed, and only reads: the ingress gateway's credential Secret and the Gateways
 * naming it on the target cluster; the egress gateway's client Secret and our DestinationRule
 * naming it on the client cluster. With the namespace given, the rules of {@code kyma-mtls rbac}
 * for that namespace are enough.
 */
public final class StatusReader {

    private final KubernetesClient client;
    private final ApiRetry retry;

    public StatusReader(KubernetesClient client, Consumer<String> log) {
        this.client = client;
        this.retry = new ApiRetry(ApiRetry.Policy.DEFAULT, log);
    }

    /** @param gatewayNamespace where to look for the Gateway; null for every namespace */
    public DeployedSecret target(String secretName, String gatewayNamespace) {
        Map<String, String> data = secret(secretName);
        List<String> referencedBy = new ArrayList<>();
        List<String> hosts = new ArrayList<>();
        for (GenericKubernetesResource gateway : list("Gateway", gatewayNamespace)) {
            for (Map<String, Object> server : maps(gateway.getAdditionalProperties().get("spec"), "servers")) {
                Object tls = server.get("tls");
                if (tls instanceof Map<?, ?> settings && secretName.equals(settings.get("credentialName"))) {
                    String name = "Gateway " + gateway.getMetadata().getNamespace() + "/" + gateway.getMetadata().getName()
                            + " (" + settings.get("mode") + ")";
                    if (!referencedBy.contains(name)) {
                        referencedBy.add(name);
                    }
                    if (server.get("hosts") instanceof List<?> named) {
                        named.forEach(host -> hosts.add(String.valueOf(host)));
                    }
                }
            }
        }
        return new DeployedSecret("target", EgressEngine.GATEWAY_NAMESPACE, secretName, data, referencedBy, hosts);
    }

    public DeployedSecret client(String secretName) {
        Map<String, String> data = secret(secretName);
        List<String> referencedBy = new ArrayList<>();
        Map<String, List<String>> subjectAltNames = new java.util.TreeMap<>();
        // Whichever DestinationRule in istio-system names the Secret: this namespace's own
        // (originate-mtls-<namespace>), or the tutorial's name that an earlier version wrote.
        List<GenericKubernetesResource> found = list("DestinationRule", EgressEngine.GATEWAY_NAMESPACE);
        for (GenericKubernetesResource rule : found) {
            Object spec = rule.getAdditionalProperties().get("spec");
            List<Map<String, Object>> policies = new ArrayList<>();
            if (spec instanceof Map<?, ?> fields && fields.get("trafficPolicy") instanceof Map<?, ?> policy) {
                policies.add(cast(policy));
                policies.addAll(maps(policy, "portLevelSettings"));
            }
            for (Map<String, Object> policy : policies) {
                if (policy.get("tls") instanceof Map<?, ?> tls && secretName.equals(tls.get("credentialName"))) {
                    referencedBy.add("DestinationRule " + rule.getMetadata().getNamespace() + "/"
                            + rule.getMetadata().getName() + " (" + tls.get("mode") + ")");
                    if (spec instanceof Map<?, ?> fields && fields.get("host") instanceof String host) {
                        List<String> names = new ArrayList<>();
                        if (tls.get("subjectAltNames") instanceof List<?> given) {
                            given.forEach(name -> names.add(String.valueOf(name)));
                        }
                        subjectAltNames.put(host, names);
                    }
                    break;
                }
            }
        }
        return new DeployedSecret("client", EgressEngine.GATEWAY_NAMESPACE, secretName, data, referencedBy, List.of(),
                subjectAltNames);
    }

    private Map<String, String> secret(String name) {
        String namespace = EgressEngine.GATEWAY_NAMESPACE;
        Secret secret = retry.call("get", ResourceKinds.named("Secret"), name, namespace,
                () -> client.secrets().inNamespace(namespace).withName(name).get());
        if (secret == null) {
            return null;
        }
        Map<String, String> data = new LinkedHashMap<>();
        if (secret.getData() != null) {
            secret.getData().forEach((key, value) -> data.put(key,
                    new String(Base64.getDecoder().decode(value), StandardCharsets.UTF_8)));
        }
        if (secret.getStringData() != null) {
            data.putAll(secret.getStringData());
        }
        return data;
    }

    /** A kind whose CRD is missing has no objects to find. */
    private List<GenericKubernetesResource> list(String kind, String namespace) {
        ResourceDefinitionContext context = ResourceKinds.named(kind);
        return retry.listIfInstalled(context, namespace, () -> namespace == null
                ? client.genericKubernetesResources(context).inAnyNamespace().list().getItems()
                : client.genericKubernetesResources(context).inNamespace(namespace).list().getItems())
                .orElse(List.of());
    }

    private static List<Map<String, Object>> maps(Object parent, String field) {
        List<Map<String, Object>> found = new ArrayList<>();
        if (parent instanceof Map<?, ?> fields && fields.get(field) instanceof List<?> items) {
            for (Object item : items) {
                if (item instanceof Map<?, ?> map) {
                    found.add(cast(map));
                }
            }
        }
        return found;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> cast(Map<?, ?> map) {
        return (Map<String, Object>) map;
    }
}
