package io.jenkins.plugins.kymamtls.rbac;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.ServiceAccountBuilder;
import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBindingBuilder;
import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBuilder;
import io.fabric8.kubernetes.api.model.rbac.PolicyRule;
import io.fabric8.kubernetes.api.model.rbac.PolicyRuleBuilder;
import io.fabric8.kubernetes.api.model.rbac.RoleBindingBuilder;
import io.fabric8.kubernetes.api.model.rbac.RoleBuilder;
import io.fabric8.kubernetes.api.model.rbac.Subject;
import io.fabric8.kubernetes.api.model.rbac.SubjectBuilder;
import io.jenkins.plugins.kymamtls.input.InputChecks;
import io.jenkins.plugins.kymamtls.resources.ManifestTemplate;
import io.jenkins.plugins.kymamtls.resources.Manifests;
import io.jenkins.plugins.kymamtls.resources.Names;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The least a kubeconfig needs for the steps on one cluster, and nothing more: what each step
 * applies (server-side apply: patch, and create for a new object), what it waits for (get, list,
 * watch), what it verifies with (pods, exec, logs) and what cleanup deletes. Each rule says what it
 * is for. Checked against the sandbox's real API server: the steps pass with exactly these rules,
 * and fail with a 403 when any one is taken away.
 */
public final class AccessRules {

    /** Which cluster of the tutorial. */
    public enum Cluster { TARGET, CLIENT }

    /** One rule: where it applies (null: cluster-wide), on what, which verbs, and why. */
    public record Rule(String namespace, String group, String resource, List<String> resourceNames,
                       List<String> verbs, String why) {
    }

    private static final List<String> APPLY = List.of("create", "patch");
    /** Cleanup lists what is ours, deletes it and watches until it is gone. */
    private static final List<String> APPLY_AND_CLEAN = List.of("create", "patch", "list", "watch", "delete");
    /** For one named object: get to see whether it is ours; list and watch (by name) until it is gone. */
    private static final List<String> APPLY_AND_CLEAN_NAMED = List.of("create", "patch", "get", "list", "watch",
            "delete");

    private AccessRules() {
    }

    public static List<Rule> rules(Cluster cluster, String namespace) {
        InputChecks.namespace("namespace", namespace);
        List<Rule> rules = new ArrayList<>();
        rules.add(new Rule(null, "", "namespaces", List.of(namespace), APPLY,
                "apply the step's namespace (with istio-injection=enabled)"));
        if (cluster == Cluster.TARGET) {
            rules.add(new Rule(namespace, "", "serviceaccounts", List.of(), APPLY_AND_CLEAN,
                    "apply and clean up the httpbin ServiceAccount"));
            rules.add(new Rule(namespace, "", "services", List.of(), APPLY_AND_CLEAN,
                    "apply and clean up the httpbin Service"));
            rules.add(new Rule(namespace, "apps", "deployments", List.of(), List.of("create", "patch", "get", "list",
                    "watch", "delete"), "apply the httpbin Deployment, wait until it is available, clean it up"));
            rules.add(new Rule(namespace, "networking.istio.io", "gateways", List.of(), APPLY_AND_CLEAN,
                    "apply and clean up the MUTUAL Gateway"));
            rules.add(new Rule(namespace, "gateway.kyma-project.io", "apirules", List.of(), List.of("create", "patch",
                    "get", "list", "watch", "delete"), "apply the APIRule, wait until it is Ready, clean it up"));
            rules.add(new Rule("istio-system", "", "secrets", List.of(Names.targetSecret(namespace)), APPLY_AND_CLEAN_NAMED,
                    "the gateway's credential Secret: apply, and delete it in cleanup if it is ours"));
            return rules;
        }
        rules.add(new Rule("kyma-system", "operator.kyma-project.io", "istios", List.of(), List.of("get", "list",
                "watch", "patch"), "find the Istio CR, switch the egress gateway on (and off in cleanup), wait for Ready"));
        rules.add(new Rule("istio-system", "", "secrets", List.of(Names.clientSecret(namespace)), APPLY_AND_CLEAN_NAMED,
                "the client credential Secret: apply, and delete it in cleanup if it is ours"));
        rules.add(new Rule("istio-system", "networking.istio.io", "destinationrules", List.of(),
                List.of("create", "patch", "get", "list", "watch", "delete"),
                "the DestinationRule that originates mTLS: find the one for the host (one per host), apply this"
                        + " namespace's, delete it in cleanup"));
        rules.add(new Rule("istio-system", "telemetry.istio.io", "telemetries", List.of(Manifests.TELEMETRY_NAME),
                APPLY_AND_CLEAN_NAMED,
                "the egress gateway's access log: apply under this namespace's field manager, delete it with the last user"));
        rules.add(new Rule("istio-system", "apps", "deployments", List.of(), List.of("get", "list", "watch"),
                "wait until the istio-egressgateway Deployment is available"));
        rules.add(new Rule("istio-system", "", "pods", List.of(), List.of("list"),
                "find the egress gateway pods"));
        rules.add(new Rule("istio-system", "", "pods/log", List.of(), List.of("get"),
                "read the egress gateway's access log for the verification"));
        rules.add(new Rule(namespace, "", "serviceaccounts", List.of(), APPLY_AND_CLEAN,
                "apply and clean up the curl ServiceAccount"));
        rules.add(new Rule(namespace, "", "services", List.of(), APPLY_AND_CLEAN, "apply and clean up the curl Service"));
        rules.add(new Rule(namespace, "apps", "deployments", List.of(), List.of("create", "patch", "get", "list",
                "watch", "delete"), "apply the curl Deployment, wait until it is available, clean it up"));
        rules.add(new Rule(namespace, "networking.istio.io", "serviceentries", List.of(), APPLY_AND_CLEAN,
                "apply and clean up the ServiceEntry"));
        rules.add(new Rule(namespace, "networking.istio.io", "gateways", List.of(), APPLY_AND_CLEAN,
                "apply and clean up the egress Gateway"));
        rules.add(new Rule(namespace, "networking.istio.io", "destinationrules", List.of(), APPLY_AND_CLEAN,
                "apply and clean up the DestinationRule to the egress gateway"));
        rules.add(new Rule(namespace, "networking.istio.io", "virtualservices", List.of(), APPLY_AND_CLEAN,
                "apply and clean up the VirtualService"));
        rules.add(new Rule(namespace, "networking.k8s.io", "networkpolicies", List.of(), APPLY_AND_CLEAN,
                "apply and clean up the lock's NetworkPolicy"));
        rules.add(new Rule(namespace, "", "pods", List.of(), List.of("get", "list"),
                "find a ready curl pod and check its container before exec"));
        rules.add(new Rule(namespace, "", "pods/exec", List.of(), List.of("create", "get"),
                "run curl in the curl pod for the verifications"));
        rules.add(new Rule("kube-system", "", "services", List.of("kube-dns"), List.of("get"),
                "read the kube-dns ClusterIP the lock allows (not needed with dnsAddresses)"));
        return rules;
    }

    /**
     * The ServiceAccount, Roles, ClusterRole and bindings for these rules, as YAML for
     * {@code kubectl apply -f}, each document preceded by what its rules are for.
     */
    public static String yaml(Cluster cluster, String namespace, String serviceAccount, String serviceAccountNamespace) {
        return yaml(cluster, namespace, serviceAccount, serviceAccountNamespace, rules(cluster, namespace));
    }

    /** The same for a chosen set of rules (tests take one away at a time). */
    public static String yaml(Cluster cluster, String namespace, String serviceAccount, String serviceAccountNamespace,
                              List<Rule> rules) {
        InputChecks.serviceName("serviceAccount", serviceAccount);
        InputChecks.namespace("serviceAccountNamespace", serviceAccountNamespace);
        String name = roleName(cluster, namespace);
        Subject subject = new SubjectBuilder().withKind("ServiceAccount").withName(serviceAccount)
                .withNamespace(serviceAccountNamespace).build();
        StringBuilder out = new StringBuilder("# Least-privilege access for the kyma-mtls steps on the "
                + cluster.name().toLowerCase(java.util.Locale.ROOT) + " cluster, namespace " + namespace + ".\n");
        // Roles live in the namespace, so it must exist before the steps run; they then only label it.
        document(out, List.of("the namespace the steps work in, made first so its Role can be bound"),
                new NamespaceBuilder().withNewMetadata().withName(namespace).endMetadata().build());
        document(out, List.of("the identity the kubeconfig below uses"), new ServiceAccountBuilder().withNewMetadata()
                .withName(serviceAccount).withNamespace(serviceAccountNamespace).endMetadata().build());
        Map<String, List<Rule>> byNamespace = new LinkedHashMap<>();
        for (Rule rule : rules) {
            byNamespace.computeIfAbsent(rule.namespace() == null ? "" : rule.namespace(), key -> new ArrayList<>()).add(rule);
        }
        for (Map.Entry<String, List<Rule>> entry : byNamespace.entrySet()) {
            List<String> why = entry.getValue().stream().map(rule -> rule.resource() + ": "
                    + String.join(", ", rule.verbs()) + ": " + rule.why()).toList();
            List<PolicyRule> policy = entry.getValue().stream().map(AccessRules::policyRule).toList();
            if (entry.getKey().isEmpty()) {
                document(out, why, new ClusterRoleBuilder().withNewMetadata().withName(name).endMetadata()
                        .withRules(policy).build());
                document(out, List.of("grants the ClusterRole above"), new ClusterRoleBindingBuilder().withNewMetadata()
                        .withName(name).endMetadata().withNewRoleRef("rbac.authorization.k8s.io", "ClusterRole", name)
                        .withSubjects(subject).build());
            } else {
                document(out, why, new RoleBuilder().withNewMetadata().withName(name).withNamespace(entry.getKey())
                        .endMetadata().withRules(policy).build());
                document(out, List.of("grants the Role above"), new RoleBindingBuilder().withNewMetadata().withName(name)
                        .withNamespace(entry.getKey()).endMetadata()
                        .withNewRoleRef("rbac.authorization.k8s.io", "Role", name).withSubjects(subject).build());
            }
        }
        out.append("---\n# A kubeconfig for this ServiceAccount (fill in the server and its CA):\n")
                .append("#   TOKEN=$(kubectl -n ").append(serviceAccountNamespace).append(" create token ")
                .append(serviceAccount).append(" --duration 24h)\n")
                .append("#   apiVersion: v1\n#   kind: Config\n#   clusters:\n#   - name: kyma\n#     cluster:\n")
                .append("#       server: https://<api-server>\n#       certificate-authority-data: <base64 CA>\n")
                .append("#   users:\n#   - name: ").append(serviceAccount).append("\n#     user:\n#       token: <TOKEN>\n")
                .append("#   contexts:\n#   - name: kyma\n#     context: {cluster: kyma, user: ").append(serviceAccount)
                .append("}\n#   current-context: kyma\n");
        return out.toString();
    }

    /** The name of every Role, ClusterRole and binding this writes. */
    public static String roleName(Cluster cluster, String namespace) {
        return "kyma-mtls-" + cluster.name().toLowerCase(java.util.Locale.ROOT) + "-" + namespace;
    }

    static PolicyRule policyRule(Rule rule) {
        return new PolicyRuleBuilder().withApiGroups(rule.group()).withResources(rule.resource())
                .withResourceNames(rule.resourceNames().isEmpty() ? null : rule.resourceNames())
                .withVerbs(rule.verbs()).build();
    }

    private static void document(StringBuilder out, List<String> comments, HasMetadata resource) {
        out.append("---\n");
        for (String comment : comments) {
            out.append("# ").append(comment).append('\n');
        }
        String yaml = ManifestTemplate.asYaml(resource);
        out.append(yaml.startsWith("---\n") ? yaml.substring(4) : yaml);
    }
}
