package io.jenkins.plugins.kymamtls.certificates;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The TLS contexts the self-test and the probes are built on. */
class TlsContextsTest {

    private static CertificateSet set;

    @BeforeAll
    static void certificates() {
        set = new CertificateEngine().issue(CertificateRequest.builder("httpbin.mtls.test", "client.mtls.test")
                .keyAlgorithm(KeyAlgorithm.EC_P256).selfTest(false).build());
    }

    @Test
    void theIdentityIsOfferedForItsOwnKeyTypeOnlyToSocketsAndEnginesAlike() {
        TlsContexts.IdentityKeyManager keys = new TlsContexts.IdentityKeyManager(set.client().privateKey(),
                set.client().chain());
        String[] identity = {"identity"};
        assertArrayEquals(identity, keys.getClientAliases("EC", null));
        assertArrayEquals(identity, keys.getServerAliases("EC", null));
        assertNull(keys.getClientAliases("RSA", null));
        assertNull(keys.getServerAliases("RSA", null));
        assertEquals("identity", keys.chooseClientAlias(new String[] {"RSA", "EC"}, null, null));
        assertEquals("identity", keys.chooseEngineClientAlias(new String[] {"RSA", "EC"}, null, null));
        assertNull(keys.chooseEngineClientAlias(new String[] {"RSA"}, null, null));
        assertNull(keys.chooseClientAlias(null, null, null));
        assertEquals("identity", keys.chooseServerAlias("EC", null, null));
        assertEquals("identity", keys.chooseEngineServerAlias("EC", null, null));
        assertNull(keys.chooseEngineServerAlias("RSA", null, null));
        assertSame(set.client().privateKey(), keys.getPrivateKey("identity"));
        assertArrayEquals(set.client().chain(), keys.getCertificateChain("identity"));
        assertNull(keys.getPrivateKey("other"));
        assertNull(keys.getCertificateChain("other"));
    }

    @Test
    void anEngineBasedClientPresentsTheIdentityToAServerThatDemandsOne() throws Exception {
        // The JDK's HTTP client drives TLS through an SSLEngine, not a socket.
        try (SSLServerSocket server = (SSLServerSocket) TlsContexts.of(set.server().privateKey(), set.server().chain(),
                set.authority().certificate()).sslContext().getServerSocketFactory()
                .createServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            server.setNeedClientAuth(true);
            CompletableFuture<String> seen = CompletableFuture.supplyAsync(() -> {
                try (SSLSocket socket = (SSLSocket) server.accept()) {
                    socket.setSoTimeout(10_000);
                    BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(),
                            StandardCharsets.US_ASCII));
                    for (String line = in.readLine(); line != null && !line.isEmpty(); line = in.readLine()) {
                        // the request head
                    }
                    OutputStream out = socket.getOutputStream();
                    out.write("HTTP/1.1 204 No Content\r\nConnection: close\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                    out.flush();
                    return socket.getSession().getPeerPrincipal().getName();
                } catch (Exception e) {
                    return e.toString();
                }
            });
            HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10))
                    .sslContext(TlsContexts.of(set.client().privateKey(), set.client().chain(),
                            set.authority().certificate()).sslContext()).build();
            HttpResponse<Void> response = client.send(HttpRequest.newBuilder(URI.create(
                    "https://httpbin.mtls.test:" + server.getLocalPort() + "/")).timeout(Duration.ofSeconds(10)).build(),
                    HttpResponse.BodyHandlers.discarding());
            assertEquals(204, response.statusCode());
            assertEquals(set.client().certificate().getSubjectX500Principal().getName(), seen.get(10, TimeUnit.SECONDS));
        }
    }
}
