package io.jenkins.plugins.kymamtls.certificates;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jenkins.plugins.kymamtls.testing.ExternalTools;
import io.jenkins.plugins.kymamtls.testing.MutualTlsHaproxy;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The generated files against peers that know nothing of this project: OpenSSL's verifier, curl,
 * the JDK HTTP client, and haproxy demanding client certificates as Istio's MUTUAL gateway does.
 */
class RealPeerInteropTest {

    private static final String DOMAIN = "httpbin.mtls.test";
    private static final String CLIENT = "client.mtls.test";

    @TempDir
    Path dir;

    @BeforeAll
    static void peersPresent() {
        ExternalTools.require("openssl", "curl", "haproxy");
    }

    private Path generate(Path out, KeyAlgorithm algorithm) {
        new CertificateEngine().generate(CertificateRequest.builder(DOMAIN, CLIENT).keyAlgorithm(algorithm)
                .outputDirectory(out).build(), line -> { });
        return out;
    }

    private ExternalTools.Result openssl(Path cwd, String... arguments) throws Exception {
        List<String> command = new ArrayList<>(List.of(ExternalTools.path("openssl")));
        command.addAll(List.of(arguments));
        return ExternalTools.run(cwd, command);
    }

    @ParameterizedTest
    @EnumSource(KeyAlgorithm.class)
    void opensslVerifiesBothLeavesForTheirPurposeAgainstTheirCaOnly(KeyAlgorithm algorithm) throws Exception {
        Path set = generate(dir.resolve("set"), algorithm);
        Path other = generate(dir.resolve("other"), KeyAlgorithm.EC_P256);

        ExternalTools.Result server = openssl(set, "verify", "-CAfile", "egress.crt", "-purpose", "sslserver",
                "-verify_hostname", DOMAIN, DOMAIN + ".crt");
        assertTrue(server.succeeded() && server.output().contains(": OK"), server.output());
        ExternalTools.Result client = openssl(set, "verify", "-CAfile", "egress.crt", "-purpose", "sslclient",
                CLIENT + ".crt");
        assertTrue(client.succeeded(), client.output());

        for (String leaf : List.of(DOMAIN + ".crt", CLIENT + ".crt")) {
            ExternalTools.Result foreign = openssl(set, "verify", "-CAfile", other.resolve("egress.crt").toString(), leaf);
            assertFalse(foreign.succeeded(), foreign.output());
            assertTrue(foreign.output().contains("unable to get local issuer certificate"), foreign.output());
        }
    }

    @Test
    void opensslShowsTheExtensionsOfEachRole() throws Exception {
        Path set = generate(dir, KeyAlgorithm.RSA_2048);
        String ca = openssl(set, "x509", "-noout", "-text", "-in", "egress.crt").output();
        assertContainsAll(ca, "Subject: O = example Inc., CN = httpbin.mtls.test",
                "X509v3 Basic Constraints: critical", "CA:TRUE", "X509v3 Key Usage: critical",
                "Certificate Sign, CRL Sign", "X509v3 Subject Key Identifier", "Signature Algorithm: sha256WithRSAEncryption");
        String server = openssl(set, "x509", "-noout", "-text", "-in", DOMAIN + ".crt").output();
        assertContainsAll(server, "Subject: CN = httpbin.mtls.test, O = example Inc.", "CA:FALSE",
                "Digital Signature, Key Encipherment", "TLS Web Server Authentication", "DNS:httpbin.mtls.test",
                "X509v3 Authority Key Identifier", "X509v3 Subject Key Identifier", "Public-Key: (2048 bit)");
        String client = openssl(set, "x509", "-noout", "-text", "-in", CLIENT + ".crt").output();
        assertContainsAll(client, "Subject: CN = client.mtls.test", "CA:FALSE", "TLS Web Client Authentication",
                "DNS:client.mtls.test");
        assertFalse(client.contains("TLS Web Server Authentication"), client);
        String fingerprint = openssl(set, "x509", "-noout", "-fingerprint", "-sha256", "-in", "egress.crt").output();
        String json = Files.readString(set.resolve("certificates.json"));
        assertTrue(json.contains(fingerprint.substring(fingerprint.indexOf('=') + 1).trim()), fingerprint);
    }

    @ParameterizedTest
    @EnumSource(KeyAlgorithm.class)
    void mutualTlsGatewayAcceptsOnlyTheClientCertificate(KeyAlgorithm algorithm) throws Exception {
        Path set = generate(dir.resolve("set"), algorithm);
        Path other = generate(dir.resolve("other"), algorithm);
        assertGatewayChecks(set, other);
    }

    /** Leaves issued from a CA made outside, by the tutorial's own openssl command, in each key format. */
    @ParameterizedTest
    @ValueSource(strings = {"tutorial-rsa-pkcs8", "rsa-pkcs1", "ec-sec1"})
    void leavesFromASuppliedCaPassTheSameChecks(String caKind) throws Exception {
        Path caDir = Files.createDirectories(dir.resolve("ca"));
        switch (caKind) {
            case "tutorial-rsa-pkcs8" -> run(openssl(caDir, "req", "-x509", "-sha256", "-nodes", "-days", "365",
                    "-newkey", "rsa:2048", "-subj", "/O=example Inc./CN=" + DOMAIN, "-keyout", "ca.key", "-out", "ca.crt"));
            case "rsa-pkcs1" -> {
                run(openssl(caDir, "req", "-x509", "-nodes", "-days", "30", "-newkey", "rsa:2048",
                        "-subj", "/CN=Team CA", "-keyout", "pkcs8.key", "-out", "ca.crt"));
                run(openssl(caDir, "rsa", "-in", "pkcs8.key", "-traditional", "-out", "ca.key"));
            }
            default -> {
                run(openssl(caDir, "ecparam", "-name", "prime256v1", "-genkey", "-noout", "-out", "ca.key"));
                run(openssl(caDir, "req", "-x509", "-new", "-key", "ca.key", "-days", "30", "-subj", "/CN=Team EC CA",
                        "-out", "ca.crt"));
            }
        }
        String keyHeader = Files.readAllLines(caDir.resolve("ca.key")).get(0);
        assertEquals(switch (caKind) {
            case "tutorial-rsa-pkcs8" -> "-----BEGIN PRIVATE KEY-----";
            case "rsa-pkcs1" -> "-----BEGIN RSA PRIVATE KEY-----";
            default -> "-----BEGIN EC PRIVATE KEY-----";
        }, keyHeader);

        Path set = dir.resolve("set");
        new CertificateEngine().generate(CertificateRequest.builder(DOMAIN, CLIENT).outputDirectory(set)
                .authority(Files.readString(caDir.resolve("ca.crt")), Files.readString(caDir.resolve("ca.key")))
                .days(20).build(), line -> { });
        assertFalse(Files.exists(set.resolve("egress.key")), "the supplied CA key is not copied");
        assertGatewayChecks(set, generate(dir.resolve("other"), KeyAlgorithm.RSA_2048));
    }

    private void assertGatewayChecks(Path set, Path otherCa) throws Exception {
        Path serverPem = MutualTlsHaproxy.combine(dir.resolve("server.pem"),
                List.of(set.resolve(DOMAIN + ".crt"), set.resolve(DOMAIN + ".key")));
        try (MutualTlsHaproxy gateway = MutualTlsHaproxy.start(dir, serverPem, set.resolve("egress.crt"))) {
            String url = "https://" + DOMAIN + ":" + gateway.port() + "/headers";
            String resolve = DOMAIN + ":" + gateway.port() + ":127.0.0.1";

            ExternalTools.Result withCertificate = curl(set, resolve, url, "--cert", CLIENT + ".crt",
                    "--key", CLIENT + ".key");
            assertTrue(withCertificate.output().startsWith("200"), withCertificate.output());
            assertTrue(withCertificate.output().contains("CN=" + CLIENT), withCertificate.output());

            ExternalTools.Result without = curl(set, resolve, url);
            // Refused in the handshake (curl 35 or 56), never an HTTP answer.
            assertTrue(without.exitCode() == 35 || without.exitCode() == 56, without.exitCode() + " " + without.output());

            ExternalTools.Result foreign = curl(set, resolve, url, "--cert", otherCa.resolve(CLIENT + ".crt").toString(),
                    "--key", otherCa.resolve(CLIENT + ".key").toString());
            assertTrue(foreign.exitCode() == 35 || foreign.exitCode() == 56, foreign.exitCode() + " " + foreign.output());

            X509Certificate root = PemMaterial.readCertificate(Files.readString(set.resolve("egress.crt")));
            HttpResponse<String> jdk = jdkGet(url, root, set);
            assertEquals(200, jdk.statusCode());
            assertTrue(jdk.body().contains("CN=" + CLIENT), jdk.body());
            assertJdkRefused(url, root, null);
            assertJdkRefused(url, root, otherCa);
        }
    }

    private static void assertContainsAll(String text, String... expected) {
        for (String part : expected) {
            assertTrue(text.contains(part), "missing '" + part + "' in:\n" + text);
        }
    }

    private static void run(ExternalTools.Result result) {
        assertTrue(result.succeeded(), result.output());
    }

    /** Hostname verification stays on: no -k, the host name mapped to loopback as with --resolve. */
    private ExternalTools.Result curl(Path cwd, String resolve, String url, String... clientCertificate)
            throws Exception {
        List<String> command = new ArrayList<>(List.of(ExternalTools.path("curl"), "-sS", "--max-time", "10",
                "--resolve", resolve, "--cacert", "egress.crt", "-o", "-", "-w", "\n%{http_code}"));
        command.addAll(List.of(clientCertificate));
        command.add(url);
        ExternalTools.Result result = ExternalTools.run(cwd, command);
        String output = result.output().strip();
        int lastLine = output.lastIndexOf('\n');
        // Put the status first so assertions read "200 …".
        return new ExternalTools.Result(result.exitCode(),
                lastLine < 0 ? output : output.substring(lastLine + 1) + " " + output.substring(0, lastLine));
    }

    private static HttpResponse<String> jdkGet(String url, X509Certificate root, Path clientSet) throws Exception {
        KeyStore trust = KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        trust.setCertificateEntry("root", root);
        TrustManagerFactory trustFactory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trustFactory.init(trust);
        KeyManagerFactory keyFactory = null;
        if (clientSet != null) {
            KeyStore keys = KeyStore.getInstance("PKCS12");
            keys.load(null, null);
            keys.setKeyEntry("client", PemMaterial.readPrivateKey(Files.readString(clientSet.resolve(CLIENT + ".key"))),
                    new char[0], new X509Certificate[] {
                        PemMaterial.readCertificate(Files.readString(clientSet.resolve(CLIENT + ".crt")))});
            keyFactory = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            keyFactory.init(keys, new char[0]);
        }
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(keyFactory == null ? null : keyFactory.getKeyManagers(), trustFactory.getTrustManagers(), null);
        HttpClient client = HttpClient.newBuilder().sslContext(context).connectTimeout(Duration.ofSeconds(10)).build();
        return client.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static void assertJdkRefused(String url, X509Certificate root, Path clientSet) {
        org.junit.jupiter.api.Assertions.assertThrows(IOException.class,
                () -> jdkGet(url, root, clientSet), "the gateway answered instead of refusing the handshake");
    }
}
