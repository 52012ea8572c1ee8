package io.jenkins.plugins.kymamtls.resources;

/**
 * Names of what a run writes outside its own namespace (in istio-system), one per namespace by
 * default, so that teams sharing a pair of clusters never write to each other's objects with their
 * defaults. The tutorial's names stay available as explicit settings; an object under such a name
 * that belongs to another namespace is never overwritten (see the egress and expose engines).
 */
public final class Names {

    /** The tutorial's name of the ingress gateway's credential Secret. */
    public static final String TUTORIAL_TARGET_SECRET = "kyma-mtls-certs";
    /** The tutorial's name of the egress gateway's client credential Secret. */
    public static final String TUTORIAL_CLIENT_SECRET = "client-credential";
    /** The tutorial's name of the DestinationRule in istio-system that originates mTLS. */
    public static final String TUTORIAL_ORIGINATE_RULE = "originate-mtls-for-httpbin";

    private Names() {
    }

    /** The target's credential Secret of a namespace: {@code kyma-mtls-certs-<namespace>}. */
    public static String targetSecret(String namespace) {
        return TUTORIAL_TARGET_SECRET + "-" + namespace;
    }

    /** The client credential Secret of a namespace: {@code client-credential-<namespace>}. */
    public static String clientSecret(String namespace) {
        return TUTORIAL_CLIENT_SECRET + "-" + namespace;
    }

    /** The DestinationRule in istio-system of a namespace: {@code originate-mtls-<namespace>}. */
    public static String originateRule(String namespace) {
        return "originate-mtls-" + namespace;
    }

    /**
     * The field manager under which a namespace applies what namespaces share (the Istio CR's egress
     * gateway switch, the egress gateway's Telemetry): the API server then records, field by field,
     * which namespaces rely on a value and keeps it while any of them does.
     */
    public static String sharedManager(String namespace) {
        return Manifests.MANAGER + "/" + namespace;
    }

    /** The namespace a shared manager name stands for, or null for any other manager. */
    public static String namespaceOfManager(String manager) {
        String prefix = Manifests.MANAGER + "/";
        return manager != null && manager.startsWith(prefix) ? manager.substring(prefix.length()) : null;
    }

    /** A setting left blank takes the per-namespace default. */
    public static String orDefault(String given, String perNamespace) {
        return given == null || given.isBlank() ? perNamespace : given.strip();
    }
}
