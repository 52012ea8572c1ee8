package io.jenkins.plugins.kymamtls.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.jenkins.plugins.kymamtls.cluster.ResourceKinds;
import io.jenkins.plugins.kymamtls.testing.FakeController;
import io.jenkins.plugins.kymamtls.resources.EgressParameters;
import io.jenkins.plugins.kymamtls.resources.Manifests;
import io.jenkins.plugins.kymamtls.resources.Timeouts;
import io.jenkins.plugins.kymamtls.testing.MockCluster;
import io.jenkins.plugins.kymamtls.testing.TestCertificates;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CleanupEngineTest {

    private static final String NS = EgressEngineTest.NS;

    @TempDir
    Path dir;

    private MockCluster cluster;
    private final List<String> log = new ArrayList<>();

    @BeforeEach
    void start() throws Exception {
        TestCertificates.write(dir.resolve("certs"));
        cluster = new MockCluster();
        EgressEngineTest.scene(cluster, TestCertificates.client(dir.resolve("certs"))
                .certificate());
    }

    @AfterEach
    void stop() {
        cluster.close();
    }

    private EgressParameters.Builder parameters() {
        return EgressParameters.builder(
                TestCertificates.DOMAIN, NS,
                TestCertificates.client(dir.resolve("certs")))
                .timeouts(Timeouts.ofSeconds(30, 3));
    }


    private void egressStepRan() {
        try (FakeController controller = new FakeController(cluster)) {
            controller.whenCreated(ResourceKinds.DEPLOYMENT, NS, "curl", FakeController.available());
            new EgressEngine().run(cluster.client(), parameters().build(), log::add);
        }
    }

    @Test
    void removesWhatTheEgressStepCreatedAndNothingElse() {
        cluster.create(ResourceKinds.SERVICE, NS, "users-own", Map.of(), Map.of(), Map.of());
        egressStepRan();

        CleanupEngine.Result result = new CleanupEngine().run(cluster.client(), NS, Set.of(CleanupEngine.Part.EGRESS),
                log::add);

        assertTrue(result.deleted().containsAll(List.of("VirtualService direct-httpbin-through-egress-gateway in mtls-client",
                "Deployment curl in mtls-client", "Secret client-credential-mtls-client in istio-system",
                "DestinationRule originate-mtls-mtls-client in istio-system")), result.deleted()::toString);
        assertNull(cluster.get(ResourceKinds.named("ServiceEntry"), NS, "httpbin"));
        assertNull(cluster.get(ResourceKinds.named("Secret"), "istio-system", "client-credential-mtls-client"));
        assertNotNull(cluster.get(ResourceKinds.SERVICE, NS, "users-own"), "unlabelled objects stay");
        assertNotNull(cluster.unrecorded().namespaces().withName(NS).get(), "the namespace stays");
        // Who relies on the shared switch and Telemetry is the API server's record (managed fields),
        // which this mock does not keep: SharedUseSandboxTest proves their release on a real one.
    }

    @Test
    void leavesAnEgressGatewayThatWasOnBefore() {
        GenericKubernetesResource istio = cluster.get(ResourceKinds.ISTIO, "kyma-system", "default");
        istio.setAdditionalProperty("spec", Map.of("components", Map.of("egressGateway", Map.of("enabled", true))));
        cluster.unrecorded().genericKubernetesResources(ResourceKinds.ISTIO).inNamespace("kyma-system").resource(istio)
                .update();
        egressStepRan();

        CleanupEngine.Result result = new CleanupEngine().run(cluster.client(), NS, Set.of(CleanupEngine.Part.EGRESS),
                log::add);

        assertFalse(result.egressGatewaySwitchedOff());
        assertEquals(true, EgressEngine.egressGatewayEnabled(cluster.get(ResourceKinds.ISTIO, "kyma-system", "default")));
    }

    @Test
    void cleanupTwiceIsHarmless() {
        egressStepRan();
        new CleanupEngine().run(cluster.client(), NS, Set.of(CleanupEngine.Part.EGRESS), log::add);
        CleanupEngine.Result again = new CleanupEngine().run(cluster.client(), NS,
                Set.of(CleanupEngine.Part.EGRESS, CleanupEngine.Part.LOCK), log::add);
        assertEquals(List.of(), again.deleted());
    }

    /**
     * An object that changed between the list and the delete (a controller added a finalizer, say)
     * refuses the delete at the listed version with 409: it is deleted as it is now and waited for.
     */
    @Test
    void anObjectChangedSinceTheListIsDeletedAnywayAndWaitedFor() {
        cluster.create(ResourceKinds.SERVICE, NS, "httpbin", Map.of(Manifests.MANAGED_BY_LABEL, Manifests.MANAGER),
                Map.of(), Map.of());
        cluster.fail("DELETE", "/services/httpbin", 409, "the object has been modified", 1);
        cluster.clearRequests();
        CleanupEngine.Result result = new CleanupEngine().run(cluster.client(), NS, Set.of(CleanupEngine.Part.EXPOSE),
                log::add);
        assertEquals(List.of("Service httpbin in " + NS), result.deleted());
        assertNull(cluster.get(ResourceKinds.SERVICE, NS, "httpbin"));
        List<String> afterDeletes = cluster.requests().stream()
                .filter(r -> r.path().contains("/services")).map(r -> r.method() + " " + r.path()).toList();
        assertEquals(2, afterDeletes.stream().filter(r -> r.startsWith("DELETE")).count(), afterDeletes::toString);
        assertTrue(afterDeletes.get(afterDeletes.size() - 1).startsWith("GET /api/v1/namespaces/" + NS
                + "/services?fieldSelector=metadata.name%3Dhttpbin"), "waited for by a list: " + afterDeletes);
        assertTrue(log.contains("Service httpbin in " + NS + " is gone"), log::toString);
    }
}
