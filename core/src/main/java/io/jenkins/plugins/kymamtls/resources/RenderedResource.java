package io.jenkins.plugins.kymamtls.resources;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;

/**
 * A resource ready to apply, with the template it came from.
 *
 * @param secret whether it holds key material (a Secret): written 0600 and never printed
 */
public record RenderedResource(String template, GenericKubernetesResource resource, boolean secret) {

    /** {@code Gateway kyma-mtls-gateway in ns}: what logs and errors name, never the content. */
    public String describe() {
        String namespace = resource.getMetadata().getNamespace();
        return resource.getKind() + " " + resource.getMetadata().getName()
                + (namespace == null ? "" : " in " + namespace);
    }

    @Override
    public String toString() {
        return describe();
    }
}
