package io.jenkins.plugins.kymamtls.engine;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceBuilder;
import io.fabric8.kubernetes.api.model.ManagedFieldsEntry;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import io.jenkins.plugins.kymamtls.cluster.ApiRetry;
import io.jenkins.plugins.kymamtls.cluster.ClusterFailure;
import io.jenkins.plugins.kymamtls.cluster.ResourceApplier;
import io.jenkins.plugins.kymamtls.cluster.ResourceKinds;
import io.jenkins.plugins.kymamtls.resources.Manifests;
import io.jenkins.plugins.kymamtls.resources.Names;
import io.jenkins.plugins.kymamtls.resources.RenderedResource;
import java.net.HttpURLConnection;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Consumer;

/**
 * What several client namespaces share, the Istio CR's egress gateway switch and the egress
 * gateway's Telemetry, is applied by each namespace under a field manager of its own
 * ({@link Names#sharedManager}). The API server's own bookkeeping then says who relies on a field:
 * two namespaces applying the same value both own it, and a namespace that lets go of it (an apply
 * without it) leaves it to the others; the value goes only with the last owner, and never while a
 * manager that is not ours (a user who switched the gateway on by hand) still owns it. Nothing here
 * reads a list, changes it and writes it back, so no interleaving of runs loses an update.
 */
final class SharedUse {

    /** Earlier versions listed the namespaces relying on the Istio CR's switch in this annotation. */
    static final String LEGACY_SWITCH_ANNOTATION = "kyma-mtls-egress/egress-gateway-enabled";
    /** Earlier versions listed the namespaces relying on the Telemetry in this annotation. */
    static final String LEGACY_USED_BY_ANNOTATION = "kyma-mtls-egress/used-by";

    private static final int ATTEMPTS = 5;

    private final KubernetesClient client;
    private final ApiRetry retry;
    private final ResourceApplier applier;
    private final Consumer<String> log;

    SharedUse(KubernetesClient client, ApiRetry retry, ResourceApplier applier, Consumer<String> log) {
        this.client = client;
        this.retry = retry;
        this.applier = applier;
        this.log = log;
    }

    /** The field of the Istio CR that a namespace's hold is about. */
    static final List<String> SWITCH_FIELD = List.of("spec", "components", "egressGateway", "enabled");
    /** The field of the Telemetry that a namespace's hold is about: what it selects. */
    static final List<String> TELEMETRY_FIELD = List.of("spec", "selector");

    /** The namespaces whose shared field manager owns the field. */
    static Set<String> holders(GenericKubernetesResource resource, List<String> field) {
        Set<String> holders = new TreeSet<>();
        for (ManagedFieldsEntry entry : managedFields(resource)) {
            String namespace = Names.namespaceOfManager(entry.getManager());
            if (namespace != null && owns(entry, field)) {
                holders.add(namespace);
            }
        }
        return holders;
    }

    /**
     * Field managers other than the namespaces' that own the field: a user who set it by hand, or an
     * earlier version's single manager whose record named nobody.
     */
    static Set<String> otherOwners(GenericKubernetesResource resource, List<String> field) {
        Set<String> others = new TreeSet<>();
        for (ManagedFieldsEntry entry : managedFields(resource)) {
            if (Names.namespaceOfManager(entry.getManager()) == null && owns(entry, field)) {
                others.add(entry.getManager());
            }
        }
        return others;
    }

    /** Whether the managed-fields entry owns the field (or something inside it). */
    private static boolean owns(ManagedFieldsEntry entry, List<String> field) {
        Object node = entry.getFieldsV1() == null ? null : entry.getFieldsV1().getAdditionalProperties();
        for (String step : field) {
            if (!(node instanceof Map<?, ?> map) || !map.containsKey("f:" + step)) {
                return false;
            }
            node = map.get("f:" + step);
        }
        return true;
    }

    private static List<ManagedFieldsEntry> managedFields(GenericKubernetesResource resource) {
        List<ManagedFieldsEntry> entries = resource == null ? null : resource.getMetadata().getManagedFields();
        return entries == null ? List.of() : entries;
    }

    private static String legacyKey(GenericKubernetesResource existing, String legacyKey) {
        Map<String, String> annotations = existing == null ? null : existing.getMetadata().getAnnotations();
        return annotations == null ? null : annotations.get(legacyKey);
    }

    /** Applies the shared resource as the namespace's own claim on it. */
    GenericKubernetesResource hold(RenderedResource shared, String namespace) {
        return applier.apply(shared, Names.sharedManager(namespace));
    }

    /**
     * Carries an earlier version's record (a list of namespaces in an annotation, written whole by
     * one manager) over to one field manager per namespace, then drops the old manager's hold and
     * the annotation. A list of {@code true} named nobody: that hold stays, so the value stays on.
     */
    boolean carryOverLegacy(GenericKubernetesResource existing, RenderedResource shared, String legacyKey) {
        String listed = legacyKey(existing, legacyKey);
        if (listed == null || listed.equals("true")) {
            return false;
        }
        Set<String> namespaces = new TreeSet<>();
        Arrays.stream(listed.split(",")).map(String::strip).filter(ns -> !ns.isEmpty()).forEach(namespaces::add);
        for (String namespace : namespaces) {
            hold(shared, namespace);
        }
        ResourceDefinitionContext kind = ResourceKinds.of(existing);
        String name = existing.getMetadata().getName();
        String where = existing.getMetadata().getNamespace();
        letGo(existing, Manifests.MANAGER);
        String patch = "{\"metadata\":{\"annotations\":{\"" + legacyKey + "\":null}}}";
        retry.run("patch", kind, name, where, () -> client.genericKubernetesResources(kind).inNamespace(where)
                .withName(name).patch(PatchContext.of(PatchType.JSON_MERGE), patch));
        log.accept("carried the earlier record of " + shared.describe() + " " + namespaces
                + " over to one field manager per namespace");
        return true;
    }

    /**
     * Lets go of the namespace's hold on the Istio CR's egress gateway switch. While anyone else holds
     * it, an apply under the namespace's manager that names no field; the last holder removes the
     * field itself with a merge patch that names the resourceVersion it decided on (an apply would
     * leave the emptied map as null, which the CRD refuses), so that a namespace taking hold at that
     * moment makes the patch fail with 409 and the decision is taken again.
     *
     * @param read the Istio CR as just read, or null to read it; read again after a conflict
     * @return the Istio CR as it is after, or null when the namespace held nothing
     */
    GenericKubernetesResource releaseSwitch(ResourceDefinitionContext kind, String where, String name,
                                            String namespace, GenericKubernetesResource read) {
        for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
            GenericKubernetesResource existing = attempt == 1 && read != null ? read : get(kind, where, name);
            if (existing == null || !holders(existing, SWITCH_FIELD).contains(namespace)) {
                return null;
            }
            GenericKubernetesResource after = sharedWithOthers(existing, SWITCH_FIELD)
                    ? letGo(existing, Names.sharedManager(namespace))
                    : removeSwitchAt(kind, where, name, existing.getMetadata().getResourceVersion());
            if (after != null) {
                return after;
            }
            // Someone changed it since we read it: decide again on what it is now.
        }
        throw changing(kind, where, name, namespace);
    }

    private GenericKubernetesResource removeSwitchAt(ResourceDefinitionContext kind, String where, String name,
                                                    String resourceVersion) {
        String patch = "{\"metadata\":{\"resourceVersion\":\"" + resourceVersion + "\"},\"spec\":{\"components\":"
                + "{\"egressGateway\":{\"enabled\":null}}}}";
        return retry.call("patch", kind, name, where, () -> {
            try {
                return client.genericKubernetesResources(kind).inNamespace(where).withName(name)
                        .patch(PatchContext.of(PatchType.JSON_MERGE), patch);
            } catch (KubernetesClientException e) {
                if (e.getCode() == HttpURLConnection.HTTP_CONFLICT) {
                    return null;
                }
                throw e;
            }
        });
    }

    private static boolean sharedWithOthers(GenericKubernetesResource existing, List<String> field) {
        return holders(existing, field).size() > 1 || !otherOwners(existing, field).isEmpty();
    }

    /**
     * An apply under the manager that names no field: the manager gives up every field it held.
     * Null when that emptied an object the CRD needs (the map is left as null and refused with 422):
     * then this was the last hold after all, and the caller decides again.
     */
    private GenericKubernetesResource letGo(GenericKubernetesResource existing, String manager) {
        GenericKubernetesResource empty = minimal(existing);
        ResourceDefinitionContext kind = ResourceKinds.of(existing);
        String where = existing.getMetadata().getNamespace();
        return retry.call("apply", kind, empty.getMetadata().getName(), where, () -> {
            try {
                return client.genericKubernetesResources(kind).inNamespace(where).resource(empty).fieldManager(manager)
                        .forceConflicts().serverSideApply();
            } catch (KubernetesClientException e) {
                if (e.getCode() == 422) {
                    return null;
                }
                throw e;
            }
        });
    }

    /**
     * The Telemetry goes with the last namespace that relies on it, unless someone else's manager
     * owns what it selects. Deletes carry the resourceVersion they decided on, so an egress run that
     * takes hold in between makes the delete fail (409) and the decision is made again.
     *
     * @return whether this call deleted it, and whether it is gone with that (see {@link Release})
     */
    Release releaseOrDelete(ResourceDefinitionContext kind, String where, String name, String namespace,
                            RenderedResource shared, String legacyKey) {
        boolean letGoOf = false;
        for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
            GenericKubernetesResource existing = get(kind, where, name);
            if (existing != null && legacyKey != null && legacyKey(existing, legacyKey) != null) {
                carryOverLegacy(existing, shared, legacyKey);
                existing = get(kind, where, name);
            }
            if (existing == null || !letGoOf && !holders(existing, TELEMETRY_FIELD).contains(namespace)) {
                return Release.KEPT;
            }
            if (!letGoOf && sharedWithOthers(existing, TELEMETRY_FIELD)) {
                GenericKubernetesResource after = letGo(existing, Names.sharedManager(namespace));
                if (after == null) {
                    continue;
                }
                letGoOf = true;
                existing = after;
            }
            if (!holders(existing, TELEMETRY_FIELD).stream().allMatch(namespace::equals)
                    || !otherOwners(existing, TELEMETRY_FIELD).isEmpty()) {
                log.accept(describe(kind, where, name) + " stays: " + stillUsedBy(existing, TELEMETRY_FIELD));
                return Release.KEPT;
            }
            // No one else holds it (the others may have let go at the same moment): this namespace
            // deletes it, at the version it decided on.
            if (deleteAt(kind, where, name, existing.getMetadata().getResourceVersion())) {
                return Release.of(existing);
            }
            // Someone applied it since: decide again on what it is now.
        }
        throw changing(kind, where, name, namespace);
    }

    /** What a release did with a shared object. */
    enum Release {
        /** Another namespace or manager still holds it, or this one held nothing. */
        KEPT,
        /** Deleted at a version without finalizers: gone when the delete answered. */
        GONE,
        /** Deleted at a version with finalizers: it goes when they are done. */
        FINALIZING;

        static Release of(GenericKubernetesResource deletedAt) {
            List<String> finalizers = deletedAt.getMetadata().getFinalizers();
            return finalizers == null || finalizers.isEmpty() ? GONE : FINALIZING;
        }
    }

    private static ClusterFailure changing(ResourceDefinitionContext kind, String where, String name, String namespace) {
        return new ClusterFailure("409 conflict: " + describe(kind, where, name) + " kept changing while namespace "
                + namespace + " let go of it (other runs write it at the same time); run the cleanup again");
    }

    static String stillUsedBy(GenericKubernetesResource resource, List<String> field) {
        Set<String> holders = holders(resource, field);
        Set<String> others = otherOwners(resource, field);
        String namespaces = holders.isEmpty() ? "" : "namespaces " + holders + " still rely on it";
        String own = others.isEmpty() ? "" : "field managers " + others + " set it too";
        return namespaces.isEmpty() ? own : own.isEmpty() ? namespaces : namespaces + "; " + own;
    }

    private boolean deleteAt(ResourceDefinitionContext kind, String where, String name, String resourceVersion) {
        return Boolean.TRUE.equals(retry.call("delete", kind, name, where, () -> {
            try {
                client.genericKubernetesResources(kind).inNamespace(where).withName(name)
                        .lockResourceVersion(resourceVersion).delete();
                return true;
            } catch (KubernetesClientException e) {
                if (e.getCode() == HttpURLConnection.HTTP_CONFLICT || e.getCode() == HttpURLConnection.HTTP_NOT_FOUND) {
                    return false;
                }
                throw e;
            }
        }));
    }

    private GenericKubernetesResource get(ResourceDefinitionContext kind, String where, String name) {
        return retry.call("get", kind, name, where,
                () -> client.genericKubernetesResources(kind).inNamespace(where).withName(name).get());
    }

    /** The object with no field but its identity: what an apply that lets go of everything sends. */
    static GenericKubernetesResource minimal(GenericKubernetesResource existing) {
        return new GenericKubernetesResourceBuilder().withApiVersion(existing.getApiVersion())
                .withKind(existing.getKind()).withNewMetadata().withName(existing.getMetadata().getName())
                .withNamespace(existing.getMetadata().getNamespace())
                .endMetadata().build();
    }

    private static String describe(ResourceDefinitionContext kind, String where, String name) {
        return kind.getKind() + " " + name + " in " + where;
    }
}
