package io.jenkins.plugins.kymamtls.work;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;

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
        ExposeWork.Options options = new ExposeWork.Options().certsDir("own").caCert("own/egress.crt")
                .serverCert("server.pem").serverKey("own/" + TestCertificates.DOMAIN + ".key").client(TestCertificates.CLIENT)
                .clientCert("own/" + TestCertificates.CLIENT + ".crt").clientKey("own/" + TestCertificates.CLIENT + ".key")
                .workload(false).serviceName("orders").servicePort(8443).gatewayName("gw").secretName("certs")
                .apiRuleName("orders-rule").methods("get,post").path("/api/{**}").resolve("10.0.0.7")
                .httpbinImage("registry.local/httpbin:1");
        ExposeParameters p = ((ExposeWork.Checked) new ExposeWork("kubeconfig", "target", null, TestCertificates.DOMAIN,
                "apps", options, 40, 30, 443).parameters(workspace)).parameters();
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
        EgressWork.Options options = new EgressWork.Options().certsDir("own").caCert("own/egress.crt")
                .client(TestCertificates.CLIENT).clientCert("own/" + TestCertificates.CLIENT + ".crt")
                .clientKey("own/" + TestCertificates.CLIENT + ".key").secretName("cred").curlWorkload(false)
                .enableEgressGateway(false).accessLogging(false).curlImage("registry.local/curl:8");
        EgressParameters p = (EgressParameters) new EgressWork("kubeconfig", "client", null, TestCertificates.DOMAIN,
                "mtls-client", options, 40, 30).parameters(workspace);
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
        LockWork.Options options = new LockWork.Options().domain(TestCertificates.DOMAIN)
                .dnsAddresses(" 10.96.0.10 ,fd00::A").blockedUrl("https://example.org/");
        LockParameters p = (LockParameters) new LockWork("kubeconfig", "client", null, "mtls-client", options, 40, 30)
                .parameters(workspace);
        assertEquals(List.of("10.96.0.10", "fd00::a"), p.dnsAddresses());
        assertEquals("http://" + TestCertificates.DOMAIN + "/headers", p.allowedUrl());
        assertEquals("https://example.org/", p.blockedUrl());
        LockParameters url = (LockParameters) new LockWork("kubeconfig", "client", null, "mtls-client",
                new LockWork.Options().domain(" ").dnsAddresses(" ").allowedUrl("https://api.example.com/"), 40, 30)
                .parameters(workspace);
        assertEquals("https://api.example.com/", url.allowedUrl());
        assertEquals(List.of(), url.dnsAddresses());
        assertNull(((LockParameters) new LockWork("kubeconfig", "client", null, "mtls-client", new LockWork.Options(), 40,
                30).parameters(workspace)).allowedUrl());
    }
}
