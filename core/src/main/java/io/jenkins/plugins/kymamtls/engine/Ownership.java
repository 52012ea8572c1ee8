package io.jenkins.plugins.kymamtls.engine;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import io.jenkins.plugins.kymamtls.cluster.ApiRetry;
import io.jenkins.plugins.kymamtls.cluster.ClusterFailure;
import io.jenkins.plugins.kymamtls.cluster.ResourceKinds;
import io.jenkins.plugins.kymamtls.resources.Manifests;
import io.jenkins.plugins.kymamtls.resources.Names;
import io.jenkins.plugins.kymamtls.resources.RenderedResource;
import java.net.HttpURLConnection;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * Objects a run writes in istio-system for its namespace alone carry the owner label and are applied
 * under the namespace's own field manager, without forcing. Before the first write, each is looked
 * up: one of another namespace stops the run with one line naming the object, its owner and the
 * setting to change; one without an owner (an earlier version's, or someone's own) is adopted only
 * when it holds exactly what this run would write. Two runs racing for one name are told apart by
 * the API server: the second apply conflicts with the first one's field manager (409), the loser is
 * refused, and what it created in this claim is removed again.
 */
final class Ownership {

    /** How often an apply that conflicted is looked at and tried again. */
    private static final int ATTEMPTS = 3;

    private final KubernetesClient client;
    private final ApiRetry retry;
    private final Consumer<String> log;
    private final String namespace;

    Ownership(KubernetesClient client, ApiRetry retry, Consumer<String> log, String namespace) {
        this.client = client;
        this.retry = retry;
        this.log = log;
        this.namespace = namespace;
    }

    /** What to do with one object, and what stands in the way. */
    private record Verdict(Action action, GenericKubernetesResource existing, String refusal) {
    }

    private enum Action { CREATE, KEEP, ADOPT, REFUSE }

    /** The resources of a run that belong to its namespace alone and live outside it. */
    static List<RenderedResource> owned(List<RenderedResource> resources) {
        return resources.stream().filter(r -> Manifests.owner(r.resource()) != null).toList();
    }

    /**
     * Checks every owned resource before anything is written, then claims them.
     *
     * @param settings for each resource, the setting that names it, for the refusal's advice
     */
    void claim(List<RenderedResource> owned, Map<RenderedResource, String> settings) {
        Map<RenderedResource, Verdict> verdicts = new LinkedHashMap<>();
        List<String> refusals = new ArrayList<>();
        for (RenderedResource resource : owned) {
            Verdict verdict = verdict(resource, settings.get(resource));
            verdicts.put(resource, verdict);
            if (verdict.action() == Action.REFUSE) {
                refusals.add(verdict.refusal());
            }
        }
        if (!refusals.isEmpty()) {
            throw refused(refusals);
        }
        List<RenderedResource> created = new ArrayList<>();
        try {
            for (Map.Entry<RenderedResource, Verdict> entry : verdicts.entrySet()) {
                Verdict verdict = applyOrRefuse(entry.getKey(), entry.getValue(), settings.get(entry.getKey()));
                switch (verdict.action()) {
                    case CREATE -> created.add(entry.getKey());
                    case ADOPT -> {
                        letGoOfEarlierManager(verdict.existing());
                        log.accept("adopted " + entry.getKey().describe() + " for namespace " + namespace + ": written"
                                + " by an earlier version without an owner, and holding what this run writes");
                    }
                    default -> { }
                }
            }
        } catch (ClusterFailure lost) {
            for (RenderedResource resource : created) {
                deleteIfStillOurs(resource);
            }
            throw lost;
        }
    }

    private static ClusterFailure refused(List<String> refusals) {
        return new ClusterFailure("409 conflict: " + String.join("; ", refusals)
                + " (checked before any change: nothing was applied)");
    }

    /** The object as the API server has it now, or null. */
    private GenericKubernetesResource current(RenderedResource rendered) {
        GenericKubernetesResource wanted = rendered.resource();
        ResourceDefinitionContext kind = ResourceKinds.of(wanted);
        String name = wanted.getMetadata().getName();
        String where = wanted.getMetadata().getNamespace();
        return retry.call("get", kind, name, where,
                () -> client.genericKubernetesResources(kind).inNamespace(where).withName(name).get());
    }

    private Verdict verdict(RenderedResource rendered, String setting) {
        GenericKubernetesResource wanted = rendered.resource();
        GenericKubernetesResource existing = current(rendered);
        if (existing == null) {
            return new Verdict(Action.CREATE, null, null);
        }
        String owner = Manifests.owner(existing);
        if (namespace.equals(owner)) {
            return new Verdict(Action.KEEP, existing, null);
        }
        if (owner != null) {
            return new Verdict(Action.REFUSE, existing, rendered.describe() + " belongs to namespace " + owner
                    + "; set " + setting + " to a name of this namespace's own (left blank, it is "
                    + defaultHint(rendered) + ")");
        }
        if (Manifests.ours(existing) && sameContent(existing, wanted)) {
            return new Verdict(Action.ADOPT, existing, null);
        }
        return new Verdict(Action.REFUSE, existing, rendered.describe() + " exists without an owner namespace"
                + (Manifests.ours(existing) ? " (written by an earlier version)" : " (not written by these steps)")
                + " and holds something else than this run writes; set " + setting + " to a name of this"
                + " namespace's own (left blank, it is " + defaultHint(rendered) + "), or delete it once nothing"
                + " uses it");
    }

    private String defaultHint(RenderedResource rendered) {
        String kind = rendered.resource().getKind();
        if ("Secret".equals(kind)) {
            return rendered.template().startsWith("target/")
                    ? Names.targetSecret(namespace)
                    : Names.clientSecret(namespace);
        }
        return Names.originateRule(namespace);
    }

    /** The payload compared for adoption: a Secret's data and type, any other object's spec. */
    static boolean sameContent(GenericKubernetesResource existing, GenericKubernetesResource wanted) {
        if ("Secret".equals(wanted.getKind())) {
            return Objects.equals(existing.getAdditionalProperties().get("data"),
                    wanted.getAdditionalProperties().get("data"))
                    && Objects.equals(String.valueOf(existing.getAdditionalProperties().getOrDefault("type", "Opaque")),
                    String.valueOf(wanted.getAdditionalProperties().getOrDefault("type", "Opaque")));
        }
        // Earlier versions wrote the originate rule without the server-name check and the selector of
        // the egress gateway, which this run adds.
        return Objects.equals(withoutServerNameCheck(existing.getAdditionalProperties().get("spec")),
                withoutServerNameCheck(wanted.getAdditionalProperties().get("spec")));
    }

    private static Object withoutServerNameCheck(Object node) {
        if (node instanceof Map<?, ?> map) {
            Map<Object, Object> copy = new LinkedHashMap<>();
            map.forEach((key, value) -> {
                if (!"subjectAltNames".equals(key) && !"workloadSelector".equals(key)) {
                    copy.put(key, withoutServerNameCheck(value));
                }
            });
            return copy;
        }
        if (node instanceof List<?> list) {
            return list.stream().map(Ownership::withoutServerNameCheck).toList();
        }
        return node;
    }

    /**
     * Applies under the namespace's field manager without forcing: a field another namespace's
     * manager (or anyone else's) set to another value makes the API server answer 409 instead of
     * letting this run take the object over. Then the object is looked at again: another namespace's
     * by now is refused with the usual line; otherwise the apply is tried again, a few times.
     */
    private Verdict applyOrRefuse(RenderedResource rendered, Verdict verdict, String setting) {
        for (int attempt = 1; ; attempt++) {
            try {
                apply(rendered);
                return verdict;
            } catch (Lost lost) {
                verdict = verdict(rendered, setting);
                if (verdict.action() == Action.REFUSE) {
                    throw refused(List.of(verdict.refusal()));
                }
                if (attempt >= ATTEMPTS) {
                    throw new ClusterFailure("409 conflict: " + rendered.describe() + " kept being written by someone"
                            + " else while this run claimed it for namespace " + namespace + ": " + lost.getMessage()
                            + "; nothing of theirs was overwritten", lost.getCause());
                }
            }
        }
    }

    private void apply(RenderedResource rendered) {
        GenericKubernetesResource wanted = rendered.resource();
        ResourceDefinitionContext kind = ResourceKinds.of(wanted);
        String where = wanted.getMetadata().getNamespace();
        String name = wanted.getMetadata().getName();
        retry.call("apply", kind, name, where, () -> {
            try {
                return client.genericKubernetesResources(kind).inNamespace(where).resource(wanted)
                        .fieldManager(Names.sharedManager(namespace)).serverSideApply();
            } catch (KubernetesClientException e) {
                if (e.getCode() == HttpURLConnection.HTTP_CONFLICT) {
                    throw new Lost(e);
                }
                throw e;
            }
        });
        log.accept("applied " + rendered.describe() + " (namespace " + namespace + "'s own)");
    }

    /** The earlier version's manager gives up its fields, so this namespace's manager alone owns them. */
    private void letGoOfEarlierManager(GenericKubernetesResource existing) {
        GenericKubernetesResource empty = SharedUse.minimal(existing);
        ResourceDefinitionContext kind = ResourceKinds.of(existing);
        String where = existing.getMetadata().getNamespace();
        retry.call("apply", kind, empty.getMetadata().getName(), where, () -> client.genericKubernetesResources(kind)
                .inNamespace(where).resource(empty).fieldManager(Manifests.MANAGER).serverSideApply());
    }

    /** Undoes this claim's own creation after a later claim of the same run was refused. */
    private void deleteIfStillOurs(RenderedResource rendered) {
        GenericKubernetesResource existing = current(rendered);
        ResourceDefinitionContext kind = ResourceKinds.of(rendered.resource());
        String where = rendered.resource().getMetadata().getNamespace();
        String name = rendered.resource().getMetadata().getName();
        if (existing != null && namespace.equals(Manifests.owner(existing))) {
            retry.run("delete", kind, name, where,
                    () -> client.genericKubernetesResources(kind).inNamespace(where).withName(name).delete());
            log.accept("removed " + rendered.describe() + " again: this run was refused");
        }
    }

    /** An apply that conflicted: carried past {@link ApiRetry}, which would re-send a 409 at once. */
    private static final class Lost extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Lost(KubernetesClientException cause) {
            super(cause.getStatus() != null && cause.getStatus().getMessage() != null ? cause.getStatus().getMessage()
                    : "HTTP 409", cause, false, false);
        }
    }
}
