package io.jenkins.plugins.kymamtls.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.ManagedFieldsEntry;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.jenkins.plugins.kymamtls.cluster.ClusterAccess;
import io.jenkins.plugins.kymamtls.cluster.ClusterFailure;
import io.jenkins.plugins.kymamtls.cluster.Readiness;
import io.jenkins.plugins.kymamtls.cluster.ResourceApplier;
import io.jenkins.plugins.kymamtls.cluster.ResourceKinds;
import io.jenkins.plugins.kymamtls.cluster.Waiter;
import io.jenkins.plugins.kymamtls.resources.ExposeParameters;
import io.jenkins.plugins.kymamtls.resources.LockParameters;
import io.jenkins.plugins.kymamtls.resources.Manifests;
import io.jenkins.plugins.kymamtls.resources.RenderedResource;
import io.jenkins.plugins.kymamtls.testing.SandboxCluster;
import io.jenkins.plugins.kymamtls.testing.TestCertificates;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * What only a real API server shows: field ownership under server-side apply, CRD schema
 * validation, RBAC refusals, 404 for a kind that is not installed, watches on objects that do not
 * exist yet. Each test uses a namespace of its own in the shared sandbox.
 */
@ExtendWith(SandboxCluster.Extension.class)
class SandboxApiServerTest {

    private static final String APIRULE_CRD = "apirules.gateway.kyma-project.io";

    @TempDir
    Path dir;

    private final List<String> log = new ArrayList<>();

    private List<RenderedResource> target(String namespace) {
        Path certs = TestCertificates.write(dir.resolve("certs"));
        return Manifests.target(ExposeParameters.builder(TestCertificates.DOMAIN, namespace,
                TestCertificates.server(certs)).build());
    }

    private static RenderedResource named(List<RenderedResource> resources, String kind) {
        return resources.stream().filter(r -> r.resource().getKind().equals(kind)).findFirst().orElseThrow();
    }

    @Test
    void aFieldTakenByAnotherManagerIsTakenBackAndTheirOwnFieldsStay(SandboxCluster sandbox) {
        String ns = "sandbox-owners";
        try (KubernetesClient client = sandbox.client()) {
            ResourceApplier applier = new ResourceApplier(client, log::add);
            List<RenderedResource> resources = target(ns);
            applier.apply(named(resources, "Namespace"));
            RenderedResource gateway = named(resources, "Gateway");
            applier.apply(gateway);

            // Someone else changes a field we own (forcing the conflict) and adds a label of their own.
            sandbox.kubectlOk("apply", "--server-side", "--field-manager=someone-else", "--force-conflicts",
                    "--filename=" + write("someone-else.yaml", """
                            apiVersion: networking.istio.io/v1
                            kind: Gateway
                            metadata:
                              name: kyma-mtls-gateway
                              namespace: %s
                              labels:
                                team: payments
                            spec:
                              selector:
                                app: istio-ingressgateway
                                istio: ingressgateway
                              servers:
                                - port: {number: 443, name: mtls, protocol: HTTPS}
                                  tls: {mode: SIMPLE, credentialName: kyma-mtls-certs}
                                  hosts: [other.mtls.test]
                            """.formatted(ns)));
            GenericKubernetesResource taken = get(client, ns);
            assertEquals("SIMPLE", tlsMode(taken));

            applier.apply(gateway);
            GenericKubernetesResource back = get(client, ns);
            assertEquals("MUTUAL", tlsMode(back), "our re-run takes the field back");
            assertEquals("payments", back.getMetadata().getLabels().get("team"), "their own label stays");
            assertEquals(Manifests.MANAGER, back.getMetadata().getLabels().get(Manifests.MANAGED_BY_LABEL));
            List<String> managers = back.getMetadata().getManagedFields().stream()
                    .filter(entry -> "Apply".equals(entry.getOperation())).map(ManagedFieldsEntry::getManager).sorted()
                    .toList();
            assertEquals(List.of(Manifests.MANAGER, "someone-else"), managers);
        }
    }

    @Test
    void anInvalidCustomResourceIsRefusedByTheCrdSchemaOnTheServer(SandboxCluster sandbox) {
        String ns = "sandbox-schema";
        try (KubernetesClient client = sandbox.client()) {
            ResourceApplier applier = new ResourceApplier(client, log::add);
            List<RenderedResource> resources = target(ns);
            applier.apply(named(resources, "Namespace"));
            RenderedResource gateway = named(resources, "Gateway");
            @SuppressWarnings("unchecked")
            Map<String, Object> server = ((List<Map<String, Object>>) ((Map<String, Object>) gateway.resource()
                    .getAdditionalProperties().get("spec")).get("servers")).get(0);
            server.put("tls", Map.of("mode", "SOMETIMES", "credentialName", "kyma-mtls-certs"));
            ClusterFailure refused = assertThrows(ClusterFailure.class, () -> applier.apply(gateway));
            assertTrue(refused.getMessage().startsWith("422 invalid: cannot apply gateways.networking.istio.io"
                    + " kyma-mtls-gateway in " + ns + ": "), refused.getMessage());
            assertTrue(refused.getMessage().contains("spec.servers[0].tls.mode"), refused.getMessage());
            assertTrue(refused.getMessage().contains("SOMETIMES"), refused.getMessage());
        }
    }

    @Test
    void aKubeconfigWithoutTheRightGets403NamingVerbResourceAndNamespace(SandboxCluster sandbox) {
        String ns = "sandbox-rbac";
        sandbox.kubectlOk("create", "namespace", ns);
        sandbox.kubectlOk("-n", ns, "create", "serviceaccount", "reader");
        sandbox.kubectlOk("-n", ns, "create", "deployment", "curl", "--image=curl", "--", "sleep", "infinity");
        sandbox.kubectlOk("-n", ns, "rollout", "status", "deployment/curl", "--timeout=60s");
        // Enough to find the curl pod and run curl in it, not to write the NetworkPolicy.
        sandbox.kubectlOk("-n", ns, "create", "role", "reader", "--verb=get,list,watch,create",
                "--resource=pods,pods/exec");
        sandbox.kubectlOk("-n", ns, "create", "role", "policy-reader", "--verb=get,list,watch",
                "--resource=networkpolicies.networking.k8s.io");
        sandbox.kubectlOk("-n", ns, "create", "rolebinding", "policy-reader", "--role=policy-reader",
                "--serviceaccount=" + ns + ":reader");
        sandbox.kubectlOk("-n", ns, "create", "rolebinding", "reader", "--role=reader", "--serviceaccount=" + ns + ":reader");
        String token = sandbox.kubectlOk("-n", ns, "create", "token", "reader").strip();
        String kubeconfig = sandbox.kubectlOk("config", "view", "--raw", "--minify", "-o", "yaml")
                .replaceAll("(?s)users:.*", "users:\n- name: sandbox-admin\n  user:\n    token: " + token + "\n");

        try (KubernetesClient limited = ClusterAccess.connect(kubeconfig, null, log::add);
             KubernetesClient admin = sandbox.client()) {
            // The step asks before its first write and names every missing right.
            ClusterFailure refused = assertThrows(ClusterFailure.class, () -> new LockEngine().run(limited,
                    LockParameters.builder(ns).dnsAddresses(List.of("10.96.0.10"))
                            .blockedUrl(sandbox.blockedUrl()).build(), log::add));
            assertEquals("403 forbidden: the kubeconfig's user may not patch and create"
                    + " networkpolicies.networking.k8s.io network-policy-allow-egress-traffic in " + ns
                    + " (checked before any change: nothing was applied; grant these rights and run again)",
                    refused.getMessage());

            // Expose may write in its namespace but not create namespaces nor the Secret in istio-system:
            // it stops before writing anything at all.
            sandbox.kubectlOk("-n", ns, "create", "role", "writer", "--verb=get,list,watch,create,patch",
                    "--resource=serviceaccounts,services,deployments.apps,gateways.networking.istio.io,"
                            + "apirules.gateway.kyma-project.io");
            sandbox.kubectlOk("-n", ns, "create", "rolebinding", "writer", "--role=writer",
                    "--serviceaccount=" + ns + ":reader");
            List<RenderedResource> expose = target(ns);
            ClusterFailure halfway = assertThrows(ClusterFailure.class, () -> new ExposeEngine().run(limited,
                    ExposeParameters.builder(TestCertificates.DOMAIN, ns, TestCertificates.server(dir.resolve("certs")))
                            .build(), io.jenkins.plugins.kymamtls.resources.ClientIdentity.fromDirectory(
                                    dir.resolve("certs"), TestCertificates.CLIENT), log::add));
            assertEquals("403 forbidden: the kubeconfig's user may not patch and create namespaces " + ns
                    + "; patch and create secrets kyma-mtls-certs-" + ns + " in istio-system (checked before any change:"
                    + " nothing was applied; grant these rights and run again)", halfway.getMessage());
            for (RenderedResource resource : expose) {
                String namespace = resource.resource().getMetadata().getNamespace();
                var kind = admin.genericKubernetesResources(ResourceKinds.of(resource.resource()));
                GenericKubernetesResource found = (namespace == null ? kind : kind.inNamespace(namespace))
                        .withName(resource.resource().getMetadata().getName()).get();
                boolean namespaceMadeByTheTest = resource.resource().getKind().equals("Namespace");
                assertTrue(namespaceMadeByTheTest ? found.getMetadata().getLabels().get(Manifests.MANAGED_BY_LABEL) == null
                        : found == null, resource.describe() + " was applied");
            }

            // Where nobody asked first, the API server's own refusal is one line naming verb, resource and namespace.
            ClusterFailure direct = assertThrows(ClusterFailure.class, () -> new ResourceApplier(limited, log::add)
                    .apply(Manifests.lock(LockParameters.builder(ns).build(), List.of("10.96.0.10")).get(0)));
            assertTrue(direct.getMessage().startsWith("403 forbidden: cannot apply networkpolicies.networking.k8s.io"
                    + " network-policy-allow-egress-traffic in " + ns + ": "), direct.getMessage());
            assertTrue(direct.getMessage().contains("system:serviceaccount:" + ns + ":reader"), direct.getMessage());
        }
        assertTrue(log.stream().noneMatch(line -> line.contains(token)), "the token reached the log");
    }

    @Test
    void cleanupOnAClusterWithoutTheApiRuleCrdDeletesTheRest(SandboxCluster sandbox) throws Exception {
        String ns = "sandbox-client-only";
        try (KubernetesClient client = sandbox.client()) {
            ResourceApplier applier = new ResourceApplier(client, log::add);
            List<RenderedResource> resources = target(ns);
            applier.apply(named(resources, "Namespace"));
            applier.apply(named(resources, "Service"));
            String crd = sandbox.kubectlOk("get", "crd", APIRULE_CRD, "-o", "yaml");
            sandbox.kubectlOk("delete", "crd", APIRULE_CRD, "--wait=true");
            // The API server stops serving a deleted CRD's resource a moment after the CRD is gone
            // (sooner on an idle server): wait for that, as a cluster without the CRD answers.
            long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(60);
            while (sandbox.kubectl("get", "apirules.gateway.kyma-project.io", "-A").succeeded()
                    && System.nanoTime() < deadline) {
                Thread.sleep(200);
            }
            try {
                CleanupEngine.Result result = new CleanupEngine().run(client, ns, EnumSet.allOf(CleanupEngine.Part.class),
                        log::add);
                assertEquals(List.of("Service httpbin in " + ns), result.deleted());
                assertTrue(log.contains("apirules.gateway.kyma-project.io is not installed on this cluster: nothing of"
                        + " that kind to delete"), log::toString);
            } finally {
                sandbox.kubectlOk("apply", "--server-side", "--filename=" + write("apirule-crd.yaml",
                        crd.replaceAll("(?m)^  (resourceVersion|uid|creationTimestamp|generation):.*\\n", "")));
                sandbox.kubectlOk("wait", "--for", "condition=Established", "--timeout", "60s", "crd", APIRULE_CRD);
            }
        }
    }

    /**
     * Objects without finalizers, deleted at the version the cleanup listed them at, are gone when the
     * delete answers: the cleanup lists each kind once and deletes, and sends nothing more to wait.
     */
    @Test
    void cleanupOfObjectsWithoutFinalizersSendsNothingAfterTheDeletes(SandboxCluster sandbox) throws Exception {
        String ns = "sandbox-plain-cleanup";
        try (KubernetesClient client = sandbox.client()) {
            ResourceApplier applier = new ResourceApplier(client, log::add);
            List<RenderedResource> resources = target(ns);
            for (String kind : List.of("Namespace", "ServiceAccount", "Service", "Deployment", "Gateway")) {
                applier.apply(named(resources, kind));
            }
            // The Deployment controller writes its status while the rollout goes on; a write between the
            // cleanup's list and its delete is the 409 path (deleted again and waited for), which
            // CleanupEngineTest.anObjectChangedSinceTheListIsDeletedAnywayAndWaitedFor covers. Here the
            // objects stay as listed.
            sandbox.kubectlOk("-n", ns, "rollout", "status", "deployment/httpbin", "--timeout=60s");
            java.time.Instant from = java.time.Instant.now();
            CleanupEngine.Result result = new CleanupEngine().run(client, new CleanupEngine.Parameters(ns,
                    EnumSet.of(CleanupEngine.Part.EXPOSE), null, null, 60), log::add);
            java.time.Instant to = java.time.Instant.now();
            assertEquals(4, result.deleted().size(), result::toString);
            for (String kind : List.of("serviceaccount", "service", "deployment", "gateways.networking.istio.io")) {
                assertEquals("", sandbox.kubectlOk("-n", ns, "get", kind, "-l",
                        Manifests.MANAGED_BY_LABEL + "=" + Manifests.MANAGER, "-o", "name").strip(), kind);
            }
            Thread.sleep(1500); // the audit log is written after the response
            SandboxCluster.Requests requests = sandbox.requests(from, to, "fabric8-kubernetes-client/");
            // Five kinds listed, the Secret in istio-system read, four deletes; no list or watch after them.
            assertEquals(new SandboxCluster.Requests(0, 4, 1, 5, 0, 0, 0), requests);
        }
    }

    @Test
    void cleanupWaitsUntilWhatItDeletedIsGoneAndNamesTheFinalizerThatHoldsIt(SandboxCluster sandbox) throws Exception {
        String ns = "sandbox-finalizer";
        try (KubernetesClient client = sandbox.client()) {
            ResourceApplier applier = new ResourceApplier(client, log::add);
            List<RenderedResource> resources = target(ns);
            applier.apply(named(resources, "Namespace"));
            applier.apply(named(resources, "Service"));
            sandbox.kubectlOk("-n", ns, "patch", "service", "httpbin", "--type=merge",
                    "--patch={\"metadata\":{\"finalizers\":[\"kyma-mtls.test/hold\"]}}");
            CleanupEngine.Parameters quick = new CleanupEngine.Parameters(ns, EnumSet.of(CleanupEngine.Part.EXPOSE),
                    "kyma-mtls-certs", "client-credential", 2);

            ClusterFailure held = assertThrows(ClusterFailure.class, () -> new CleanupEngine().run(client, quick,
                    log::add));
            assertTrue(held.getMessage().startsWith("timed out after 2 s waiting for Service httpbin in " + ns
                    + " to be gone: being deleted since "), held.getMessage());
            assertTrue(held.getMessage().contains("finalizers [kyma-mtls.test/hold]"), held.getMessage());

            // A re-run waits for it again, and ends as soon as the finalizer's owner lets it go.
            CompletableFuture<CleanupEngine.Result> rerun = CompletableFuture.supplyAsync(() -> new CleanupEngine()
                    .run(client, new CleanupEngine.Parameters(ns, EnumSet.of(CleanupEngine.Part.EXPOSE),
                            "kyma-mtls-certs", "client-credential", 60), log::add));
            Thread.sleep(2000);
            assertTrue(!rerun.isDone(), "cleanup ended while the Service was still there: " + log);
            sandbox.kubectlOk("-n", ns, "patch", "service", "httpbin", "--type=merge",
                    "--patch={\"metadata\":{\"finalizers\":null}}");
            assertEquals(List.of("Service httpbin in " + ns), rerun.get(60, TimeUnit.SECONDS).deleted());
            assertTrue(log.contains("Service httpbin in " + ns + " is gone"), log::toString);
            assertEquals("", sandbox.kubectlOk("-n", ns, "get", "service", "--ignore-not-found", "-o", "name").strip());
        }
    }

    @Test
    void aWaitThatStartsBeforeTheObjectExistsSeesItArriveAndBecomeReady(SandboxCluster sandbox) throws Exception {
        String ns = "sandbox-watch";
        try (KubernetesClient client = sandbox.client()) {
            ResourceApplier applier = new ResourceApplier(client, log::add);
            List<RenderedResource> resources = target(ns);
            applier.apply(named(resources, "Namespace"));
            CompletableFuture<GenericKubernetesResource> waited = CompletableFuture.supplyAsync(() ->
                    new Waiter(client, log::add).await(ResourceKinds.DEPLOYMENT, ns, "httpbin", Readiness::deployment,
                            Duration.ofSeconds(90), "Deployment httpbin in " + ns));
            Thread.sleep(2000);
            assertTrue(!waited.isDone(), "the wait ended before the Deployment existed: " + log);
            applier.apply(named(resources, "ServiceAccount"));
            applier.apply(named(resources, "Deployment"));
            GenericKubernetesResource ready = waited.get(100, TimeUnit.SECONDS);
            assertEquals(Readiness.State.READY, Readiness.deployment(ready).state());
        }
    }

    /**
     * A wait for what was just applied starts from the apply's answer: one watch from its
     * resourceVersion and no list while the Deployment rolls out; nothing at all once it is ready (a
     * re-run). Counted from the API server's audit log.
     */
    @Test
    void aWaitForWhatWasAppliedWatchesFromTheAppliedVersionWithoutAList(SandboxCluster sandbox) throws Exception {
        String ns = "sandbox-watch-applied";
        try (KubernetesClient client = sandbox.client()) {
            ResourceApplier applier = new ResourceApplier(client, log::add);
            List<RenderedResource> resources = target(ns);
            applier.apply(named(resources, "Namespace"));
            applier.apply(named(resources, "ServiceAccount"));
            GenericKubernetesResource applied = applier.apply(named(resources, "Deployment"));
            assertEquals(Readiness.State.WAITING, Readiness.deployment(applied).state(), "a new Deployment is not ready");
            java.time.Instant from = java.time.Instant.now();
            GenericKubernetesResource ready = new Waiter(client, log::add).awaitApplied(ResourceKinds.DEPLOYMENT,
                    applied, Readiness::deployment, Duration.ofSeconds(90), "Deployment httpbin in " + ns);
            java.time.Instant to = java.time.Instant.now();
            assertEquals(Readiness.State.READY, Readiness.deployment(ready).state());
            Thread.sleep(1500); // the audit log is written after the response
            SandboxCluster.Requests waited = sandbox.requests(from, to, "fabric8-kubernetes-client/");
            assertEquals(new SandboxCluster.Requests(0, 0, 0, 0, 1, 0, 0), waited, "one watch, no list");

            GenericKubernetesResource again = applier.apply(named(resources, "Deployment"));
            from = java.time.Instant.now();
            new Waiter(client, log::add).awaitApplied(ResourceKinds.DEPLOYMENT, again, Readiness::deployment,
                    Duration.ofSeconds(90), "Deployment httpbin in " + ns);
            to = java.time.Instant.now();
            Thread.sleep(1500);
            assertEquals(0, sandbox.requests(from, to, "fabric8-kubernetes-client/").total(),
                    "re-applied unchanged, the answer is ready: no request");
        }
    }

    @Test
    @SuppressWarnings("unchecked")
    void aWaitRidesOutAnApiServerRestart(SandboxCluster sandbox) throws Exception {
        String ns = "sandbox-restart";
        try (KubernetesClient client = sandbox.client()) {
            ResourceApplier applier = new ResourceApplier(client, log::add);
            List<RenderedResource> resources = target(ns);
            applier.apply(named(resources, "Namespace"));
            applier.apply(named(resources, "ServiceAccount"));
            // No node matches, so the Deployment cannot become available until the selector goes.
            RenderedResource deployment = named(resources, "Deployment");
            Map<String, Object> template = (Map<String, Object>) ((Map<String, Object>) deployment.resource()
                    .getAdditionalProperties().get("spec")).get("template");
            ((Map<String, Object>) template.get("spec")).put("nodeSelector", Map.of("kyma-sandbox/none", "true"));
            applier.apply(deployment);
            CompletableFuture<GenericKubernetesResource> waited = CompletableFuture.supplyAsync(() ->
                    new Waiter(client, log::add).await(ResourceKinds.DEPLOYMENT, ns, "httpbin", Readiness::deployment,
                            Duration.ofSeconds(150), "Deployment httpbin in " + ns));
            Thread.sleep(1000);
            sandbox.restartApiServer();
            assertTrue(!waited.isDone(), "the wait ended during the restart: " + log);
            sandbox.kubectlOk("-n", ns, "patch", "deployment", "httpbin", "--type=json",
                    "-p=[{\"op\":\"remove\",\"path\":\"/spec/template/spec/nodeSelector\"}]");
            GenericKubernetesResource ready = waited.get(140, TimeUnit.SECONDS);
            assertEquals(Readiness.State.READY, Readiness.deployment(ready).state());
        }
    }

    private static GenericKubernetesResource get(KubernetesClient client, String ns) {
        return client.genericKubernetesResources(ResourceKinds.named("Gateway")).inNamespace(ns)
                .withName("kyma-mtls-gateway").get();
    }

    @SuppressWarnings("unchecked")
    private static String tlsMode(GenericKubernetesResource gateway) {
        Map<String, Object> spec = (Map<String, Object>) gateway.getAdditionalProperties().get("spec");
        Map<String, Object> server = ((List<Map<String, Object>>) spec.get("servers")).get(0);
        return (String) ((Map<String, Object>) server.get("tls")).get("mode");
    }

    private String write(String name, String content) {
        try {
            return Files.writeString(dir.resolve(name), content).toString();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
