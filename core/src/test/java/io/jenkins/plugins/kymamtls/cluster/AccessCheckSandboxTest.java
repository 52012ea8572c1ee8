package io.jenkins.plugins.kymamtls.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.jenkins.plugins.kymamtls.resources.ExposeParameters;
import io.jenkins.plugins.kymamtls.resources.Manifests;
import io.jenkins.plugins.kymamtls.resources.RenderedResource;
import io.jenkins.plugins.kymamtls.testing.SandboxCluster;
import io.jenkins.plugins.kymamtls.testing.TestCertificates;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The access check against the sandbox's real API server and RBAC authorizer, for a ServiceAccount
 * with Roles of its own: the rules reviews (one per namespace) and the one access review for the
 * cluster-wide right to create a Namespace name exactly the rights that are missing, and nothing is
 * asked twice. The requests are counted from the API server's audit log.
 */
@ExtendWith(SandboxCluster.Extension.class)
class AccessCheckSandboxTest {

    private static final String NS = "access-rules";

    @TempDir
    Path dir;

    private final List<String> log = new ArrayList<>();

    private KubernetesClient as(SandboxCluster sandbox, String account) throws Exception {
        sandbox.kubectlOk("-n", "default", "create", "serviceaccount", account);
        String token = sandbox.kubectlOk("-n", "default", "create", "token", account).strip();
        String admin = sandbox.kubectlOk("config", "view", "--raw", "--minify", "-o", "yaml");
        return ClusterAccess.connect(admin.replaceAll("(?s)users:.*",
                "users:\n- name: sandbox-admin\n  user:\n    token: " + token + "\n"), null, log::add);
    }

    private void apply(SandboxCluster sandbox, String yaml) throws Exception {
        sandbox.kubectlOk("apply", "--server-side", "--filename=" + Files.writeString(dir.resolve("rbac.yaml"), yaml));
    }

    private List<RenderedResource> target() {
        Path certs = TestCertificates.write(dir.resolve("certs"));
        return Manifests.target(ExposeParameters.builder(TestCertificates.DOMAIN, NS, TestCertificates.server(certs))
                .build());
    }

    @Test
    void rulesReviewsNameEveryMissingRightAndOnlyTheNamespaceCreateIsAnAccessReview(SandboxCluster sandbox)
            throws Exception {
        sandbox.kubectlOk("create", "namespace", NS);
        String account = "access-rules-user";
        // In the workload's namespace: everything but creating Gateways, and APIRules only by name.
        // In istio-system: Secrets may be patched, not created. Nothing cluster-wide.
        apply(sandbox, """
                apiVersion: rbac.authorization.k8s.io/v1
                kind: Role
                metadata: {name: access-rules, namespace: %1$s}
                rules:
                - apiGroups: [""]
                  resources: [namespaces, serviceaccounts, services]
                  verbs: ["*"]
                - apiGroups: [apps]
                  resources: ["*"]
                  verbs: [patch, create]
                - apiGroups: [networking.istio.io]
                  resources: [gateways]
                  verbs: [patch]
                - apiGroups: [gateway.kyma-project.io]
                  resources: [apirules]
                  resourceNames: [another-rule]
                  verbs: [patch, create]
                ---
                apiVersion: rbac.authorization.k8s.io/v1
                kind: RoleBinding
                metadata: {name: access-rules, namespace: %1$s}
                roleRef: {apiGroup: rbac.authorization.k8s.io, kind: Role, name: access-rules}
                subjects: [{kind: ServiceAccount, name: %2$s, namespace: default}]
                ---
                apiVersion: rbac.authorization.k8s.io/v1
                kind: Role
                metadata: {name: access-rules, namespace: istio-system}
                rules:
                - apiGroups: [""]
                  resources: [secrets]
                  verbs: [patch, get]
                ---
                apiVersion: rbac.authorization.k8s.io/v1
                kind: RoleBinding
                metadata: {name: access-rules, namespace: istio-system}
                roleRef: {apiGroup: rbac.authorization.k8s.io, kind: Role, name: access-rules}
                subjects: [{kind: ServiceAccount, name: %2$s, namespace: default}]
                """.formatted(NS, account));
        try (KubernetesClient client = as(sandbox, account)) {
            List<RenderedResource> resources = target();
            Instant from = Instant.now();
            ClusterFailure refused = assertThrows(ClusterFailure.class,
                    () -> new ResourceApplier(client, log::add).checkAccess(resources));
            Instant to = Instant.now();
            String secret = "kyma-mtls-certs-" + NS;
            assertEquals("403 forbidden: the kubeconfig's user may not create namespaces " + NS + "; create secrets "
                    + secret + " in istio-system; create gateways.networking.istio.io kyma-mtls-gateway in " + NS
                    + "; patch and create apirules.gateway.kyma-project.io httpbin in " + NS + " (checked before any"
                    + " change: nothing was applied; grant these rights and run again)", refused.getMessage());
            Thread.sleep(1500); // the audit log is written after the response
            SandboxCluster.Requests requests = sandbox.requests(from, to.plusMillis(500), "fabric8-kubernetes-client/");
            assertEquals(3, requests.accessChecks(), "a rules review for " + NS + " and for istio-system, an access"
                    + " review for creating the Namespace: " + requests);
            assertEquals(3, requests.total(), requests.toString());

            // The same rights granted cluster-wide (a ClusterRoleBinding): nothing is missing.
            apply(sandbox, """
                    apiVersion: rbac.authorization.k8s.io/v1
                    kind: ClusterRoleBinding
                    metadata: {name: access-rules-admin}
                    roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: cluster-admin}
                    subjects: [{kind: ServiceAccount, name: %s, namespace: default}]
                    """.formatted(account));
            new ResourceApplier(client, log::add).checkAccess(resources);
        } finally {
            sandbox.kubectl("delete", "clusterrolebinding", "access-rules-admin", "--ignore-not-found");
        }
    }

    @Test
    void ruleMatchingFollowsTheRbacAuthorizer() {
        var kind = ResourceKinds.named("Gateway");
        AccessCheck.Right patch = new AccessCheck.Right("patch", kind, "ns", "gw");
        var any = new io.fabric8.kubernetes.api.model.authorization.v1.ResourceRuleBuilder()
                .withVerbs("*").withApiGroups("*").withResources("*").build();
        var named = new io.fabric8.kubernetes.api.model.authorization.v1.ResourceRuleBuilder()
                .withVerbs("patch").withApiGroups("networking.istio.io").withResources("gateways")
                .withResourceNames("other").build();
        var otherGroup = new io.fabric8.kubernetes.api.model.authorization.v1.ResourceRuleBuilder()
                .withVerbs("patch").withApiGroups("").withResources("gateways").build();
        assertTrue(AccessCheck.allows(List.of(any), patch));
        assertTrue(!AccessCheck.allows(List.of(named, otherGroup), patch), "another name, another group");
        assertTrue(AccessCheck.allows(List.of(named), new AccessCheck.Right("patch", kind, "ns", "other")));
        assertTrue(!AccessCheck.allows(null, patch));
        var namespaces = ResourceKinds.named("Namespace");
        assertEquals("team", AccessCheck.rulesScope(new AccessCheck.Right("patch", namespaces, null, "team")),
                "patching a Namespace is authorized in that namespace");
        assertEquals(null, AccessCheck.rulesScope(new AccessCheck.Right("create", namespaces, null, "team")),
                "creating one is cluster-wide");
        assertEquals("ns", AccessCheck.rulesScope(patch));
    }
}
