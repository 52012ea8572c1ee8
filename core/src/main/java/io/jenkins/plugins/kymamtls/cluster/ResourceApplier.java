package io.jenkins.plugins.kymamtls.cluster;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import io.jenkins.plugins.kymamtls.resources.Manifests;
import io.jenkins.plugins.kymamtls.resources.RenderedResource;
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

    public GenericKubernetesResource apply(RenderedResource rendered) {
        GenericKubernetesResource resource = rendered.resource();
        ResourceDefinitionContext context = ResourceKinds.of(resource);
        String namespace = resource.getMetadata().getNamespace();
        GenericKubernetesResource applied = retry.call("apply", context, resource.getMetadata().getName(), namespace,
                () -> (namespace == null
                        ? client.genericKubernetesResources(context).resource(resource)
                        : client.genericKubernetesResources(context).inNamespace(namespace).resource(resource))
                        .fieldManager(FIELD_MANAGER)
                        .forceConflicts()
                        .serverSideApply());
        log.accept("applied " + rendered.describe());
        return applied;
    }
}
