package io.jenkins.plugins.kymamtls.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.jenkins.plugins.kymamtls.resources.Manifests;
import io.jenkins.plugins.kymamtls.resources.RenderedResource;
import io.jenkins.plugins.kymamtls.testing.MockCluster;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Rights are asked for before the first write, and applying is server-side apply under our field manager. */
class ResourceApplierTest {

    private final MockCluster cluster = new MockCluster();
    private final List<String> log = new ArrayList<>();

    @AfterEach
    void stop() {
        cluster.close();
    }

    private static RenderedResource resource(String template, String apiVersion, String kind, String name, String namespace) {
        GenericKubernetesResource resource = new GenericKubernetesResource();
        resource.setApiVersion(apiVersion);
        resource.setKind(kind);
        resource.setMetadata(new ObjectMetaBuilder().withName(name).withNamespace(namespace).build());
        return new RenderedResource(template, resource, false);
    }

    private static final RenderedResource NAMESPACE = resource("client/00-namespace.yaml", "v1", "Namespace", "mtls-client", null);
    private static final RenderedResource GATEWAY =
            resource("client/05-gateway.yaml", "networking.istio.io/v1", "Gateway", "istio-egressgateway", "mtls-client");
    private static final RenderedResource ISTIO = resource(Manifests.ISTIO_TEMPLATE, "operator.kyma-project.io/v1alpha2",
            "Istio", "default", "kyma-system");

    @Test
    void everyMissingRightIsNamedAtOnceAndNothingIsApplied() {
        cluster.deny("create", "namespaces");
        cluster.deny("patch", "gateways");
        cluster.deny("create", "gateways");
        cluster.deny("patch", "istios");
        ClusterFailure failure = assertThrows(ClusterFailure.class,
                () -> new ResourceApplier(cluster.client(), log::add).checkAccess(List.of(NAMESPACE, GATEWAY, ISTIO)));
        assertEquals("403 forbidden: the kubeconfig's user may not create namespaces mtls-client; patch and create"
                + " gateways.networking.istio.io istio-egressgateway in mtls-client; patch istios.operator.kyma-project.io"
                + " default in kyma-system (checked before any change: nothing was applied; grant these rights and run"
                + " again)", failure.getMessage());
        assertTrue(cluster.requests().stream().noneMatch(request -> request.method().equals("PATCH")), "nothing applied");
    }

    @Test
    void theSharedIstioCrIsOnlyAskedToBePatchedAndGrantedRightsPass() {
        cluster.deny("create", "istios");
        new ResourceApplier(cluster.client(), log::add).checkAccess(List.of(NAMESPACE, GATEWAY, ISTIO));
        long reviews = cluster.requests().stream().filter(r -> r.path().endsWith("/selfsubjectaccessreviews")).count();
        assertEquals(5, reviews, "patch and create for ours, patch only for the Istio CR");
        assertTrue(cluster.requests().stream().anyMatch(r -> r.body().contains("\"namespace\":\"kyma-system\"")
                && r.body().contains("\"name\":\"default\"") && r.body().contains("\"group\":\"operator.kyma-project.io\"")),
                "the review names group, namespace and object");
    }

    @Test
    void applyIsServerSideApplyWithOurFieldManagerForcingConflicts() {
        GenericKubernetesResource applied = new ResourceApplier(cluster.client(), log::add).apply(GATEWAY);
        assertEquals("istio-egressgateway", applied.getMetadata().getName());
        MockCluster.Request patch = cluster.requests().stream().filter(r -> r.method().equals("PATCH")).findFirst().orElseThrow();
        assertEquals("application/apply-patch+yaml", patch.contentType());
        assertTrue(patch.query().contains("fieldManager=kyma-mtls-egress") && patch.query().contains("force=true"),
                patch.query());
        assertTrue(patch.pathWithoutQuery().endsWith("/namespaces/mtls-client/gateways/istio-egressgateway"), patch.path());
        new ResourceApplier(cluster.client(), log::add).apply(NAMESPACE);
        assertTrue(cluster.requests().stream().anyMatch(r -> r.method().equals("PATCH")
                && r.pathWithoutQuery().equals("/api/v1/namespaces/mtls-client")), "cluster-scoped path");
        assertEquals(List.of("applied Gateway istio-egressgateway in mtls-client", "applied Namespace mtls-client"), log);
    }
}
