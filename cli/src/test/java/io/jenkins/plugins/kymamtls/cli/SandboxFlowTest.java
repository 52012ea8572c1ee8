package io.jenkins.plugins.kymamtls.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.ManagedFieldsEntry;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import io.jenkins.plugins.kymamtls.cluster.ResourceKinds;
import io.jenkins.plugins.kymamtls.resources.Manifests;
import io.jenkins.plugins.kymamtls.testing.SandboxCluster;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Locale;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's whole flow, as a user types it, against the sandbox's real API server: certs,
 * expose (verified over TLS against the stand-in MUTUAL gateway), egress (curl in the pod, through
 * the stand-in egress gateway), lock, a re-run that changes nothing, and cleanup.
 */
@ExtendWith(SandboxCluster.Extension.class)
class SandboxFlowTest {

    static final String DOMAIN = "httpbin.sandbox.test";
    static final String CLIENT = "client.sandbox.test";
    static final String TARGET_NS = "flow-target";
    static final String CLIENT_NS = "flow-client";
    static final List<String> KINDS = List.of("Namespace", "ServiceAccount", "Service", "Deployment", "Secret",
            "Gateway", "APIRule", "ServiceEntry", "DestinationRule", "VirtualService", "Telemetry", "NetworkPolicy", "Istio");

    @TempDir
    Path dir;

    private final List<Step> steps = new ArrayList<>();

    /** One command of the flow: when it ran, for the audit log, and how long it took. */
    record Step(String name, Instant start, Instant end, Run run) {
    }

    private Run step(String name, String... args) {
        Instant start = Instant.now();
        Run run = run(args).ok();
        steps.add(new Step(name, start, Instant.now(), run));
        return run;
    }

    private static String[] concat(String[] args, String... more) {
        String[] all = java.util.Arrays.copyOf(args, args.length + more.length);
        System.arraycopy(more, 0, all, args.length, more.length);
        return all;
    }

    private Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = KymaMtlsCommand.execute(new PrintWriter(out, true), new PrintWriter(err, true), args);
        return new Run(exit, out.toString(), err.toString());
    }

    record Run(int exit, String out, String err) {
        Run ok() {
            assertEquals(0, exit, () -> "exit " + exit + "\n" + out + "\n" + err);
            return this;
        }
    }

    @Test
    void theTutorialRunsEndToEndAndCleansUp(SandboxCluster sandbox) {
        String kubeconfig = sandbox.kubeconfigFile().toString();
        String certs = dir.resolve("certs").toString();
        run("certs", "--domain", DOMAIN, "--client", CLIENT, "--out", certs, "--key-algorithm", "ec-p256").ok();

        String[] expose = {"expose", "--kubeconfig", kubeconfig, "--domain", DOMAIN, "--namespace", TARGET_NS,
            "--certs-dir", certs, "--resolve", sandbox.ingressAddress(), "--ready-timeout", "120", "--verify-timeout", "60"};
        Run exposed = step("expose", expose);
        assertTrue(exposed.out().contains("verified: GET https://" + DOMAIN + "/headers without a client certificate"),
                exposed.out());
        assertTrue(exposed.out().contains("X-Forwarded-Client-Cert names CN=" + CLIENT), exposed.out());

        String[] egress = {"egress", "--kubeconfig", kubeconfig, "--domain", DOMAIN, "--namespace", CLIENT_NS,
            "--certs-dir", certs, "--ready-timeout", "120", "--verify-timeout", "60"};
        Run routed = step("egress", egress);
        assertTrue(routed.out().contains("enabling the egress gateway in Istio default"), routed.out());
        assertTrue(routed.out().contains("verified: egress gateway access log shows outbound|443||" + DOMAIN), routed.out());

        String[] lock = {"lock", "--kubeconfig", kubeconfig, "--namespace", CLIENT_NS, "--domain", DOMAIN,
            "--blocked-url", sandbox.blockedUrl(), "--verify-timeout", "30"};
        Run locked = step("lock", lock);
        assertTrue(locked.out().contains("http://" + DOMAIN + "/headers from pod"), locked.out());

        try (KubernetesClient client = sandbox.client()) {
            Map<String, String> versions = ours(client);
            assertTrue(versions.keySet().containsAll(List.of(
                    "Gateway " + TARGET_NS + "/kyma-mtls-gateway", "APIRule " + TARGET_NS + "/httpbin",
                    "Secret istio-system/kyma-mtls-certs-" + TARGET_NS, "Secret istio-system/client-credential-" + CLIENT_NS,
                    "DestinationRule istio-system/originate-mtls-" + CLIENT_NS,
                    "VirtualService " + CLIENT_NS + "/direct-httpbin-through-egress-gateway",
                    "NetworkPolicy " + CLIENT_NS + "/network-policy-allow-egress-traffic")), versions::toString);
            GenericKubernetesResource gateway = client.genericKubernetesResources(ResourceKinds.named("Gateway"))
                    .inNamespace(TARGET_NS).withName("kyma-mtls-gateway").get();
            assertEquals(List.of(Manifests.MANAGER), gateway.getMetadata().getManagedFields().stream()
                    .filter(entry -> "Apply".equals(entry.getOperation())).map(ManagedFieldsEntry::getManager).toList());

            // Re-running every step converges without writing anything.
            step("expose, re-run", expose);
            step("egress, re-run", egress);
            step("lock, re-run", lock);
            assertEquals(versions, ours(client), "a re-run changed resourceVersions");

            // What runs is what the folder holds: healthy, in a table and as JSON; 365-day leaves are
            // expiring within 400 days (exit 3).
            String[] status = {"status", "--target-kubeconfig", kubeconfig, "--client-kubeconfig", kubeconfig,
                "--namespace", TARGET_NS, "--client-secret-name", "client-credential-" + CLIENT_NS, "--certs-dir", certs};
            Run healthy = step("status", status);
            assertTrue(healthy.out().contains("HEALTHY (the soonest certificate ends in 36"), healthy.out());
            assertTrue(healthy.out().contains("ok    the server certificate names " + DOMAIN), healthy.out());
            Run json = run(concat(status, "--output", "json")).ok();
            assertTrue(json.out().contains("\"health\" : \"HEALTHY\""), json.out());
            assertEquals(StatusCommand.EXPIRING, run(concat(status, "--warn-days", "400")).exit());

            // Renewed leaves differ from what runs until the cluster steps roll them out again.
            run("certs", "--domain", DOMAIN, "--client", CLIENT, "--out", certs, "--key-algorithm", "ec-p256",
                    "--renew").ok();
            Run stale = run(status);
            assertEquals(KymaMtlsCommand.FAILURE, stale.exit(), stale.out());
            assertTrue(stale.out().contains("FAIL  the deployed server certificate is the one in certificates.json"),
                    stale.out());
            step("expose, renewed", expose);
            step("egress, renewed", egress);
            step("status, renewed", status);

            // The CA rotated in three phases; after each, both clusters get the folder's files (the
            // trust bundle while it exists), each step proves mTLS end to end, and status agrees.
            for (String phase : List.of("start", "issue", "finish")) {
                run("certs", "--domain", DOMAIN, "--client", CLIENT, "--out", certs, "--key-algorithm", "ec-p256",
                        "--rotate-ca", phase).ok();
                Run target = step("expose, rotate " + phase, expose);
                assertEquals(!phase.equals("finish"), target.out().contains("the gateway trusts a bundle of 2 CAs"),
                        target.out());
                step("egress, rotate " + phase, egress);
                step("status, rotate " + phase, status);
            }

            step("cleanup (client)", "cleanup", "--kubeconfig", kubeconfig, "--namespace", CLIENT_NS, "--parts",
                    "EGRESS,LOCK");
            // Kyma's controller holds an APIRule with its finalizer; cleanup ends only once it is gone.
            assertEquals(List.of("gateway.kyma-project.io/subresources"), client.genericKubernetesResources(
                    ResourceKinds.named("APIRule")).inNamespace(TARGET_NS).withName("httpbin").get().getMetadata()
                    .getFinalizers());
            Run target = step("cleanup (target)", "cleanup", "--kubeconfig", kubeconfig, "--namespace", TARGET_NS,
                    "--parts", "EXPOSE");
            assertTrue(target.out().contains("APIRule httpbin in " + TARGET_NS + " is gone"), target.out());
            Map<String, String> left = ours(client);
            left.keySet().removeIf(key -> key.startsWith("Namespace ") || key.startsWith("Telemetry "));
            assertEquals(Map.of(), left, "cleanup left objects labelled as ours");
            GenericKubernetesResource istio = client.genericKubernetesResources(ResourceKinds.ISTIO)
                    .inNamespace("kyma-system").withName("default").get();
            assertNotEquals(Boolean.TRUE, egressGatewayEnabled(istio), "the egress gateway was switched off again");
            assertNull(istio.getMetadata().getAnnotations() == null ? null
                    : istio.getMetadata().getAnnotations().get("kyma-mtls-egress/egress-gateway-enabled"));
            assertTrue(egressGatewayRemoved(client), "the egress gateway Deployment is still there");
        }
        requestReport(sandbox);
    }

    /**
     * The access checks a step makes for what it says it applied (the sandbox's admin has every right,
     * so no rule is left to an access review): a rules review per namespace an object lives in, a
     * Namespace counting as its own, and an access review for the cluster-wide right to create it.
     */
    static long accessChecks(String out) {
        java.util.Set<String> namespaces = new java.util.HashSet<>();
        long namespaceCreates = 0;
        for (String line : out.lines().filter(line -> line.startsWith("applied ")).toList()) {
            java.util.regex.Matcher namespaced = java.util.regex.Pattern.compile(" in ([a-z0-9-]+)").matcher(line);
            if (line.startsWith("applied Namespace ")) {
                namespaces.add(line.split(" ")[2]);
                namespaceCreates++;
            } else if (namespaced.find()) {
                namespaces.add(namespaced.group(1));
            }
        }
        return namespaces.size() + namespaceCreates;
    }

    /**
     * Requests per step as the API server's audit log saw them, written to
     * target/sandbox-requests.md for BENCHMARKS.md. Every apply the step reports is one write there.
     */
    private void requestReport(SandboxCluster sandbox) {
        StringBuilder table = new StringBuilder("| step | wall time | access checks | writes | reads | lists | watches |"
                + " exec | logs | total |\n|---|---|---|---|---|---|---|---|---|---|\n");
        for (Step step : steps) {
            SandboxCluster.Requests r = sandbox.requests(step.start(), step.end(), "fabric8-kubernetes-client/");
            table.append(String.format(Locale.ROOT, "| %s | %.1f s | %d | %d | %d | %d | %d | %d | %d | %d |%n",
                    step.name(), Duration.between(step.start(), step.end()).toMillis() / 1000.0, r.accessChecks(),
                    r.writes(), r.reads(), r.lists(),
                    r.watches(), r.execs(), r.logs(), r.total()));
            long applied = step.run().out().lines().filter(line -> line.startsWith("applied ")).count();
            long deleted = step.run().out().lines().filter(line -> line.startsWith("deleted ")
                    || line.startsWith("switched the egress gateway off")).count();
            assertEquals(applied + deleted, r.writes(), step.name() + ": writes in the audit log\n" + table);
            assertEquals(step.name().startsWith("cleanup") ? 0 : accessChecks(step.run().out()), r.accessChecks(),
                    step.name() + ": one rules review per namespace written to, and one access review for creating"
                    + " the Namespace, before the first write\n" + table);
            if (step.name().startsWith("egress")) {
                assertTrue(r.execs() >= 1 && r.logs() >= 1, step.name() + ": exec and logs\n" + table);
            }
            if (step.name().startsWith("expose") || step.name().startsWith("cleanup")) {
                assertEquals(0, r.execs() + r.logs(), step.name() + ": exec and logs\n" + table);
            }
        }
        System.out.print(table);
        try {
            Files.writeString(Path.of("target", "sandbox-requests.md"), table);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static boolean egressGatewayRemoved(KubernetesClient client) {
        // The stand-in for Kyma's Istio controller removes the Deployment within a second or two.
        for (int i = 0; i < 100; i++) {
            if (client.apps().deployments().inNamespace("istio-system").withName("istio-egressgateway").get() == null) {
                return true;
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return false;
    }

    @SuppressWarnings("unchecked")
    private static Object egressGatewayEnabled(GenericKubernetesResource istio) {
        Map<String, Object> spec = (Map<String, Object>) istio.getAdditionalProperties().get("spec");
        Map<String, Object> components = spec == null ? null : (Map<String, Object>) spec.get("components");
        Map<String, Object> egress = components == null ? null : (Map<String, Object>) components.get("egressGateway");
        return egress == null ? null : egress.get("enabled");
    }

    /** "Kind namespace/name" → resourceVersion of every object in the cluster labelled as ours. */
    private static Map<String, String> ours(KubernetesClient client) {
        Map<String, String> found = new TreeMap<>();
        for (String kind : KINDS) {
            ResourceDefinitionContext context = ResourceKinds.named(kind);
            var listed = context.isNamespaceScoped()
                    ? client.genericKubernetesResources(context).inAnyNamespace()
                            .withLabel(Manifests.MANAGED_BY_LABEL, Manifests.MANAGER).list()
                    : client.genericKubernetesResources(context)
                            .withLabel(Manifests.MANAGED_BY_LABEL, Manifests.MANAGER).list();
            for (GenericKubernetesResource resource : listed.getItems()) {
                String ns = resource.getMetadata().getNamespace();
                found.put(kind + " " + (ns == null ? "" : ns + "/") + resource.getMetadata().getName(),
                        resource.getMetadata().getResourceVersion());
            }
        }
        return found;
    }
}
