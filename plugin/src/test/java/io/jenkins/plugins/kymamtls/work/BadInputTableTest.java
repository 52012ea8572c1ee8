package io.jenkins.plugins.kymamtls.work;

import io.jenkins.plugins.kymamtls.testing.Works;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jenkins.plugins.kymamtls.steps.certs.CertsWork;
import io.jenkins.plugins.kymamtls.steps.egress.EgressWork;
import io.jenkins.plugins.kymamtls.steps.expose.ExposeWork;
import io.jenkins.plugins.kymamtls.steps.lock.LockWork;
import io.jenkins.plugins.kymamtls.input.InvalidInputException;
import io.jenkins.plugins.kymamtls.steps.egress.KymaEgressRouteStep;
import io.jenkins.plugins.kymamtls.steps.expose.KymaExposeMtlsStep;
import io.jenkins.plugins.kymamtls.steps.lock.KymaLockEgressStep;
import io.jenkins.plugins.kymamtls.testing.MockCluster;
import io.jenkins.plugins.kymamtls.testing.TestCertificates;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiFunction;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Bad input across the four steps, each rejected before any API request with a message that names
 * the field, shows the value (unless it is secret) and says what is allowed.
 */
class BadInputTableTest {

    private static Path workspace;
    private static MockCluster cluster;
    private static String kubeconfig;

    @BeforeAll
    static void scene() throws Exception {
        workspace = Files.createTempDirectory("bad-input");
        TestCertificates.write(workspace.resolve("mtls"));
        TestCertificates.write(workspace.resolve("other"));
        Path notCa = Files.createDirectories(workspace.resolve("notca"));
        Files.copy(workspace.resolve("mtls/" + TestCertificates.DOMAIN + ".crt"), notCa.resolve("leaf.crt"));
        Files.writeString(workspace.resolve("binary.crt"), "\u0000\u0001\u0002garbage");
        cluster = new MockCluster();
        kubeconfig = cluster.kubeconfig();
    }

    @AfterAll
    static void stop() {
        cluster.close();
    }

    private record Case(String description, String field, String shownValue, String allowed, StepWork work) {
        @Override
        public String toString() {
            return description;
        }
    }

    private static CertsWork certs(String domain, String client, String certsDir, String keyAlgorithm, int days, String org,
                                   String caBundle) {
        return Works.certs(domain, client, certsDir, keyAlgorithm, days, org, caBundle, "team-ca", false, false);
    }

    private static CertsWork certsDomain(String domain) {
        return certs(domain, "client.example.com", "out", "ec-p256", 30, "example Inc.", null);
    }

    private static ExposeWork expose(String config, String domain, String namespace, Consumer<KymaExposeMtlsStep> change) {
        return Works.expose(config, "target-kubeconfig", null, domain, namespace, change, 30, 30);
    }

    private static ExposeWork expose(Consumer<KymaExposeMtlsStep> change) {
        return expose(kubeconfig, TestCertificates.DOMAIN, "mtls-demo", change);
    }

    private static EgressWork egress(String domain, String namespace, Consumer<KymaEgressRouteStep> change) {
        return Works.egress(kubeconfig, "client-kubeconfig", null, domain, namespace, change, 30, 30);
    }

    private static LockWork lock(String namespace, Consumer<KymaLockEgressStep> change, int readyTimeout) {
        return Works.lock(kubeconfig, "client-kubeconfig", null, namespace, change, readyTimeout, 30);
    }

    static Stream<Case> cases() {
        String dns = "a DNS name";
        BiFunction<String, String, Case> domain = (value, description) ->
                new Case("kymaMtlsCerts domain " + description, "domain", value, dns, certsDomain(value));
        List<Case> cases = new ArrayList<>(List.of(
                domain.apply("Httpbin.Example.com", "uppercase"),
                domain.apply("http_bin.example.com", "underscore"),
                domain.apply("10.0.0.1", "IP literal"),
                domain.apply("a.*.example.com", "wildcard inside"),
                domain.apply("-x.example.com", "leading hyphen"),
                domain.apply("x".repeat(64) + ".example.com", "label over 63"),
                domain.apply(("abcdefghij".repeat(6) + ".").repeat(5) + "com", "over 253"),
                domain.apply("x.example.com\nkind: Secret", "YAML injection"),
                domain.apply("$(rm -rf /).example.com", "shell text"),
                domain.apply("", "empty"),
                new Case("kymaMtlsCerts client wildcard", "client", "*.example.com", dns,
                        certs("httpbin.example.com", "*.example.com", "out", "ec-p256", 30, "example Inc.", null)),
                new Case("kymaMtlsCerts client same as domain", "client", "httpbin.example.com", "a name other than the domain",
                        certs("httpbin.example.com", "httpbin.example.com", "out", "ec-p256", 30, "x", null)),
                new Case("kymaMtlsCerts days negative", "days", "-1", "1 to 3650",
                        certs("a.example.com", "b.example.com", "out", "ec-p256", -1, "x", null)),
                new Case("kymaMtlsCerts days huge", "days", "100000", "1 to 3650",
                        certs("a.example.com", "b.example.com", "out", "ec-p256", 100000, "x", null)),
                new Case("kymaMtlsCerts org with DN syntax", "org", "x, CN=evil", "free text",
                        certs("a.example.com", "b.example.com", "out", "ec-p256", 30, "x, CN=evil", null)),
                new Case("kymaMtlsCerts key algorithm", "keyAlgorithm", "dsa-1024", "one of rsa-2048",
                        certs("a.example.com", "b.example.com", "out", "dsa-1024", 30, "x", null)),
                new Case("kymaMtlsCerts certsDir escaping", "certsDir", "../../etc", "relative to the workspace",
                        certs("a.example.com", "b.example.com", "../../etc", "ec-p256", 30, "x", null)),
                new Case("kymaMtlsCerts CA without key", "caCredentialsId 'team-ca'", null, "PEM private key",
                        certs("a.example.com", "b.example.com", "out", "ec-p256", 30, "x", "-----BEGIN CERTIFICATE-----\nAA==\n-----END CERTIFICATE-----\n")),
                new Case("kymaExposeMtls namespace uppercase", "namespace", "MTLS", "DNS-1123 label",
                        expose(kubeconfig, TestCertificates.DOMAIN, "MTLS", o -> { })),
                new Case("kymaExposeMtls namespace too long", "namespace", "n".repeat(64), "DNS-1123 label",
                        expose(kubeconfig, TestCertificates.DOMAIN, "n".repeat(64), o -> { })),
                new Case("kymaExposeMtls namespace injection", "namespace", "x\nkind: Secret", "DNS-1123 label",
                        expose(kubeconfig, TestCertificates.DOMAIN, "x\nkind: Secret", o -> { })),
                new Case("kymaExposeMtls domain with underscore", "domain", "a_b.example.com", dns,
                        expose(kubeconfig, "a_b.example.com", "mtls-demo", o -> { })),
                new Case("kymaExposeMtls port zero", "servicePort", "0", "1 to 65535", expose(o -> o.setServicePort(0))),
                new Case("kymaExposeMtls port too large", "servicePort", "70000", "1 to 65535",
                        expose(o -> o.setServicePort(70000))),
                new Case("kymaExposeMtls gateway name", "gatewayName", "Gw_1", "DNS-1035 label", expose(o -> o.setGatewayName("Gw_1"))),
                new Case("kymaExposeMtls method", "methods", "GET,STEAL", "HTTP methods", expose(o -> o.setMethods("GET,STEAL"))),
                new Case("kymaExposeMtls path", "path", "headers", "'/*'", expose(o -> o.setPath("headers"))),
                new Case("kymaExposeMtls resolve not an address", "resolve", "10.0.0", "an IPv4 address",
                        expose(o -> o.setResolve("10.0.0"))),
                new Case("kymaExposeMtls image with spaces", "httpbinImage", "httpbin; rm -rf", "a container image",
                        expose(o -> o.setHttpbinImage("httpbin; rm -rf"))),
                new Case("kymaExposeMtls missing certificates", "caCert", null, "PEM file", expose(o -> o.setCertsDir("missing"))),
                new Case("kymaExposeMtls binary certificate", "caCert", null, "PEM certificate",
                        expose(o -> o.setCaCert("binary.crt"))),
                new Case("kymaExposeMtls key of another set", "serverKey", null, "the key written with it",
                        expose(o -> o.setServerKey("other/" + TestCertificates.DOMAIN + ".key"))),
                new Case("kymaExposeMtls certificate of another CA", "serverCert", null, "certificates from one set",
                        expose(o -> {
                            o.setServerCert("other/" + TestCertificates.DOMAIN + ".crt");
                            o.setServerKey("other/" + TestCertificates.DOMAIN + ".key");
                        })),
                new Case("kymaExposeMtls empty kubeconfig", "credentialsId", null, "kubeconfig YAML",
                        expose("", TestCertificates.DOMAIN, "mtls-demo", o -> { })),
                new Case("kymaExposeMtls garbage kubeconfig", "credentialsId", null, "kubeconfig YAML",
                        expose("{{{{ not: yaml", TestCertificates.DOMAIN, "mtls-demo", o -> { })),
                new Case("kymaExposeMtls binary kubeconfig", "credentialsId", null, "kubeconfig YAML",
                        expose("\u0000\u0001kube", TestCertificates.DOMAIN, "mtls-demo", o -> { })),
                new Case("kymaEgressRoute wildcard domain", "domain", "*.example.com", dns,
                        egress("*.example.com", "mtls-client", o -> { })),
                new Case("kymaEgressRoute namespace", "namespace", "mtls.client", "DNS-1123 label",
                        egress(TestCertificates.DOMAIN, "mtls.client", o -> { })),
                new Case("kymaEgressRoute secret name", "secretName", "Client Credential", "DNS-1035 label",
                        egress(TestCertificates.DOMAIN, "mtls-client", o -> o.setSecretName("Client Credential"))),
                new Case("kymaEgressRoute curl image", "curlImage", "curl image", "a container image",
                        egress(TestCertificates.DOMAIN, "mtls-client", o -> o.setCurlImage("curl image"))),
                new Case("kymaEgressRoute client name", "client", "Client", dns,
                        egress(TestCertificates.DOMAIN, "mtls-client", o -> o.setClient("Client"))),
                new Case("kymaLockEgress DNS address", "dnsAddresses", "10.0.0.256", "an IPv4 address",
                        lock("mtls-client", o -> o.setDnsAddresses("10.0.0.256"), 30)),
                new Case("kymaLockEgress DNS CIDR", "dnsAddresses", "10.0.0.0/8", "an IPv4 address",
                        lock("mtls-client", o -> o.setDnsAddresses("10.0.0.0/8"), 30)),
                new Case("kymaLockEgress blocked URL", "blockedUrl", "ftp://example.com", "an http:// or https:// URL",
                        lock("mtls-client", o -> o.setBlockedUrl("ftp://example.com"), 30)),
                new Case("kymaLockEgress allowed URL", "allowedUrl", "https://", "an http:// or https:// URL",
                        lock("mtls-client", o -> o.setAllowedUrl("https://"), 30)),
                new Case("kymaLockEgress namespace", "namespace", "", "DNS-1123 label", lock("", o -> { }, 30)),
                new Case("kymaLockEgress timeout", "readyTimeout", "0", "1 to 3600", lock("mtls-client", o -> { }, 0)),
                new Case("kymaLockEgress unknown context", "context", "prod", "one of the kubeconfig's contexts [mock]",
                        Works.lock(kubeconfig, "client-kubeconfig", "prod", "mtls-client", o -> { }, 30, 30))));
        return cases.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void isRejectedBeforeAnyApiRequest(Case badInput) {
        cluster.clearRequests();
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> badInput.work().run(workspace, line -> { }), badInput.description());
        String message = e.getMessage();
        assertTrue(message.startsWith(badInput.field() + ": "), message);
        if (badInput.shownValue() != null) {
            String shown = badInput.shownValue().replace("\n", "\\u000a");
            assertTrue(message.contains(shown.length() > 80 ? shown.substring(0, 80) : shown), message);
        }
        assertTrue(message.contains(badInput.allowed()), message);
        assertFalse(message.contains("\n"), "one line: " + message);
        assertEquals(List.of(), cluster.requests(), "the API server was contacted");
    }

    @org.junit.jupiter.api.Test
    void theTableCoversAtLeastFortyCases() {
        assertTrue(cases().count() >= 40, "cases: " + cases().count());
    }

    /** An expired CA is bad input too; its clock is the only thing a table row cannot set up. */
    @org.junit.jupiter.api.Test
    void anExpiredCaIsRejected() throws Exception {
        Clock past = Clock.fixed(Instant.parse("2020-01-01T00:00:00Z"), ZoneOffset.UTC);
        var old = new io.jenkins.plugins.kymamtls.certificates.CertificateEngine(
                new io.jenkins.plugins.kymamtls.certificates.CertificateIssuer(new java.security.SecureRandom(), past), past)
                .issue(io.jenkins.plugins.kymamtls.certificates.CertificateRequest.builder("a.example.com", "b.example.com")
                        .keyAlgorithm(io.jenkins.plugins.kymamtls.certificates.KeyAlgorithm.EC_P256).days(10).caDays(10).build());
        String bundle = pem(old.authority().certificate())
                + pem(new org.bouncycastle.openssl.jcajce.JcaPKCS8Generator(old.authority().privateKey(), null));
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> certs("a.example.com", "b.example.com",
                "expired", "ec-p256", 30, "x", bundle).run(workspace, line -> { }));
        assertTrue(e.getMessage().startsWith("caCert: the CA certificate") && e.getMessage().contains("expired on 2020-01-11"),
                e.getMessage());
        assertFalse(Files.exists(workspace.resolve("expired")));
    }

    private static String pem(Object object) throws Exception {
        java.io.StringWriter text = new java.io.StringWriter();
        try (org.bouncycastle.openssl.jcajce.JcaPEMWriter writer = new org.bouncycastle.openssl.jcajce.JcaPEMWriter(text)) {
            writer.writeObject(object);
        }
        return text.toString();
    }
}
