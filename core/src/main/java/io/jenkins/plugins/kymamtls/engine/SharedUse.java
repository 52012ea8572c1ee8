package io.jenkins.plugins.kymamtls.engine;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import java.util.Arrays;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * What several client namespaces share, the Istio CR's egress gateway switch and the egress
 * gateway's Telemetry, records in an annotation which namespaces rely on it: cleaning one namespace
 * leaves it to the others, and the last one takes it away.
 */
final class SharedUse {

    /** On the Telemetry: the namespaces whose egress route relies on its access log. */
    static final String USED_BY_ANNOTATION = "kyma-mtls-egress/used-by";

    private SharedUse() {
    }

    /**
     * The namespaces listed under the key; empty when the object or the key is missing, or for the
     * value {@code true} that earlier versions wrote before namespaces were recorded.
     */
    static Set<String> users(GenericKubernetesResource resource, String key) {
        Set<String> users = new TreeSet<>();
        Map<String, String> annotations = resource == null ? null : resource.getMetadata().getAnnotations();
        String value = annotations == null ? null : annotations.get(key);
        if (value != null && !value.equals("true")) {
            Arrays.stream(value.split(",")).map(String::strip).filter(ns -> !ns.isEmpty()).forEach(users::add);
        }
        return users;
    }

    static boolean marked(GenericKubernetesResource resource, String key) {
        Map<String, String> annotations = resource == null ? null : resource.getMetadata().getAnnotations();
        return annotations != null && annotations.containsKey(key);
    }

    static String join(Set<String> users) {
        return String.join(",", new TreeSet<>(users));
    }
}
