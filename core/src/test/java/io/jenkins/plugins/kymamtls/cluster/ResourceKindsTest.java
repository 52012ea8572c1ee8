package io.jenkins.plugins.kymamtls.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import org.junit.jupiter.api.Test;

/** The API path of each kind the steps write, known without discovery, and refused for anything else. */
class ResourceKindsTest {

    private static GenericKubernetesResource object(String apiVersion, String kind) {
        GenericKubernetesResource resource = new GenericKubernetesResource();
        resource.setApiVersion(apiVersion);
        resource.setKind(kind);
        return resource;
    }

    @Test
    void kindsAreFoundByKindAndApiVersion() {
        ResourceDefinitionContext gateway = ResourceKinds.of(object("networking.istio.io/v1", "Gateway"));
        assertEquals("gateways", gateway.getPlural());
        assertTrue(gateway.isNamespaceScoped());
        assertSame(ResourceKinds.named("Gateway"), gateway);
        ResourceDefinitionContext namespace = ResourceKinds.of(object("v1", "Namespace"));
        assertFalse(namespace.isNamespaceScoped());
        assertEquals("v2", ResourceKinds.APIRULE.getVersion());
        assertEquals("v1alpha2", ResourceKinds.ISTIO.getVersion());
    }

    @Test
    void anotherVersionOrAnUnknownKindIsRefusedByName() {
        assertEquals("No API path known for networking.istio.io/v1beta1 Gateway", assertThrows(IllegalStateException.class,
                () -> ResourceKinds.of(object("networking.istio.io/v1beta1", "Gateway"))).getMessage());
        assertEquals("No API path known for v1 ConfigMap", assertThrows(IllegalStateException.class,
                () -> ResourceKinds.of(object("v1", "ConfigMap"))).getMessage());
        assertEquals("No API path known for ConfigMap", assertThrows(IllegalStateException.class,
                () -> ResourceKinds.named("ConfigMap")).getMessage());
    }

    @Test
    void resourcesAreNamedAsKubectlAndRbacNameThem() {
        assertEquals("gateways.networking.istio.io", ResourceKinds.qualifiedPlural(ResourceKinds.named("Gateway")));
        assertEquals("secrets", ResourceKinds.qualifiedPlural(ResourceKinds.named("Secret")));
        assertEquals("deployments.apps", ResourceKinds.qualifiedPlural(ResourceKinds.DEPLOYMENT));
    }
}
