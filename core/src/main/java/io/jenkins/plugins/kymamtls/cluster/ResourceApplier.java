package io.jenkins.plugins.kymamtls.cluster;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import io.jenkins.plugins.kymamtls.resources.Manifests;
import io.jenkins.plugins.kymamtls.resources.RenderedResource;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Server-side apply under one field manager: re-running converges without conflicts or
 * duplicates, and two builds applying the same resources agree on one owner.
 */
public final class ResourceApplier {

    public static final String FIELD_MANAGER = Manifests.MANAGER;

    private final KubernetesClient client;
    private final Consumer<String> log;
    private final ApiRetry retry;

    public ResourceApplier(KubernetesClient client, Consumer<String> log) {
        this(client, log, ApiRetry.Policy.DEFAULT);
    }

    public ResourceApplier(KubernetesClient client, Consumer<String> log, ApiRetry.Policy policy) {
        this.client = client;
        this.log = log;
        this.retry = new ApiRetry(policy, log);
    }

    /**
     * Before the first write, asks the API server whether the kubeconfig's user may apply each
     * resource (server-side apply needs {@code patch}, and {@code create} for an object that may not
     * be there yet) and refuses with every missing right named, so a step never stops half-applied for
     * want of a right it could have known about. One rules review per namespace answers most of it
     * ({@link AccessCheck}). An authorizer that gives no answer lets it go on.
     */
    public void checkAccess(List<RenderedResource> resources) {
        Map<String, List<String>> verbsByObject = new LinkedHashMap<>();
        for (AccessCheck.Right right : new AccessCheck(client, retry).denied(AccessCheck.needed(resources))) {
            verbsByObject.computeIfAbsent(right.words(), words -> new ArrayList<>()).add(right.verb());
        }
        if (!verbsByObject.isEmpty()) {
            List<String> denied = new ArrayList<>();
            verbsByObject.forEach((object, verbs) -> denied.add(String.join(" and ", verbs) + " " + object));
            throw new ClusterFailure("403 forbidden: the kubeconfig's user may not " + String.join("; ", denied)
                    + " (checked before any change: nothing was applied; grant these rights and run again)");
        }
    }

    public GenericKubernetesResource apply(RenderedResource rendered) {
        return apply(rendered, FIELD_MANAGER);
    }

    /**
     * Applies under a field manager of the caller's choice: what several namespaces share is applied
     * by each under its own, so the API server records who relies on which field.
     */
    public GenericKubernetesResource apply(RenderedResource rendered, String fieldManager) {
        GenericKubernetesResource resource = rendered.resource();
        ResourceDefinitionContext context = ResourceKinds.of(resource);
        String namespace = resource.getMetadata().getNamespace();
        GenericKubernetesResource applied = retry.call("apply", context, resource.getMetadata().getName(), namespace,
                () -> (namespace == null
                        ? client.genericKubernetesResources(context).resource(resource)
                        : client.genericKubernetesResources(context).inNamespace(namespace).resource(resource))
                        .fieldManager(fieldManager)
                        .forceConflicts()
                        .serverSideApply());
        log.accept("applied " + rendered.describe());
        return applied;
    }
}
