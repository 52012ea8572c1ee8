package io.jenkins.plugins.kymamtls.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.jenkins.plugins.kymamtls.certificates.CertificateEngine;
import io.jenkins.plugins.kymamtls.certificates.CertificateRequest;
import io.jenkins.plugins.kymamtls.certificates.KeyAlgorithm;
import io.jenkins.plugins.kymamtls.cluster.ClusterFailure;
import io.jenkins.plugins.kymamtls.cluster.ResourceKinds;
import io.jenkins.plugins.kymamtls.resources.CertificateMaterial;
import io.jenkins.plugins.kymamtls.resources.ClientIdentity;
import io.jenkins.plugins.kymamtls.resources.EgressParameters;
import io.jenkins.plugins.kymamtls.resources.ExposeParameters;
import io.jenkins.plugins.kymamtls.resources.Manifests;
import io.jenkins.plugins.kymamtls.resources.Timeouts;
import io.jenkins.plugins.kymamtls.testing.SandboxCluster;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Many teams on one pair of clusters, against the sandbox's real API server (which keeps the field
 * managers and resourceVersions this relies on) and the stand-in gateways: every team's route keeps
 * verifying whatever the others run, with the default names, and a run that would take over another
 * namespace's object is refused before it writes anything.
 */
@ExtendWith(SandboxCluster.Extension.class)
class ManyTeamsSandboxTest {

    @TempDir
    Path dir;

    private final List<String> log = Collections.synchronizedList(new ArrayList<>());

    /** One team's certificate set, for its own host. */
    private Path certificates(String team) {
        Path certs = dir.resolve(team);
        new CertificateEngine().generate(CertificateRequest.builder(host(team), "client-" + host(team))
                .keyAlgorithm(KeyAlgorithm.EC_P256).outputDirectory(certs).selfTest(false).build(), line -> { });
        return certs;
    }

    static String host(String team) {
        return team + ".teams.test";
    }

    private ExposeEngine.Result expose(KubernetesClient client, SandboxCluster sandbox, String namespace, String team,
                                       Path certs, String secretName) {
        ExposeParameters p = ExposeParameters.builder(host(team), namespace,
                        CertificateMaterial.fromDirectory("server", certs, host(team)))
                .secretName(secretName).resolve(sandbox.ingressAddress()).timeouts(Timeouts.ofSeconds(120, 60)).build();
        return new ExposeEngine().run(client, p, ClientIdentity.fromDirectory(certs, "client-" + host(team)),
                line -> log.add(namespace + ": " + line));
    }

    static EgressParameters egressParameters(String namespace, String team, Path certs) {
        return EgressParameters.builder(host(team), namespace,
                        CertificateMaterial.fromDirectory("client", certs, "client-" + host(team)))
                .timeouts(Timeouts.ofSeconds(120, 60)).build();
    }

    private EgressEngine.Result egress(KubernetesClient client, String namespace, String team, Path certs) {
        return new EgressEngine().run(client, egressParameters(namespace, team, certs),
                line -> log.add(namespace + ": " + line));
    }

    private CleanupEngine.Result cleanup(KubernetesClient client, String namespace, CleanupEngine.Part part) {
        return new CleanupEngine().run(client, namespace, Set.of(part), line -> log.add(namespace + ": " + line));
    }

    private static boolean switchOn(KubernetesClient client) {
        return Boolean.TRUE.equals(EgressEngine.egressGatewayEnabled(client.genericKubernetesResources(ResourceKinds.ISTIO)
                .inNamespace("kyma-system").withName("default").get()));
    }

    private static GenericKubernetesResource telemetry(KubernetesClient client) {
        return client.genericKubernetesResources(ResourceKinds.TELEMETRY).inNamespace("istio-system")
                .withName(Manifests.TELEMETRY_NAME).get();
    }

    @Test
    void twoTargetsAndFourClientsWithDefaultNamesEachKeepTheirRouteOrAreRefusedBeforeWriting(SandboxCluster sandbox) {
        Path a = certificates("alpha");
        Path b = certificates("beta");
        try (KubernetesClient client = sandbox.client()) {
            expose(client, sandbox, "team-alpha", "alpha", a, null);
            expose(client, sandbox, "team-beta", "beta", b, null);
            assertEquals("team-alpha", Manifests.owner(client.genericKubernetesResources(ResourceKinds.named("Secret"))
                    .inNamespace("istio-system").withName("kyma-mtls-certs-team-alpha").get()));

            // The tutorial's names, set explicitly by two teams: the second is refused before any write.
            expose(client, sandbox, "team-alpha", "alpha", a, "kyma-mtls-certs");
            ClusterFailure taken = assertThrows(ClusterFailure.class,
                    () -> expose(client, sandbox, "team-beta", "beta", b, "kyma-mtls-certs"));
            assertEquals("409 conflict: Secret kyma-mtls-certs in istio-system belongs to namespace team-alpha; set"
                    + " secretName to a name of this namespace's own (left blank, it is kyma-mtls-certs-team-beta)"
                    + " (checked before any change: nothing was applied)", taken.getMessage());

            egress(client, "client-alpha", "alpha", a);
            egress(client, "client-beta", "beta", b);
            // A second namespace for a host the egress gateway already originates mTLS for: one client
            // certificate per host, so it is refused, and nothing of it is written.
            ClusterFailure sameHost = assertThrows(ClusterFailure.class, () -> egress(client, "client-gamma", "alpha", a));
            assertTrue(sameHost.getMessage().startsWith("409 conflict: DestinationRule originate-mtls-client-alpha in"
                    + " istio-system originates mTLS for alpha.teams.test for namespace client-alpha"), sameHost.getMessage());
            ClusterFailure sameHostToo = assertThrows(ClusterFailure.class, () -> egress(client, "client-delta", "beta", b));
            assertTrue(sameHostToo.getMessage().contains("for namespace client-beta"), sameHostToo.getMessage());
            for (String refused : List.of("client-gamma", "client-delta")) {
                assertNull(client.namespaces().withName(refused).get(), refused + " was refused before its first write");
                assertNull(client.secrets().inNamespace("istio-system").withName("client-credential-" + refused).get());
            }

            // Every route that was set up still verifies end to end, each with its own certificates.
            expose(client, sandbox, "team-alpha", "alpha", a, null);
            expose(client, sandbox, "team-beta", "beta", b, null);
            assertEquals(200, egress(client, "client-alpha", "alpha", a).status());
            assertEquals(200, egress(client, "client-beta", "beta", b).status());

            // Cleaning one team leaves the other's objects in istio-system and its shared holds.
            CleanupEngine.Result cleaned = cleanup(client, "client-alpha", CleanupEngine.Part.EGRESS);
            assertFalse(cleaned.egressGatewaySwitchedOff());
            assertTrue(cleaned.deleted().contains("DestinationRule originate-mtls-client-alpha in istio-system"),
                    cleaned.deleted()::toString);
            assertTrue(cleaned.deleted().stream().noneMatch(d -> d.contains("client-beta")), cleaned.deleted()::toString);
            assertNotNull(client.secrets().inNamespace("istio-system").withName("client-credential-client-beta").get());
            assertTrue(switchOn(client));
            assertEquals(Set.of("client-beta"), SharedUse.holders(telemetry(client), SharedUse.TELEMETRY_FIELD));
            assertEquals(200, egress(client, "client-beta", "beta", b).status());

            CleanupEngine.Result exposeCleaned = cleanup(client, "team-alpha", CleanupEngine.Part.EXPOSE);
            assertTrue(exposeCleaned.deleted().contains("Secret kyma-mtls-certs-team-alpha in istio-system"),
                    exposeCleaned.deleted()::toString);
            assertNotNull(client.secrets().inNamespace("istio-system").withName("kyma-mtls-certs-team-beta").get());
            // The explicitly named Secret was written as team-alpha's too, and is cleaned only with its name.
            assertNotNull(client.secrets().inNamespace("istio-system").withName("kyma-mtls-certs").get());
            cleanup(client, "team-beta", CleanupEngine.Part.EXPOSE);
            CleanupEngine.Result last = cleanup(client, "client-beta", CleanupEngine.Part.EGRESS);
            assertTrue(last.egressGatewaySwitchedOff(), log::toString);
            assertNull(telemetry(client), "the Telemetry goes with the last namespace that relied on it");
            assertEquals(List.of("Secret kyma-mtls-certs in istio-system"), new CleanupEngine().run(client,
                    new CleanupEngine.Parameters("team-alpha", Set.of(CleanupEngine.Part.EXPOSE), "kyma-mtls-certs", null),
                    log::add).deleted());
        }
    }

    /**
     * Four egress runs start at the same instant, then three cleanups and a fifth egress run race in
     * an order drawn from a seed: the remaining routes verify, the switch is on while any namespace
     * relies on it, and off after the last cleanup. Rounds and seed: {@code -Dkyma.teams.rounds},
     * {@code -Dkyma.teams.seed}.
     */
    @Test
    void sharedSwitchAndTelemetryOutliveEveryInterleavingOfEgressAndCleanup(SandboxCluster sandbox) throws Exception {
        int rounds = Integer.getInteger("kyma.teams.rounds", 2);
        long seed = Long.getLong("kyma.teams.seed", System.nanoTime());
        System.out.println("ManyTeamsSandboxTest: " + rounds + " rounds, seed " + seed + " (-Dkyma.teams.seed=" + seed + ")");
        Random random = new Random(seed);
        List<String> teams = List.of("t1", "t2", "t3", "t4", "t5");
        Map<String, Path> certs = new ConcurrentHashMap<>();
        try (KubernetesClient client = sandbox.client()) {
            for (String team : teams) {
                certs.put(team, certificates(team));
                expose(client, sandbox, "target-" + team, team, certs.get(team), null);
            }
            assertFalse(switchOn(client), "no namespace relies on the egress gateway before the first round");
            ExecutorService pool = Executors.newFixedThreadPool(5);
            try {
                for (int round = 1; round <= rounds; round++) {
                    List<String> first = teams.subList(0, 4);
                    CyclicBarrier start = new CyclicBarrier(first.size());
                    List<Future<EgressEngine.Result>> runs = new ArrayList<>();
                    for (String team : first) {
                        runs.add(pool.submit(() -> {
                            start.await(30, TimeUnit.SECONDS);
                            return egress(client, "client-" + team, team, certs.get(team));
                        }));
                    }
                    for (Future<EgressEngine.Result> run : runs) {
                        assertEquals(200, run.get(5, TimeUnit.MINUTES).status());
                    }
                    assertEquals(Set.of("client-t1", "client-t2", "client-t3", "client-t4"), SharedUse.holders(
                            client.genericKubernetesResources(ResourceKinds.ISTIO).inNamespace("kyma-system")
                                    .withName("default").get(), SharedUse.SWITCH_FIELD), "each namespace holds the switch under its own manager");

                    List<String> leaving = new ArrayList<>(first);
                    Collections.shuffle(leaving, random);
                    String staying = leaving.remove(3);
                    List<Callable<Object>> race = new ArrayList<>();
                    for (String team : leaving) {
                        race.add(() -> cleanup(client, "client-" + team, CleanupEngine.Part.EGRESS));
                    }
                    race.add(() -> egress(client, "client-t5", "t5", certs.get("t5")));
                    Collections.shuffle(race, random);
                    CyclicBarrier together = new CyclicBarrier(race.size());
                    List<Future<Object>> raced = new ArrayList<>();
                    for (Callable<Object> task : race) {
                        raced.add(pool.submit(() -> {
                            together.await(30, TimeUnit.SECONDS);
                            return task.call();
                        }));
                    }
                    for (Future<Object> done : raced) {
                        done.get(5, TimeUnit.MINUTES);
                    }
                    assertTrue(switchOn(client), "round " + round + ": client-" + staying + " and client-t5 rely on it");
                    assertEquals(Set.of("client-" + staying, "client-t5"), SharedUse.holders(telemetry(client), SharedUse.TELEMETRY_FIELD),
                            "round " + round);
                    assertEquals(200, egress(client, "client-" + staying, staying, certs.get(staying)).status(),
                            "round " + round + ": the remaining route still verifies");

                    cleanup(client, "client-t5", CleanupEngine.Part.EGRESS);
                    assertTrue(switchOn(client));
                    CleanupEngine.Result last = cleanup(client, "client-" + staying, CleanupEngine.Part.EGRESS);
                    assertTrue(last.egressGatewaySwitchedOff(), "round " + round + ": " + log);
                    assertFalse(switchOn(client));
                    assertNull(telemetry(client));
                }
            } finally {
                pool.shutdownNow();
            }
            for (String team : teams) {
                cleanup(client, "target-" + team, CleanupEngine.Part.EXPOSE);
            }
        }
    }

    /** A switch a user turned on by hand is theirs: the last cleanup leaves it on. */
    @Test
    void aSwitchTurnedOnByHandStaysOnAfterTheLastCleanup(SandboxCluster sandbox) {
        try (KubernetesClient client = sandbox.client()) {
            sandbox.kubectlOk("-n", "kyma-system", "patch", "istios.operator.kyma-project.io", "default", "--type",
                    "merge", "-p", "{\"spec\":{\"components\":{\"egressGateway\":{\"enabled\":true}}}}");
            try {
                Path certs = certificates("byhand");
                expose(client, sandbox, "target-byhand", "byhand", certs, null);
                egress(client, "client-byhand", "byhand", certs);
                CleanupEngine.Result cleaned = cleanup(client, "client-byhand", CleanupEngine.Part.EGRESS);
                assertFalse(cleaned.egressGatewaySwitchedOff());
                assertTrue(switchOn(client), "the user's own setting stays");
                assertTrue(log.stream().anyMatch(line -> line.startsWith("client-byhand: the egress gateway stays on in"
                        + " Istio default: field managers [kubectl-patch] set it too")), log::toString);
                cleanup(client, "target-byhand", CleanupEngine.Part.EXPOSE);
            } finally {
                sandbox.kubectlOk("-n", "kyma-system", "patch", "istios.operator.kyma-project.io", "default", "--type",
                        "json", "-p", "[{\"op\":\"remove\",\"path\":\"/spec/components/egressGateway/enabled\"}]");
            }
        }
    }

    /**
     * An earlier version recorded the namespaces relying on the switch in one annotation under one
     * manager: cleanup carries that record over to one manager per namespace, so cleaning one of them
     * leaves the switch to the others.
     */
    @Test
    void anEarlierVersionsRecordOfTheSwitchIsCarriedOverToOneManagerPerNamespace(SandboxCluster sandbox) {
        try (KubernetesClient client = sandbox.client()) {
            GenericKubernetesResource earlier = client.genericKubernetesResources(ResourceKinds.ISTIO)
                    .inNamespace("kyma-system").withName("default").get();
            GenericKubernetesResource applied = SharedUse.minimal(earlier);
            applied.getMetadata().setAnnotations(Map.of(SharedUse.LEGACY_SWITCH_ANNOTATION, "old-a,old-b"));
            applied.setAdditionalProperty("spec", Map.of("components", Map.of("egressGateway", Map.of("enabled", true))));
            client.genericKubernetesResources(ResourceKinds.ISTIO).inNamespace("kyma-system").resource(applied)
                    .fieldManager(Manifests.MANAGER).forceConflicts().serverSideApply();

            CleanupEngine.Result first = cleanup(client, "old-a", CleanupEngine.Part.EGRESS);
            assertFalse(first.egressGatewaySwitchedOff());
            GenericKubernetesResource istio = client.genericKubernetesResources(ResourceKinds.ISTIO)
                    .inNamespace("kyma-system").withName("default").get();
            assertEquals(Set.of("old-b"), SharedUse.holders(istio, SharedUse.SWITCH_FIELD));
            assertNull(istio.getMetadata().getAnnotations() == null ? null
                    : istio.getMetadata().getAnnotations().get(SharedUse.LEGACY_SWITCH_ANNOTATION));
            assertTrue(switchOn(client));

            CleanupEngine.Result second = cleanup(client, "old-b", CleanupEngine.Part.EGRESS);
            assertTrue(second.egressGatewaySwitchedOff(), log::toString);
            assertFalse(switchOn(client));
        }
    }

    /**
     * An earlier version recorded the namespaces relying on the Telemetry in one annotation under one
     * manager: the egress step, which no longer reads the Telemetry before applying it, finds that
     * record in its apply's answer and carries it over to one manager per namespace.
     */
    @Test
    void anEarlierVersionsRecordOnTheTelemetryIsCarriedOverByTheEgressStep(SandboxCluster sandbox) {
        try (KubernetesClient client = sandbox.client()) {
            Path certs = certificates("legacy");
            expose(client, sandbox, "team-legacy", "legacy", certs, null);
            GenericKubernetesResource earlier = Manifests.telemetry().resource();
            earlier.getMetadata().setAnnotations(Map.of(SharedUse.LEGACY_USED_BY_ANNOTATION, "old-t1"));
            client.genericKubernetesResources(ResourceKinds.TELEMETRY).inNamespace("istio-system").resource(earlier)
                    .fieldManager(Manifests.MANAGER).forceConflicts().serverSideApply();

            assertEquals(200, egress(client, "client-legacy", "legacy", certs).status());
            GenericKubernetesResource after = telemetry(client);
            assertEquals(Set.of("client-legacy", "old-t1"), SharedUse.holders(after, SharedUse.TELEMETRY_FIELD));
            assertNull(after.getMetadata().getAnnotations() == null ? null
                    : after.getMetadata().getAnnotations().get(SharedUse.LEGACY_USED_BY_ANNOTATION));

            cleanup(client, "client-legacy", CleanupEngine.Part.EGRESS);
            assertEquals(Set.of("old-t1"), SharedUse.holders(telemetry(client), SharedUse.TELEMETRY_FIELD));
            cleanup(client, "old-t1", CleanupEngine.Part.EGRESS);
            assertNull(telemetry(client), "the Telemetry goes with the last namespace that relied on it");
            cleanup(client, "team-legacy", CleanupEngine.Part.EXPOSE);
        }
    }
}
