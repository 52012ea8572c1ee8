package io.jenkins.plugins.kymamtls.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.jenkins.plugins.kymamtls.cluster.ApiRetry;
import io.jenkins.plugins.kymamtls.cluster.ClusterFailure;
import io.jenkins.plugins.kymamtls.cluster.ResourceKinds;
import io.jenkins.plugins.kymamtls.resources.ClientIdentity;
import io.jenkins.plugins.kymamtls.resources.EgressParameters;
import io.jenkins.plugins.kymamtls.resources.ExposeParameters;
import io.jenkins.plugins.kymamtls.resources.LockParameters;
import io.jenkins.plugins.kymamtls.resources.Manifests;
import io.jenkins.plugins.kymamtls.resources.RenderedResource;
import io.jenkins.plugins.kymamtls.resources.Timeouts;
import io.jenkins.plugins.kymamtls.testing.FakeController;
import io.jenkins.plugins.kymamtls.testing.MockCluster;
import io.jenkins.plugins.kymamtls.testing.MutualTlsHaproxy;
import io.jenkins.plugins.kymamtls.testing.TestCertificates;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * For each step and each API request it writes or looks up, injects each transient fault once
 * (the step must succeed and leave the fault-free state) and a fault persistently (the step must
 * fail naming the resource, the status and the attempts, and a re-run without the fault must
 * converge to the fault-free state, with no duplicate and nothing left over).
 */
class FaultMatrixTest {

    private static final ApiRetry.Policy QUICK = new ApiRetry.Policy(4, Duration.ofMillis(1), Duration.ofMillis(5),
            Duration.ofSeconds(10));
    private static final int[] TRANSIENT = {429, 500, 502, 503, 504, 409};
    private static final Map<String, int[]> RESULTS = new TreeMap<>();

    private static Path dir;
    private static MutualTlsHaproxy gateway;

    @BeforeAll
    static void start() throws Exception {
        dir = Files.createTempDirectory("fault-matrix");
        Path certs = TestCertificates.write(dir.resolve("certs"));
        gateway = MutualTlsHaproxy.start(dir, MutualTlsHaproxy.combine(dir.resolve("server.pem"),
                List.of(certs.resolve(TestCertificates.DOMAIN + ".crt"), certs.resolve(TestCertificates.DOMAIN + ".key"))),
                certs.resolve("egress.crt"));
    }

    @AfterAll
    static void report() throws Exception {
        gateway.close();
        List<String> lines = new ArrayList<>(List.of(
                "| step | requests faulted | runs | transient fault → success, same state | persistent fault → clear failure | re-run → same state |",
                "|---|---|---|---|---|---|"));
        RESULTS.forEach((step, r) -> lines.add("| " + step + " | " + r[0] + " | " + r[1] + " | " + r[2] + " | " + r[3]
                + " | " + r[4] + " |"));
        Files.createDirectories(Path.of("target"));
        Files.write(Path.of("target", "fault-matrix.md"), lines, StandardCharsets.UTF_8);
    }

    /** One step on a fresh cluster: sets the scene, runs, and snapshots what the step owns. */
    private interface Scenario {
        void scene(MockCluster cluster, FakeController controller) throws Exception;

        void run(MockCluster cluster);

        /** method and path fragment of every request that may fail */
        List<String[]> requests();
    }

    private static Map<String, Object> snapshot(MockCluster cluster) {
        Map<String, Object> state = new TreeMap<>();
        for (String kind : List.of("Namespace", "Secret", "ServiceAccount", "Service", "Deployment", "NetworkPolicy",
                "Gateway", "VirtualService", "DestinationRule", "ServiceEntry", "APIRule", "Telemetry", "Istio")) {
            for (String namespace : List.of("mtls-demo", "istio-system", "kyma-system")) {
                List<GenericKubernetesResource> items = kind.equals("Namespace")
                        ? cluster.unrecorded().genericKubernetesResources(ResourceKinds.named(kind)).list().getItems()
                        : cluster.list(ResourceKinds.named(kind), namespace);
                for (GenericKubernetesResource item : items) {
                    if (kind.equals("Namespace") && !namespace.equals("mtls-demo")) {
                        continue;
                    }
                    Map<String, Object> facts = new LinkedHashMap<>();
                    facts.put("labels", item.getMetadata().getLabels());
                    facts.put("annotations", item.getMetadata().getAnnotations());
                    facts.put("spec", item.getAdditionalProperties().get("spec"));
                    facts.put("data", item.getAdditionalProperties().get("data"));
                    state.put(kind + "/" + item.getMetadata().getNamespace() + "/" + item.getMetadata().getName(),
                            Serialization.asJson(facts));
                }
            }
        }
        return state;
    }

    private static String fragment(RenderedResource rendered) {
        String plural = ResourceKinds.of(rendered.resource()).getPlural();
        return "/" + plural + "/" + rendered.resource().getMetadata().getName() + "?";
    }

    private static List<String[]> patches(List<RenderedResource> resources) {
        List<String[]> requests = new ArrayList<>();
        for (RenderedResource resource : resources) {
            requests.add(new String[] {"PATCH", fragment(resource)});
        }
        return requests;
    }

    private static Scenario expose() {
        ExposeParameters parameters = ExposeParameters.builder(TestCertificates.DOMAIN, "mtls-demo",
                TestCertificates.server(dir.resolve("certs"))).resolve("127.0.0.1").timeouts(Timeouts.ofSeconds(30, 20))
                .build();
        ClientIdentity client = ClientIdentity.fromDirectory(dir.resolve("certs"), TestCertificates.CLIENT);
        return new Scenario() {
            @Override
            public void scene(MockCluster cluster, FakeController controller) {
                controller.whenCreated(ResourceKinds.DEPLOYMENT, "mtls-demo", "httpbin", FakeController.available())
                        .whenCreated(ResourceKinds.APIRULE, "mtls-demo", "httpbin", FakeController.kymaState("Ready", "ok"));
            }

            @Override
            public void run(MockCluster cluster) {
                new ExposeEngine(gateway.port(), QUICK).run(cluster.client(), parameters, client, line -> { });
            }

            @Override
            public List<String[]> requests() {
                return patches(Manifests.target(parameters));
            }
        };
    }

    private static Scenario egress() {
        EgressParameters parameters = EgressParameters.builder(TestCertificates.DOMAIN, "mtls-demo",
                TestCertificates.client(dir.resolve("certs"))).timeouts(Timeouts.ofSeconds(30, 10)).build();
        return new Scenario() {
            @Override
            public void scene(MockCluster cluster, FakeController controller) throws Exception {
                EgressEngineTest.scene(cluster, TestCertificates.client(dir.resolve("certs")).certificate(), "mtls-demo");
                controller.whenCreated(ResourceKinds.DEPLOYMENT, "mtls-demo", "curl", FakeController.available());
            }

            @Override
            public void run(MockCluster cluster) {
                new EgressEngine(QUICK).run(cluster.client(), parameters, line -> { });
            }

            @Override
            public List<String[]> requests() {
                List<String[]> requests = new ArrayList<>();
                requests.add(new String[] {"GET", "/namespaces/kyma-system/istios"});
                requests.addAll(patches(Manifests.client(parameters, "default")));
                return requests;
            }
        };
    }

    private static Scenario lock() {
        LockParameters parameters = LockParameters.builder("mtls-demo").allowedDomain(TestCertificates.DOMAIN)
                .timeouts(Timeouts.ofSeconds(10, 5)).build();
        return new Scenario() {
            @Override
            public void scene(MockCluster cluster, FakeController controller) {
                cluster.create(ResourceKinds.SERVICE, "kube-system", "kube-dns", Map.of(),
                        Map.of("clusterIP", "10.96.0.10"), Map.of());
                cluster.create(ResourceKinds.POD, "mtls-demo", "curl-1", Map.of("app", "curl"),
                        Map.of("containers", List.of(Map.of("name", "curl", "image", "curl"))),
                        Map.of("conditions", List.of(Map.of("type", "Ready", "status", "True"))));
                cluster.onExec(command -> command.contains("google") ? new MockCluster.ExecResult("", 7)
                        : new MockCluster.ExecResult("200", 0));
            }

            @Override
            public void run(MockCluster cluster) {
                new LockEngine(QUICK).run(cluster.client(), parameters, line -> { });
            }

            @Override
            public List<String[]> requests() {
                List<String[]> requests = new ArrayList<>();
                requests.add(new String[] {"GET", "/services/kube-dns"});
                requests.addAll(patches(Manifests.lock(parameters, List.of("10.96.0.10", "169.254.20.10"))));
                return requests;
            }
        };
    }

    private static Map<String, Object> run(Scenario scenario, Consumer<MockCluster> faults, boolean expectFailure,
                                           Consumer<ClusterFailure> onFailure) throws Exception {
        try (MockCluster cluster = new MockCluster(); FakeController controller = new FakeController(cluster)) {
            scenario.scene(cluster, controller);
            faults.accept(cluster);
            if (expectFailure) {
                ClusterFailure failure = assertThrows(ClusterFailure.class, () -> scenario.run(cluster));
                onFailure.accept(failure);
                cluster.clearFaults();
            }
            scenario.run(cluster);
            return snapshot(cluster);
        }
    }

    @TestFactory
    Stream<DynamicTest> faultsAtEveryRequestOfEveryStep() throws Exception {
        List<DynamicTest> tests = new ArrayList<>();
        Map<String, Scenario> scenarios = new LinkedHashMap<>();
        scenarios.put("kymaExposeMtls", expose());
        scenarios.put("kymaEgressRoute", egress());
        scenarios.put("kymaLockEgress", lock());
        for (Map.Entry<String, Scenario> entry : scenarios.entrySet()) {
            String step = entry.getKey();
            Scenario scenario = entry.getValue();
            int[] counts = RESULTS.computeIfAbsent(step, k -> new int[5]);
            counts[0] = scenario.requests().size();
            Map<String, Object> baseline = run(scenario, cluster -> { }, false, null);
            for (String[] request : scenario.requests()) {
                for (int code : TRANSIENT) {
                    tests.add(DynamicTest.dynamicTest(step + " " + request[0] + " " + request[1] + " " + code + " once", () -> {
                        Map<String, Object> state = run(scenario,
                                cluster -> cluster.fail(request[0], request[1], code, "injected " + code, 1), false, null);
                        assertEquals(baseline, state);
                        counts[1]++;
                        counts[2]++;
                    }));
                }
                tests.add(DynamicTest.dynamicTest(step + " " + request[0] + " " + request[1] + " 503 persistently", () -> {
                    Map<String, Object> state = run(scenario, cluster -> cluster.fail(request[0], request[1], 503,
                            "injected 503", Integer.MAX_VALUE), true, failure -> {
                                String message = failure.getMessage();
                                String name = request[1].replaceAll("^/[a-z]+/|\\?$", "").replaceAll(".*/", "");
                                assertTrue(message.startsWith("503 service unavailable: cannot "), message);
                                assertTrue(message.contains(name), name + " not named in: " + message);
                                assertTrue(message.endsWith("(gave up after 4 attempts)"), message);
                                counts[3]++;
                            });
                    assertEquals(baseline, state);
                    counts[1]++;
                    counts[4]++;
                }));
            }
        }
        return tests.stream();
    }
}
