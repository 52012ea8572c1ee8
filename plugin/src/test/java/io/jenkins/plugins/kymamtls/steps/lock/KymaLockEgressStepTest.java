package io.jenkins.plugins.kymamtls.steps.lock;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.jenkins.plugins.kymamtls.cluster.ResourceKinds;
import io.jenkins.plugins.kymamtls.resources.LockParameters;
import io.jenkins.plugins.kymamtls.testing.InWorkspace;
import io.jenkins.plugins.kymamtls.testing.MockCluster;
import io.jenkins.plugins.kymamtls.testing.Persistence;
import io.jenkins.plugins.kymamtls.testing.TestCertificates;
import io.jenkins.plugins.kymamtls.testing.Works;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** kymaLockEgress and its build step: it runs against the credential's cluster, its fields reach the engine, a saved job. */
class KymaLockEgressStepTest extends InWorkspace {

    @Test
    void lockRunsAgainstTheClusterOfTheCredential() {
        try (MockCluster cluster = new MockCluster()) {
            createCurlPod(cluster);
            cluster.onExec(command -> command.contains("google") ? new MockCluster.ExecResult("", 7)
                    : new MockCluster.ExecResult("200", 0));
            Map<String, Object> result = Works.lock(cluster.kubeconfig(), "client-kubeconfig", null, "mtls-client",
                    options -> {
                        options.setDomain(TestCertificates.DOMAIN);
                        options.setDnsAddresses("10.96.0.10, 169.254.20.10");
                    }, 10, 5).run(workspace, log::add);
            assertEquals(List.of("10.96.0.10", "169.254.20.10"), result.get("dnsAddresses"));
            assertEquals("HTTP 200", result.get("allowed"));
            assertEquals(List.of("NetworkPolicy network-policy-allow-egress-traffic in mtls-client"), result.get("applied"));
        }
    }


    @Test
    void lockOptionsReachTheParametersAndBlankOnesAreNotGiven() {
        LockParameters p = (LockParameters) parameters(Works.lock("kubeconfig", "client", null, "mtls-client", options -> {
            options.setDomain(TestCertificates.DOMAIN);
            options.setDnsAddresses(" 10.96.0.10 ,fd00::A");
            options.setBlockedUrl("https://example.org/");
        }, 40, 30));
        assertEquals(List.of("10.96.0.10", "fd00::a"), p.dnsAddresses());
        assertEquals("http://" + TestCertificates.DOMAIN + "/headers", p.allowedUrl());
        assertEquals("https://example.org/", p.blockedUrl());
        LockParameters url = (LockParameters) parameters(Works.lock("kubeconfig", "client", null, "mtls-client", options -> {
            options.setDomain(" ");
            options.setDnsAddresses(" ");
            options.setAllowedUrl("https://api.example.com/");
        }, 40, 30));
        assertEquals("https://api.example.com/", url.allowedUrl());
        assertEquals(List.of(), url.dnsAddresses());
        assertNull(((LockParameters) parameters(Works.lock("kubeconfig", "client", null, "mtls-client", options -> { }, 40,
                30))).allowedUrl());
    }

    @Test
    void lockBuildStep() throws Exception {
        KymaLockEgressStep step = new KymaLockEgressStep("client-kubeconfig", "mtls-demo");
        step.setDnsAddresses("10.96.0.10, 169.254.20.10");
        step.setBlockedUrl("http://blocked.example.com/");
        step.setVerifyTimeout(30);
        Persistence.roundTrip(new KymaLockEgressBuilder(step), step);
    }

    /** The step's fields mapped to the engine's parameters, as the work does on the agent. */
    private Object parameters(LockWork work) {
        return work.parameters(workspace);
    }

    private static void createCurlPod(MockCluster cluster) {
        io.fabric8.kubernetes.api.model.GenericKubernetesResource pod = new io.fabric8.kubernetes.api.model.GenericKubernetesResource();
        pod.setApiVersion("v1");
        pod.setKind("Pod");
        pod.setMetadata(new io.fabric8.kubernetes.api.model.ObjectMetaBuilder().withName("curl-1")
                .withNamespace("mtls-client").withLabels(Map.of("app", "curl")).build());
        pod.setAdditionalProperty("spec", Map.of("containers", List.of(Map.of("name", "curl", "image", "curl"))));
        pod.setAdditionalProperty("status", Map.of("conditions", List.of(Map.of("type", "Ready", "status", "True"))));
        cluster.unrecorded().genericKubernetesResources(ResourceKinds.POD).inNamespace("mtls-client").resource(pod).create();
    }
}
