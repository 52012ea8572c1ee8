package io.jenkins.plugins.kymamtls.engine;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import io.jenkins.plugins.kymamtls.cluster.ApiRetry;
import io.jenkins.plugins.kymamtls.cluster.ResourceKinds;
import io.jenkins.plugins.kymamtls.cluster.Waiter;
import io.jenkins.plugins.kymamtls.input.InputChecks;
import io.jenkins.plugins.kymamtls.input.InvalidInputException;
import io.jenkins.plugins.kymamtls.resources.EgressParameters;
import io.jenkins.plugins.kymamtls.resources.ExposeParameters;
import io.jenkins.plugins.kymamtls.resources.Manifests;
import io.jenkins.plugins.kymamtls.resources.Timeouts;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Removes what the steps created: in the namespace, every object of the steps' kinds that carries
 * our managed-by label; in istio-system, our Secrets and DestinationRule by name and label. The
 * Istio CR's egress gateway is switched off again only if the egress step switched it on. The
 * namespace itself stays: it may have held the user's things before. Cleanup waits until every
 * deleted object is gone (an APIRule's finalizer first removes what Kyma made for it), so a step
 * run right after it never applies to an object that is being deleted. Pods of a deleted
 * Deployment still terminate in the background; nothing applied later depends on them.
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

    /**
     * What to clean, checked before the cluster is contacted.
     *
     * @param readyTimeoutSeconds how long to wait for the deleted objects to be gone
     */
    public record Parameters(String namespace, Set<Part> parts, String secretName, String clientSecretName,
                             int readyTimeoutSeconds) {
        public Parameters {
            InputChecks.namespace("namespace", namespace);
            if (parts == null || parts.isEmpty()) {
                throw InvalidInputException.problem("parts", "is empty; expected " + PARTS_FORM);
            }
            parts = Set.copyOf(parts);
            InputChecks.serviceName("secretName", secretName);
            InputChecks.serviceName("clientSecretName", clientSecretName);
            InputChecks.timeoutSeconds("readyTimeout", readyTimeoutSeconds);
        }

        /** With the default wait for deleted objects to go. */
        public Parameters(String namespace, Set<Part> parts, String secretName, String clientSecretName) {
            this(namespace, parts, secretName, clientSecretName, Timeouts.DEFAULT_READY_SECONDS);
        }

        public Duration readyTimeout() {
            return Duration.ofSeconds(readyTimeoutSeconds);
        }
    }

    /** One object this cleanup deleted, to wait for. */
    private record Deleted(ResourceDefinitionContext kind, String namespace, String name) {
        String words() {
            return kind.getKind() + " " + name + " in " + namespace;
        }
    }

    static final String PARTS_FORM = "a comma-separated list of EXPOSE, EGRESS and LOCK";

    /** {@code "expose, lock"} as the parts it names, in any case; blank means all. */
    public static Set<Part> parts(String field, String list) {
        if (list == null || list.isBlank()) {
            return EnumSet.allOf(Part.class);
        }
        Set<Part> parts = EnumSet.noneOf(Part.class);
        for (String name : list.split(",")) {
            try {
                parts.add(Part.valueOf(name.strip().toUpperCase(Locale.ROOT)));
            } catch (IllegalArgumentException unknown) {
                throw new InvalidInputException(field, list, PARTS_FORM);
            }
        }
        return parts;
    }

    private final ApiRetry.Policy retryPolicy;

    public CleanupEngine() {
        this(ApiRetry.Policy.DEFAULT);
    }

    public CleanupEngine(ApiRetry.Policy retryPolicy) {
        this.retryPolicy = retryPolicy;
    }

    public Result run(KubernetesClient client, String namespace, Set<Part> parts, String targetSecretName,
                      String clientSecretName, Consumer<String> log) {
        return run(client, new Parameters(namespace, parts, targetSecretName, clientSecretName), log);
    }

    public Result run(KubernetesClient client, Parameters p, Consumer<String> log) {
        String namespace = p.namespace();
        Set<Part> parts = p.parts();
        String targetSecretName = p.secretName();
        String clientSecretName = p.clientSecretName();
        ApiRetry retry = new ApiRetry(retryPolicy, log);
        List<Deleted> deleted = new ArrayList<>();
        Set<String> kinds = new LinkedHashSet<>();
        for (Part part : EnumSet.copyOf(parts)) {
            kinds.addAll(NAMESPACED_KINDS.get(part));
        }
        for (String kind : kinds) {
            deleteLabelled(client, retry, ResourceKinds.named(kind), namespace, deleted, log);
        }
        if (parts.contains(Part.EXPOSE)) {
            deleteOurs(client, retry, ResourceKinds.named("Secret"), targetSecretName, deleted, log);
        }
        boolean switchedOff = false;
        if (parts.contains(Part.EGRESS)) {
            deleteOurs(client, retry, ResourceKinds.named("Secret"), clientSecretName, deleted, log);
            deleteOurs(client, retry, ResourceKinds.named("DestinationRule"), Manifests.ORIGINATE_MTLS_RULE, deleted, log);
            releaseTelemetry(client, retry, namespace, deleted, log);
            switchedOff = switchOffEgressGatewayIfWeTurnedItOn(client, retry, namespace, log);
        }
        awaitGone(client, deleted, p.readyTimeout(), log);
        return new Result(deleted.stream().map(Deleted::words).toList(), switchedOff);
    }

    /** All deletes were sent first, so the objects go in parallel; the wait shares one deadline. */
    private static void awaitGone(KubernetesClient client, List<Deleted> deleted, Duration timeout,
                                  Consumer<String> log) {
        Waiter waiter = new Waiter(client, log);
        long deadline = System.nanoTime() + timeout.toNanos();
        for (Deleted object : deleted) {
            waiter.awaitGone(object.kind(), object.namespace(), object.name(), deadline, timeout, object.words());
        }
    }

    /** Convenience for the defaults the steps use. */
    public Result run(KubernetesClient client, String namespace, Set<Part> parts, Consumer<String> log) {
        return run(client, namespace, parts, ExposeParameters.DEFAULT_SECRET, EgressParameters.DEFAULT_SECRET, log);
    }

    /** Nothing of a kind whose CRD is not installed is there to delete. */
    private static List<GenericKubernetesResource> listOrNotInstalled(ApiRetry retry, ResourceDefinitionContext kind,
                                                                      String namespace, Consumer<String> log,
                                                                      Supplier<List<GenericKubernetesResource>> list) {
        return retry.listIfInstalled(kind, namespace, list).orElseGet(() -> {
            log.accept(ResourceKinds.qualifiedPlural(kind) + " is not installed on this cluster: nothing of that kind"
                    + " to delete");
            return List.of();
        });
    }

    private static void deleteLabelled(KubernetesClient client, ApiRetry retry, ResourceDefinitionContext kind,
                                       String namespace, List<Deleted> deleted, Consumer<String> log) {
        List<GenericKubernetesResource> ours = listOrNotInstalled(retry, kind, namespace, log,
                () -> client.genericKubernetesResources(kind).inNamespace(namespace)
                        .withLabel(Manifests.MANAGED_BY_LABEL, Manifests.MANAGER).list().getItems());
        for (GenericKubernetesResource resource : ours) {
            delete(client, retry, new Deleted(kind, namespace, resource.getMetadata().getName()), deleted, log);
        }
    }

    private static void delete(KubernetesClient client, ApiRetry retry, Deleted object, List<Deleted> deleted,
                               Consumer<String> log) {
        retry.run("delete", object.kind(), object.name(), object.namespace(),
                () -> client.genericKubernetesResources(object.kind()).inNamespace(object.namespace())
                        .withName(object.name()).delete());
        log.accept("deleted " + object.words());
        deleted.add(object);
    }

    private static void deleteOurs(KubernetesClient client, ApiRetry retry, ResourceDefinitionContext kind, String name,
                                   List<Deleted> deleted, Consumer<String> log) {
        String namespace = EgressEngine.GATEWAY_NAMESPACE;
        // get answers null for a missing object and for a kind that is not installed.
        GenericKubernetesResource existing = retry.call("get", kind, name, namespace,
                () -> client.genericKubernetesResources(kind).inNamespace(namespace).withName(name).get());
        Map<String, String> labels = existing == null ? null : existing.getMetadata().getLabels();
        if (labels != null && Manifests.MANAGER.equals(labels.get(Manifests.MANAGED_BY_LABEL))) {
            delete(client, retry, new Deleted(kind, namespace, name), deleted, log);
        }
    }

    /** Our Telemetry for the egress gateway goes with the last namespace that relies on it. */
    private static void releaseTelemetry(KubernetesClient client, ApiRetry retry, String namespace, List<Deleted> deleted,
                                         Consumer<String> log) {
        String name = Manifests.TELEMETRY_NAME;
        GenericKubernetesResource telemetry = EgressEngine.telemetry(client, retry, name);
        Map<String, String> labels = telemetry == null ? null : telemetry.getMetadata().getLabels();
        if (labels == null || !Manifests.MANAGER.equals(labels.get(Manifests.MANAGED_BY_LABEL))) {
            return;
        }
        Set<String> users = SharedUse.users(telemetry, SharedUse.USED_BY_ANNOTATION);
        users.remove(namespace);
        if (users.isEmpty()) {
            deleteOurs(client, retry, ResourceKinds.TELEMETRY, name, deleted, log);
        } else {
            annotate(client, retry, ResourceKinds.TELEMETRY, EgressEngine.GATEWAY_NAMESPACE, name,
                    SharedUse.USED_BY_ANNOTATION, SharedUse.join(users));
            log.accept("Telemetry " + name + " in " + EgressEngine.GATEWAY_NAMESPACE + " stays: " + users
                    + " still use it");
        }
    }

    private static boolean switchOffEgressGatewayIfWeTurnedItOn(KubernetesClient client, ApiRetry retry,
                                                                String cleaned, Consumer<String> log) {
        String namespace = EgressEngine.ISTIO_NAMESPACE;
        List<GenericKubernetesResource> istios = listOrNotInstalled(retry, ResourceKinds.ISTIO, namespace, log,
                () -> client.genericKubernetesResources(ResourceKinds.ISTIO).inNamespace(namespace).list().getItems());
        for (GenericKubernetesResource istio : istios) {
            if (!SharedUse.marked(istio, EgressEngine.ENABLED_BY_ANNOTATION)) {
                continue;
            }
            String name = istio.getMetadata().getName();
            Set<String> users = SharedUse.users(istio, EgressEngine.ENABLED_BY_ANNOTATION);
            users.remove(cleaned);
            if (!users.isEmpty()) {
                annotate(client, retry, ResourceKinds.ISTIO, namespace, name, EgressEngine.ENABLED_BY_ANNOTATION,
                        SharedUse.join(users));
                log.accept("the egress gateway stays on in Istio " + name + ": " + users + " still use it");
                return false;
            }
            String patch = "{\"metadata\":{\"annotations\":{\"" + EgressEngine.ENABLED_BY_ANNOTATION
                    + "\":null}},\"spec\":{\"components\":{\"egressGateway\":{\"enabled\":false}}}}";
            retry.run("patch", ResourceKinds.ISTIO, name, namespace,
                    () -> client.genericKubernetesResources(ResourceKinds.ISTIO).inNamespace(namespace)
                            .withName(name).patch(PatchContext.of(PatchType.JSON_MERGE), patch));
            log.accept("switched the egress gateway off again in Istio " + name);
            return true;
        }
        return false;
    }

    private static void annotate(KubernetesClient client, ApiRetry retry, ResourceDefinitionContext kind,
                                 String namespace, String name, String key, String value) {
        String patch = "{\"metadata\":{\"annotations\":{\"" + key + "\":\"" + value + "\"}}}";
        retry.run("patch", kind, name, namespace, () -> client.genericKubernetesResources(kind).inNamespace(namespace)
                .withName(name).patch(PatchContext.of(PatchType.JSON_MERGE), patch));
    }
}
