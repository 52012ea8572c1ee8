package io.jenkins.plugins.kymamtls.engine;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import io.jenkins.plugins.kymamtls.cluster.ApiRetry;
import io.jenkins.plugins.kymamtls.cluster.ResourceApplier;
import io.jenkins.plugins.kymamtls.cluster.ResourceKinds;
import io.jenkins.plugins.kymamtls.cluster.Waiter;
import io.jenkins.plugins.kymamtls.input.InputChecks;
import io.jenkins.plugins.kymamtls.input.InvalidInputException;
import io.jenkins.plugins.kymamtls.resources.Manifests;
import io.jenkins.plugins.kymamtls.resources.Names;
import io.jenkins.plugins.kymamtls.resources.Timeouts;
import java.net.HttpURLConnection;
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
 * our managed-by label; in istio-system, what carries this namespace's owner label (its Secrets and
 * its DestinationRule), never another namespace's. What namespaces share (the Istio CR's egress
 * gateway switch, the Telemetry) is let go of under this namespace's field manager: it stays while
 * another namespace or someone's own setting holds it, and goes with the last one. The
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
            InputChecks.namespace("namespace", namespace);
            // Blank takes the namespace's own names, as the steps do.
            secretName = secretName == null || secretName.isBlank() ? Names.targetSecret(namespace)
                    : InputChecks.serviceName("secretName", secretName.strip());
            clientSecretName = clientSecretName == null || clientSecretName.isBlank() ? Names.clientSecret(namespace)
                    : InputChecks.serviceName("clientSecretName", clientSecretName.strip());
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

    /**
     * One object this cleanup deleted; {@code lingers} when it may still be there (it had finalizers,
     * or changed between the read and the delete), so the cleanup waits for it to go.
     */
    private record Deleted(ResourceDefinitionContext kind, String namespace, String name, boolean lingers) {
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
            deleteOwned(client, retry, ResourceKinds.named("Secret"), targetSecretName, namespace, deleted, log);
        }
        boolean switchedOff = false;
        if (parts.contains(Part.EGRESS)) {
            deleteOwned(client, retry, ResourceKinds.named("Secret"), clientSecretName, namespace, deleted, log);
            ResourceDefinitionContext rules = ResourceKinds.named("DestinationRule");
            List<GenericKubernetesResource> owned = listOrNotInstalled(retry, rules, Manifests.GATEWAY_NAMESPACE, log,
                    () -> client.genericKubernetesResources(rules).inNamespace(Manifests.GATEWAY_NAMESPACE)
                            .withLabel(Manifests.MANAGED_BY_LABEL, Manifests.MANAGER)
                            .withLabel(Manifests.OWNER_LABEL, namespace).list().getItems());
            for (GenericKubernetesResource rule : owned) {
                delete(client, retry, rules, rule, deleted, log);
            }
            SharedUse shared = new SharedUse(client, retry, new ResourceApplier(client, log, retryPolicy), log);
            releaseTelemetry(shared, namespace, deleted, log);
            switchedOff = releaseEgressGatewaySwitch(client, retry, shared, namespace, log);
        }
        awaitGone(client, deleted, p.readyTimeout(), log);
        return new Result(deleted.stream().map(Deleted::words).toList(), switchedOff);
    }

    /**
     * All deletes were sent first, so the objects go in parallel; the wait shares one deadline. An
     * object deleted at the version it was read at, without finalizers, was gone when the delete
     * answered (the API server removes it from storage before answering: kubernetes
     * {@code staging/src/k8s.io/apiserver/pkg/registry/generic/registry/store.go}, {@code Store.Delete}
     * with no graceful period and no pending finalizers, the propagation left in the background): it
     * costs no further request.
     */
    private static void awaitGone(KubernetesClient client, List<Deleted> deleted, Duration timeout,
                                  Consumer<String> log) {
        Waiter waiter = new Waiter(client, log);
        long deadline = System.nanoTime() + timeout.toNanos();
        for (Deleted object : deleted) {
            if (object.lingers()) {
                waiter.awaitGone(object.kind(), object.namespace(), object.name(), deadline, timeout, object.words());
            } else {
                log.accept(object.words() + " is gone");
            }
        }
    }

    /** Convenience for the defaults the steps use. */
    public Result run(KubernetesClient client, String namespace, Set<Part> parts, Consumer<String> log) {
        return run(client, namespace, parts, null, null, log);
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
            delete(client, retry, kind, resource, deleted, log);
        }
    }

    /**
     * Deletes the object at the version it was read at: without finalizers then, it is gone when the
     * delete answers. Changed since (409), it is deleted as it is now and waited for.
     */
    private static void delete(KubernetesClient client, ApiRetry retry, ResourceDefinitionContext kind,
                               GenericKubernetesResource read, List<Deleted> deleted, Consumer<String> log) {
        String namespace = read.getMetadata().getNamespace();
        String name = read.getMetadata().getName();
        List<String> finalizers = read.getMetadata().getFinalizers();
        String version = read.getMetadata().getResourceVersion();
        boolean atVersion = Boolean.TRUE.equals(retry.call("delete", kind, name, namespace, () -> {
            try {
                var resource = client.genericKubernetesResources(kind).inNamespace(namespace).withName(name);
                if (version == null) {
                    resource.delete();
                    return false;
                }
                resource.lockResourceVersion(version).delete();
                return true;
            } catch (KubernetesClientException e) {
                if (e.getCode() != HttpURLConnection.HTTP_CONFLICT) {
                    throw e;
                }
                client.genericKubernetesResources(kind).inNamespace(namespace).withName(name).delete();
                return false;
            }
        }));
        Deleted object = new Deleted(kind, namespace, name, !atVersion || finalizers != null && !finalizers.isEmpty());
        log.accept("deleted " + object.words());
        deleted.add(object);
    }

    /**
     * A Secret in istio-system goes only when it is this namespace's (its owner label); one of another
     * namespace, or one an earlier version wrote without an owner, stays, and the log says why.
     */
    private static void deleteOwned(KubernetesClient client, ApiRetry retry, ResourceDefinitionContext kind, String name,
                                    String namespace, List<Deleted> deleted, Consumer<String> log) {
        String where = Manifests.GATEWAY_NAMESPACE;
        // get answers null for a missing object and for a kind that is not installed.
        GenericKubernetesResource existing = retry.call("get", kind, name, where,
                () -> client.genericKubernetesResources(kind).inNamespace(where).withName(name).get());
        if (existing == null || !Manifests.ours(existing)) {
            return;
        }
        String owner = Manifests.owner(existing);
        String words = kind.getKind() + " " + name + " in " + where;
        if (namespace.equals(owner)) {
            delete(client, retry, kind, existing, deleted, log);
        } else if (owner != null) {
            log.accept("left " + words + ": it belongs to namespace " + owner);
        } else {
            log.accept("left " + words + ": an earlier version wrote it without recording its namespace, so it may"
                    + " serve another one; delete it by hand once no route uses it");
        }
    }

    /** Our Telemetry for the egress gateway goes with the last namespace that relies on it. */
    private static void releaseTelemetry(SharedUse shared, String namespace, List<Deleted> deleted,
                                         Consumer<String> log) {
        ResourceDefinitionContext kind = ResourceKinds.TELEMETRY;
        String name = Manifests.TELEMETRY_NAME;
        // get answers null for a missing Telemetry and for a cluster without the kind: nothing to do.
        SharedUse.Release release = shared.releaseOrDelete(kind, Manifests.GATEWAY_NAMESPACE, name, namespace,
                Manifests.telemetry(), SharedUse.LEGACY_USED_BY_ANNOTATION);
        if (release != SharedUse.Release.KEPT) {
            Deleted gone = new Deleted(kind, Manifests.GATEWAY_NAMESPACE, name, release == SharedUse.Release.FINALIZING);
            log.accept("deleted " + gone.words() + ": no namespace relies on it any more");
            deleted.add(gone);
        }
    }

    /**
     * Lets go of this namespace's hold on the Istio CR's egress gateway switch. The API server turns
     * the field off only when no other namespace, and no manager of someone else, still holds it.
     */
    private static boolean releaseEgressGatewaySwitch(KubernetesClient client, ApiRetry retry, SharedUse shared,
                                                      String cleaned, Consumer<String> log) {
        String namespace = EgressEngine.ISTIO_NAMESPACE;
        List<GenericKubernetesResource> istios = listOrNotInstalled(retry, ResourceKinds.ISTIO, namespace, log,
                () -> client.genericKubernetesResources(ResourceKinds.ISTIO).inNamespace(namespace).list().getItems());
        boolean switchedOff = false;
        for (GenericKubernetesResource istio : istios) {
            String name = istio.getMetadata().getName();
            boolean carried = shared.carryOverLegacy(istio, Manifests.istioSwitch(name),
                    SharedUse.LEGACY_SWITCH_ANNOTATION);
            boolean wasOn = Boolean.TRUE.equals(EgressEngine.egressGatewayEnabled(istio));
            // As listed, unless the carry-over just changed it.
            GenericKubernetesResource after = shared.releaseSwitch(ResourceKinds.ISTIO, namespace, name, cleaned,
                    carried ? null : istio);
            if (after == null) {
                continue;
            }
            if (wasOn && !Boolean.TRUE.equals(EgressEngine.egressGatewayEnabled(after))) {
                log.accept("switched the egress gateway off again in Istio " + name + ": no namespace relies on it");
                switchedOff = true;
            } else {
                log.accept("the egress gateway stays on in Istio " + name + ": "
                        + SharedUse.stillUsedBy(after, SharedUse.SWITCH_FIELD));
            }
        }
        return switchedOff;
    }
}
