package io.jenkins.plugins.kymamtls.cluster;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.authorization.v1.ResourceRule;
import io.fabric8.kubernetes.api.model.authorization.v1.SelfSubjectAccessReview;
import io.fabric8.kubernetes.api.model.authorization.v1.SelfSubjectAccessReviewBuilder;
import io.fabric8.kubernetes.api.model.authorization.v1.SelfSubjectRulesReview;
import io.fabric8.kubernetes.api.model.authorization.v1.SelfSubjectRulesReviewBuilder;
import io.fabric8.kubernetes.api.model.authorization.v1.SubjectRulesReviewStatus;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import io.jenkins.plugins.kymamtls.resources.Manifests;
import io.jenkins.plugins.kymamtls.resources.RenderedResource;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Whether the kubeconfig's user may apply a set of resources, asked before the first write: one
 * SelfSubjectRulesReview per namespace the resources live in, read as the API server's RBAC
 * authorizer reads its rules, and a SelfSubjectAccessReview only for what those rules cannot answer.
 *
 * <p>Server-side apply needs {@code patch}, and {@code create} for an object that is not there yet
 * (the apply handler authorizes the create with the object's own scope, so creating a Namespace is a
 * cluster-wide right). A rules review lists the rules for one namespace: the cluster-wide ones and the
 * namespace's own, so it answers every right in that namespace, including {@code patch} on the
 * Namespace object of the same name (the request carries that namespace), but not a cluster-wide
 * {@code create}: that is one access review. A rule in the list allows for sure; a right no rule
 * allows is denied only when the review is complete. When an authorizer in the chain cannot list its
 * rules (a webhook: {@code status.incomplete}), or the server does not answer rules reviews, every
 * right the rules did not allow is asked for with an access review, as before.
 */
final class AccessCheck {

    /** One right: a verb on an object. */
    record Right(String verb, ResourceDefinitionContext kind, String namespace, String name) {
        String words() {
            return ResourceKinds.qualifiedPlural(kind) + " " + name + (namespace == null ? "" : " in " + namespace);
        }
    }

    private final KubernetesClient client;
    private final ApiRetry retry;

    AccessCheck(KubernetesClient client, ApiRetry retry) {
        this.client = client;
        this.retry = retry;
    }

    /** The rights a server-side apply of these resources needs, in their order. */
    static List<Right> needed(List<RenderedResource> resources) {
        List<Right> rights = new ArrayList<>();
        for (RenderedResource rendered : resources) {
            GenericKubernetesResource resource = rendered.resource();
            ResourceDefinitionContext kind = ResourceKinds.of(resource);
            // An object the step only patches (the Istio CR) is never created by it.
            for (String verb : Manifests.patchedOnly(rendered) ? List.of("patch") : List.of("patch", "create")) {
                rights.add(new Right(verb, kind, resource.getMetadata().getNamespace(), resource.getMetadata().getName()));
            }
        }
        return rights;
    }

    /** The rights among these the user does not have, in their order. */
    List<Right> denied(List<Right> rights) {
        Map<String, List<Right>> byNamespace = new LinkedHashMap<>();
        for (Right right : rights) {
            String scope = rulesScope(right);
            if (scope != null) {
                byNamespace.computeIfAbsent(scope, namespace -> new ArrayList<>()).add(right);
            }
        }
        Map<Right, Boolean> answers = new LinkedHashMap<>();
        for (Map.Entry<String, List<Right>> namespace : byNamespace.entrySet()) {
            SubjectRulesReviewStatus rules = rules(namespace.getKey());
            if (rules == null) {
                continue;
            }
            for (Right right : namespace.getValue()) {
                if (allows(rules.getResourceRules(), right)) {
                    answers.put(right, true);
                } else if (!Boolean.TRUE.equals(rules.getIncomplete())) {
                    answers.put(right, false);
                }
            }
        }
        List<Right> denied = new ArrayList<>();
        for (Right right : rights) {
            Boolean allowed = answers.containsKey(right) ? answers.get(right) : accessReview(right);
            if (Boolean.FALSE.equals(allowed)) {
                denied.add(right);
            }
        }
        return denied;
    }

    /**
     * The namespace whose rules answer this right, or null when only an access review can: a
     * namespaced object's own; a Namespace's name for {@code patch} on it.
     */
    static String rulesScope(Right right) {
        if (right.namespace() != null) {
            return right.namespace();
        }
        if (right.kind().getGroup().isEmpty() && right.kind().getPlural().equals("namespaces")
                && !right.verb().equals("create")) {
            return right.name();
        }
        return null;
    }

    /**
     * As the RBAC authorizer's {@code RuleAllows} (kubernetes {@code plugin/pkg/auth/authorizer/rbac/rbac.go},
     * with {@code VerbMatches}, {@code APIGroupMatches}, {@code ResourceMatches} and
     * {@code ResourceNameMatches} of {@code pkg/apis/rbac/v1/evaluation_helpers.go}): {@code *} matches
     * any verb, group or resource, and an empty list of names any name.
     */
    static boolean allows(List<ResourceRule> rules, Right right) {
        if (rules == null) {
            return false;
        }
        for (ResourceRule rule : rules) {
            if (matches(rule.getVerbs(), right.verb()) && matches(rule.getApiGroups(), right.kind().getGroup())
                    && matches(rule.getResources(), right.kind().getPlural())
                    && (rule.getResourceNames() == null || rule.getResourceNames().isEmpty()
                    || rule.getResourceNames().contains(right.name()))) {
                return true;
            }
        }
        return false;
    }

    private static boolean matches(List<String> allowed, String value) {
        return allowed != null && (allowed.contains("*") || allowed.contains(value));
    }

    /** The rules of one namespace; null when the server does not answer rules reviews. */
    private SubjectRulesReviewStatus rules(String namespace) {
        SelfSubjectRulesReview review = new SelfSubjectRulesReviewBuilder().withNewSpec().withNamespace(namespace)
                .endSpec().build();
        try {
            SelfSubjectRulesReview answer = retry.call("create", ResourceKinds.RULES_REVIEW, null, null,
                    () -> client.authorization().v1().selfSubjectRulesReview().create(review));
            return answer == null ? null : answer.getStatus();
        } catch (ClusterFailure notAnswered) {
            // Refused or not served: the access reviews answer instead.
            return null;
        }
    }

    /** True or false as the API server answers; null when no authorizer had an opinion. */
    private Boolean accessReview(Right right) {
        SelfSubjectAccessReview review = new SelfSubjectAccessReviewBuilder().withNewSpec().withNewResourceAttributes()
                .withGroup(right.kind().getGroup()).withResource(right.kind().getPlural())
                .withNamespace(right.namespace()).withName(right.name()).withVerb(right.verb())
                .endResourceAttributes().endSpec().build();
        SelfSubjectAccessReview answer = retry.call("create", ResourceKinds.ACCESS_REVIEW, null, null,
                () -> client.authorization().v1().selfSubjectAccessReview().create(review));
        return answer == null || answer.getStatus() == null ? null : answer.getStatus().getAllowed();
    }
}
