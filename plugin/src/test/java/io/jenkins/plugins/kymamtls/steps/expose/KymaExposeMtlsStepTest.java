package io.jenkins.plugins.kymamtls.steps.expose;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jenkins.plugins.kymamtls.cluster.ResourceKinds;
import io.jenkins.plugins.kymamtls.resources.ExposeParameters;
import io.jenkins.plugins.kymamtls.testing.FakeController;
import io.jenkins.plugins.kymamtls.testing.InWorkspace;
import io.jenkins.plugins.kymamtls.testing.MockCluster;
import io.jenkins.plugins.kymamtls.testing.MutualTlsHaproxy;
import io.jenkins.plugins.kymamtls.testing.Persistence;
import io.jenkins.plugins.kymamtls.testing.TestCertificates;
import io.jenkins.plugins.kymamtls.testing.Works;
import io.jenkins.plugins.kymamtls.work.Text;
import io.jenkins.plugins.kymamtls.work.Workspace;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** kymaExposeMtls and its build step: its fields reach the engine, it verifies from the agent, a saved job. */
class KymaExposeMtlsStepTest extends InWorkspace {

    @Test
    @SuppressWarnings("unchecked")
    void exposeReadsTheCertificatesStepsFilesAndVerifiesFromTheAgent() throws Exception {
        Works.certs("mtls", null).run(workspace, log::add);
        Path files = workspace.resolve("mtls");
        try (MockCluster cluster = new MockCluster(); FakeController controller = new FakeController(cluster);
             MutualTlsHaproxy gateway = MutualTlsHaproxy.start(workspace, MutualTlsHaproxy.combine(
                     workspace.resolve("server.pem"), List.of(files.resolve(TestCertificates.DOMAIN + ".crt"),
                             Workspace.of(workspace).keysRoot().resolve("mtls/" + TestCertificates.DOMAIN + ".key"))),
                     files.resolve("egress.crt"))) {
            controller.whenCreated(ResourceKinds.DEPLOYMENT, "mtls-demo", "httpbin", FakeController.available())
                    .whenCreated(ResourceKinds.APIRULE, "mtls-demo", "httpbin", FakeController.kymaState("Ready", "ok"));
            Map<String, Object> result = new ExposeWork(Works.exposeStep("target-kubeconfig", null,
                    TestCertificates.DOMAIN, "mtls-demo", options -> options.setResolve("127.0.0.1"), 30, 20),
                    Text.AS_TYPED, cluster.kubeconfig(), gateway.port()).run(workspace, log::add);
            assertEquals(7, ((List<String>) result.get("applied")).size());
            assertEquals(200, result.get("withClientCertificate"));
            assertTrue(((String) result.get("withoutClientCertificate")).startsWith("no HTTP answer"));
            assertTrue(((String) result.get("xForwardedClientCert")).contains("CN=" + TestCertificates.CLIENT));
        }
    }

    @Test
    void exposeOptionsReachTheParameters() throws Exception {
        Path set = TestCertificates.write(workspace.resolve("own"));
        Files.copy(set.resolve(TestCertificates.DOMAIN + ".crt"), workspace.resolve("server.pem"));
        ExposeParameters p = ((ExposeWork.Checked) parameters(Works.expose("kubeconfig", "target", null, TestCertificates.DOMAIN,
                "apps", options -> {
                    options.setCertsDir("own");
                    options.setCaCert("own/egress.crt");
                    options.setServerCert("server.pem");
                    options.setServerKey("own/" + TestCertificates.DOMAIN + ".key");
                    options.setClient(TestCertificates.CLIENT);
                    options.setClientCert("own/" + TestCertificates.CLIENT + ".crt");
                    options.setClientKey("own/" + TestCertificates.CLIENT + ".key");
                    options.setWorkload(false);
                    options.setServiceName("orders");
                    options.setServicePort(8443);
                    options.setGatewayName("gw");
                    options.setSecretName("certs");
                    options.setApiRuleName("orders-rule");
                    options.setMethods("get,post");
                    options.setPath("/api/{**}");
                    options.setResolve("10.0.0.7");
                    options.setHttpbinImage("registry.local/httpbin:1");
                }, 40, 30))).parameters();
        assertFalse(p.workload());
        assertEquals("orders", p.serviceName());
        assertEquals(8443, p.servicePort());
        assertEquals("gw", p.gatewayName());
        assertEquals("certs", p.secretName());
        assertEquals("orders-rule", p.apiRuleName());
        assertEquals(List.of("GET", "POST"), p.methods());
        assertEquals("/api/{**}", p.path());
        assertEquals("10.0.0.7", p.resolve());
        assertEquals("registry.local/httpbin:1", p.httpbinImage());
        assertEquals(Duration.ofSeconds(40), p.timeouts().ready());
        assertEquals(Duration.ofSeconds(30), p.timeouts().verify());
        assertEquals(Files.readString(set.resolve("egress.crt")), p.server().caCertificatePem());
    }

    @Test
    void exposeBuildStep() throws Exception {
        KymaExposeMtlsStep step = new KymaExposeMtlsStep("target-kubeconfig", "httpbin.example.com", "mtls-demo");
        step.setResolve("10.0.0.7");
        step.setServicePort(9000);
        step.setWorkload(false);
        step.setReadyTimeout(600);
        Persistence.roundTrip(new KymaExposeMtlsBuilder(step), step);
    }

    /** The step's fields mapped to the engine's parameters, as the work does on the agent. */
    private Object parameters(ExposeWork work) {
        return work.parameters(workspace);
    }
}
