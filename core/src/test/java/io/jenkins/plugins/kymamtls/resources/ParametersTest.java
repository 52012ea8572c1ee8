package io.jenkins.plugins.kymamtls.resources;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jenkins.plugins.kymamtls.input.InvalidInputException;
import io.jenkins.plugins.kymamtls.testing.TestCertificates;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What each step's parameters hold by default (the tutorial's values), what they keep as given, and
 * which field a bad value is reported under, before anything touches a cluster.
 */
class ParametersTest {

    @TempDir
    static Path certificates;
    private static CertificateMaterial server;
    private static CertificateMaterial client;

    @BeforeAll
    static void material() {
        TestCertificates.write(certificates);
        server = TestCertificates.server(certificates);
        client = TestCertificates.client(certificates);
    }

    private static void refusedAs(String field, Runnable build) {
        InvalidInputException e = assertThrows(InvalidInputException.class, build::run);
        assertEquals(field, e.field(), e.getMessage());
    }

    @Test
    void exposeDefaultsAreTheTutorialsWithTheNamesInIstioSystemMadeTheNamespacesOwn() {
        ExposeParameters p = ExposeParameters.builder("httpbin.example.com", "mtls-demo", server).build();
        assertEquals("httpbin.example.com", p.domain());
        assertEquals("mtls-demo", p.namespace());
        assertSame(server, p.server());
        assertTrue(p.workload());
        assertEquals("httpbin", p.serviceName());
        assertEquals(8000, p.servicePort());
        assertEquals("kyma-mtls-gateway", p.gatewayName());
        assertEquals("kyma-mtls-certs-mtls-demo", p.secretName(), "the tutorial's name, the namespace's own");
        assertEquals("kyma-mtls-certs", ExposeParameters.builder("httpbin.example.com", "mtls-demo", server)
                .secretName("kyma-mtls-certs").build().secretName(), "the tutorial's own name, when set");
        String longest = "n".repeat(63);
        assertEquals("kyma-mtls-certs-" + longest, ExposeParameters.builder("httpbin.example.com", longest, server)
                .secretName(" ").build().secretName(), "blank is the default, longer than a label is allowed");
        assertEquals("httpbin", p.apiRuleName());
        assertEquals(List.of("GET"), p.methods());
        assertEquals("/*", p.path());
        assertNull(p.resolve());
        assertEquals("docker.io/mccutchen/go-httpbin:v2.15.0", p.httpbinImage());
        assertSame(Timeouts.DEFAULT, p.timeouts());
    }

    @Test
    void exposeKeepsWhatIsGiven() {
        Timeouts timeouts = Timeouts.ofSeconds(30, 20);
        ExposeParameters p = ExposeParameters.builder("*.example.com", "apps", server).workload(false)
                .serviceName("orders").servicePort(8443).gatewayName("gw").secretName("certs").apiRuleName("orders-rule")
                .methods("get,post").path("/api/{**}").resolve("10.0.0.7").httpbinImage("registry.local/httpbin:1")
                .timeouts(timeouts).build();
        assertEquals("*.example.com", p.domain());
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
        assertSame(timeouts, p.timeouts());
    }

    @Test
    void exposeNamesTheFieldOfEachBadValue() {
        UnaryOperator<ExposeParameters.Builder> none = b -> b;
        expose("domain", "Example.com", "ns", none);
        expose("namespace", "example.com", "Ns", none);
        expose("serviceName", "example.com", "ns", b -> b.serviceName("1svc"));
        expose("servicePort", "example.com", "ns", b -> b.servicePort(0));
        expose("gatewayName", "example.com", "ns", b -> b.gatewayName("gw_1"));
        expose("secretName", "example.com", "ns", b -> b.secretName("Secret"));
        expose("apiRuleName", "example.com", "ns", b -> b.apiRuleName("rule."));
        expose("methods", "example.com", "ns", b -> b.methods("FETCH"));
        expose("path", "example.com", "ns", b -> b.path("headers"));
        expose("resolve", "example.com", "ns", b -> b.resolve("fd00::1"));
        expose("httpbinImage", "example.com", "ns", b -> b.httpbinImage("httpbin latest"));
        NullPointerException missing = assertThrows(NullPointerException.class,
                () -> ExposeParameters.builder("example.com", "ns", null).build());
        assertEquals("server certificate material", missing.getMessage());
        assertThrows(NullPointerException.class, () -> ExposeParameters.builder("example.com", "ns", server).timeouts(null));
    }

    private static void expose(String field, String domain, String namespace, UnaryOperator<ExposeParameters.Builder> change) {
        refusedAs(field, () -> change.apply(ExposeParameters.builder(domain, namespace, server)).build());
    }

    @Test
    void egressDefaultsAreTheTutorialsWithTheNamesInIstioSystemMadeTheNamespacesOwn() {
        EgressParameters p = EgressParameters.builder("httpbin.example.com", "mtls-client", client).build();
        assertEquals("httpbin.example.com", p.domain());
        assertEquals("mtls-client", p.namespace());
        assertSame(client, p.client());
        assertEquals("client-credential-mtls-client", p.secretName(), "the tutorial's name, the namespace's own");
        assertEquals("originate-mtls-mtls-client", p.originateRuleName());
        assertEquals("httpbin", p.serviceEntryName());
        assertTrue(p.curlWorkload());
        assertTrue(p.enableEgressGateway());
        assertTrue(p.accessLogging());
        assertEquals("docker.io/curlimages/curl:8.11.1", p.curlImage());
        assertSame(Timeouts.DEFAULT, p.timeouts());
    }

    @Test
    void egressKeepsWhatIsGiven() {
        Timeouts timeouts = Timeouts.ofSeconds(60, 30);
        EgressParameters p = EgressParameters.builder("httpbin.example.com", "mtls-client", client).secretName("cred")
                .serviceEntryName("orders").curlWorkload(false).enableEgressGateway(false).accessLogging(false)
                .curlImage("registry.local/curl:8").timeouts(timeouts).build();
        assertEquals("cred", p.secretName());
        assertEquals("orders", p.serviceEntryName());
        assertFalse(p.curlWorkload());
        assertFalse(p.enableEgressGateway());
        assertFalse(p.accessLogging());
        assertEquals("registry.local/curl:8", p.curlImage());
        assertSame(timeouts, p.timeouts());
    }

    @Test
    void egressNeedsOneConcreteHostAndNamesTheFieldOfEachBadValue() {
        refusedAs("domain", () -> EgressParameters.builder("*.example.com", "ns", client).build());
        refusedAs("namespace", () -> EgressParameters.builder("example.com", "-ns", client).build());
        refusedAs("secretName", () -> EgressParameters.builder("example.com", "ns", client).secretName("a.b").build());
        refusedAs("serviceEntryName",
                () -> EgressParameters.builder("example.com", "ns", client).serviceEntryName("Orders").build());
        refusedAs("curlImage", () -> EgressParameters.builder("example.com", "ns", client).curlImage("").build());
        NullPointerException missing = assertThrows(NullPointerException.class,
                () -> EgressParameters.builder("example.com", "ns", null).build());
        assertEquals("client certificate material", missing.getMessage());
        assertThrows(NullPointerException.class, () -> EgressParameters.builder("example.com", "ns", client).timeouts(null));
    }

    @Test
    void lockDefaultsCheckThatGoogleIsBlockedAndFindDnsOnTheCluster() {
        LockParameters p = LockParameters.builder("mtls-client").build();
        assertEquals("mtls-client", p.namespace());
        assertEquals(List.of(), p.dnsAddresses());
        assertNull(p.allowedUrl());
        assertEquals("https://www.google.com", p.blockedUrl());
        assertSame(Timeouts.DEFAULT, p.timeouts());
    }

    @Test
    void lockKeepsWhatIsGivenWithIpv6AddressesInLowerCase() {
        Timeouts timeouts = Timeouts.ofSeconds(10, 5);
        LockParameters p = LockParameters.builder("mtls-client").dnsAddresses(List.of("10.0.0.1"))
                .dnsAddresses(List.of("10.96.0.10", "FD00::A")).blockedUrl("https://example.org/x")
                .allowedDomain("httpbin.example.com").timeouts(timeouts).build();
        assertEquals(List.of("10.96.0.10", "fd00::a"), p.dnsAddresses());
        assertEquals("http://httpbin.example.com/headers", p.allowedUrl());
        assertEquals("https://example.org/x", p.blockedUrl());
        assertSame(timeouts, p.timeouts());
        assertEquals("https://api.example.com/ping",
                LockParameters.builder("ns").allowedUrl("https://api.example.com/ping").build().allowedUrl());
    }

    @Test
    void lockNamesTheFieldOfEachBadValue() {
        refusedAs("namespace", () -> LockParameters.builder("Mtls").build());
        refusedAs("dnsAddresses", () -> LockParameters.builder("ns").dnsAddresses(List.of("10.0.0.1", "kube-dns")).build());
        refusedAs("domain", () -> LockParameters.builder("ns").allowedDomain("*.example.com"));
        refusedAs("allowedUrl", () -> LockParameters.builder("ns").allowedUrl("ftp://example.com").build());
        refusedAs("blockedUrl", () -> LockParameters.builder("ns").blockedUrl("www.google.com").build());
        assertThrows(NullPointerException.class, () -> LockParameters.builder("ns").timeouts(null));
    }

    @Test
    void timeoutsAreWholeSecondsNamedByTheirField() {
        assertEquals(new Timeouts(Duration.ofSeconds(300), Duration.ofSeconds(120)), Timeouts.DEFAULT);
        assertEquals(new Timeouts(Duration.ofSeconds(1), Duration.ofSeconds(3600)), Timeouts.ofSeconds(1, 3600));
        refusedAs("readyTimeout", () -> Timeouts.ofSeconds(0, 10));
        refusedAs("verifyTimeout", () -> Timeouts.ofSeconds(10, 3601));
    }
}
