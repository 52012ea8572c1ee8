package io.jenkins.plugins.kymamtls.engine;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import io.jenkins.plugins.kymamtls.cluster.ApiErrors;
import io.jenkins.plugins.kymamtls.cluster.ResourceKinds;
import io.jenkins.plugins.kymamtls.input.InputChecks;
import io.jenkins.plugins.kymamtls.resources.EgressParameters;
import io.jenkins.plugins.kymamtls.resources.ExposeParameters;
import io.jenkins.plugins.kymamtls.resources.Manifests;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Removes what the steps created: in the namespace, every object of the steps' kinds that carries
 * our managed-by label; in istio-system, our Secrets and DestinationRule by name and label. The
 * Istio CR's egress gateway is switched off again only if the egress step switched it on. The
 * namespace itself stays: it may have held the user's things before.
 */
public final class CleanupEngine {

    /** Which step's resources to remove. */
    public enum Part { EXPOSE, EGRESS, LOCK }

    private static final Map<Part, List<String>> NAMESPACED_KINDS = Map.of(
            Part.EXPOSE, List.of("APIRule", "Gateway", "Deployment", "Service", "ServiceAccount"),
            Part.EGRESS, List.of("VirtualService", "DestinationRule", "Gateway", "ServiceEntry", "Deployment", "Service",
                    "ServiceAccount"),
            Part.LOCK, List.of("NetworkPolicy"));

    /** What was removed, in plain values. */
    public record Result(List<String> deleted, boolean egressGatewaySwitchedOff) {
    }

    public Result run(KubernetesClient client, String namespace, Set<Part> parts, String targetSecretName,
                      String clientSecretName, Consumer<String> log) {
        InputChecks.namespace("namespace", namespace);
        InputChecks.serviceName("secretName", targetSecretName);
        InputChecks.serviceName("clientSecretName", clientSecretName);
        List<String> deleted = new ArrayList<>();
        Set<String> kinds = new LinkedHashSet<>();
        for (Part part : EnumSet.copyOf(parts)) {
            kinds.addAll(NAMESPACED_KINDS.get(part));
        }
        for (String kind : kinds) {
            deleted.addAll(deleteLabelled(client, ResourceKinds.named(kind), namespace, log));
        }
        if (parts.contains(Part.EXPOSE)) {
            deleteOurs(client, ResourceKinds.named("Secret"), targetSecretName, deleted, log);
        }
        boolean switchedOff = false;
        if (parts.contains(Part.EGRESS)) {
            deleteOurs(client, ResourceKinds.named("Secret"), clientSecretName, deleted, log);
            deleteOurs(client, ResourceKinds.named("DestinationRule"), "originate-mtls-for-httpbin", deleted, log);
            switchedOff = switchOffEgressGatewayIfWeTurnedItOn(client, log);
        }
        return new Result(deleted, switchedOff);
    }

    /** Convenience for the defaults the steps use. */
    public Result run(KubernetesClient client, String namespace, Set<Part> parts, Consumer<String> log) {
        return run(client, namespace, parts, ExposeParameters.DEFAULT_SECRET, EgressParameters.DEFAULT_SECRET, log);
    }

    private static List<String> deleteLabelled(KubernetesClient client, ResourceDefinitionContext kind, String namespace,
                                               Consumer<String> log) {
        List<String> deleted = new ArrayList<>();
        try {
            List<GenericKubernetesResource> ours = client.genericKubernetesResources(kind).inNamespace(namespace)
                    .withLabel(Manifests.MANAGED_BY_LABEL, Manifests.MANAGER).list().getItems();
            for (GenericKubernetesResource resource : ours) {
                client.genericKubernetesResources(kind).inNamespace(namespace).withName(resource.getMetadata().getName())
                        .delete();
                String what = kind.getKind() + " " + resource.getMetadata().getName() + " in " + namespace;
                log.accept("deleted " + what);
                deleted.add(what);
            }
        } catch (KubernetesClientException e) {
            throw ApiErrors.describe(e, "delete", ResourceKinds.qualifiedPlural(kind), null, namespace);
        }
        return deleted;
    }

    private static void deleteOurs(KubernetesClient client, ResourceDefinitionContext kind, String name,
                                   List<String> deleted, Consumer<String> log) {
        String namespace = EgressEngine.GATEWAY_NAMESPACE;
        try {
            GenericKubernetesResource existing = client.genericKubernetesResources(kind).inNamespace(namespace)
                    .withName(name).get();
            Map<String, String> labels = existing == null ? null : existing.getMetadata().getLabels();
            if (labels != null && Manifests.MANAGER.equals(labels.get(Manifests.MANAGED_BY_LABEL))) {
                client.genericKubernetesResources(kind).inNamespace(namespace).withName(name).delete();
                String what = kind.getKind() + " " + name + " in " + namespace;
                log.accept("deleted " + what);
                deleted.add(what);
            }
        } catch (KubernetesClientException e) {
            throw ApiErrors.describe(e, "delete", ResourceKinds.qualifiedPlural(kind), name, namespace);
        }
    }

    private static boolean switchOffEgressGatewayIfWeTurnedItOn(KubernetesClient client, Consumer<String> log) {
        List<GenericKubernetesResource> istios;
        try {
            istios = client.genericKubernetesResources(ResourceKinds.ISTIO).inNamespace(EgressEngine.ISTIO_NAMESPACE)
                    .list().getItems();
            for (GenericKubernetesResource istio : istios) {
                Map<String, String> annotations = istio.getMetadata().getAnnotations();
                if (annotations != null && annotations.containsKey(EgressEngine.ENABLED_BY_ANNOTATION)) {
                    String patch = "{\"metadata\":{\"annotations\":{\"" + EgressEngine.ENABLED_BY_ANNOTATION
                            + "\":null}},\"spec\":{\"components\":{\"egressGateway\":{\"enabled\":false}}}}";
                    client.genericKubernetesResources(ResourceKinds.ISTIO).inNamespace(EgressEngine.ISTIO_NAMESPACE)
                            .withName(istio.getMetadata().getName())
                            .patch(PatchContext.of(PatchType.JSON_MERGE), patch);
                    log.accept("switched the egress gateway off again in Istio " + istio.getMetadata().getName());
                    return true;
                }
            }
        } catch (KubernetesClientException e) {
            throw ApiErrors.describe(e, "patch", ResourceKinds.qualifiedPlural(ResourceKinds.ISTIO), null,
                    EgressEngine.ISTIO_NAMESPACE);
        }
        return false;
    }
}
