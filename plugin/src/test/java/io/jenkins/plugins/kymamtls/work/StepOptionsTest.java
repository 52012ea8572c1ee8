package io.jenkins.plugins.kymamtls.work;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.jenkins.plugins.kymamtls.steps.expose.ExposeWork;
import io.jenkins.plugins.kymamtls.resources.EgressParameters;
import io.jenkins.plugins.kymamtls.resources.ExposeParameters;
import io.jenkins.plugins.kymamtls.resources.LockParameters;
import io.jenkins.plugins.kymamtls.testing.TestCertificates;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every optional setting of the cluster steps reaches the engine's parameters, files read from the workspace. */
class StepOptionsTest {

    @TempDir
    Path workspace;

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
    void egressOptionsReachTheParameters() throws Exception {
        Path set = TestCertificates.write(workspace.resolve("own"));
        EgressParameters p = (EgressParameters) parameters(Works.egress("kubeconfig", "client", null, TestCertificates.DOMAIN,
                "mtls-client", options -> {
                    options.setCertsDir("own");
                    options.setCaCert("own/egress.crt");
                    options.setClient(TestCertificates.CLIENT);
                    options.setClientCert("own/" + TestCertificates.CLIENT + ".crt");
                    options.setClientKey("own/" + TestCertificates.CLIENT + ".key");
                    options.setSecretName("cred");
                    options.setCurlWorkload(false);
                    options.setEnableEgressGateway(false);
                    options.setAccessLogging(false);
                    options.setCurlImage("registry.local/curl:8");
                }, 40, 30));
        assertEquals("cred", p.secretName());
        assertFalse(p.curlWorkload());
        assertFalse(p.enableEgressGateway());
        assertFalse(p.accessLogging());
        assertEquals("registry.local/curl:8", p.curlImage());
        assertEquals(Duration.ofSeconds(30), p.timeouts().verify());
        assertEquals(Files.readString(set.resolve("egress.crt")), p.client().caCertificatePem());
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

    /** The step's fields mapped to the engine's parameters, as ClusterWork.run does on the agent. */
    private Object parameters(ClusterWork work) {
        return work.parameters(workspace);
    }
}
