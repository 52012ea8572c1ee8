package io.jenkins.plugins.kymamtls.verification;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jenkins.plugins.kymamtls.certificates.CertificateEngine;
import io.jenkins.plugins.kymamtls.certificates.CertificateRequest;
import io.jenkins.plugins.kymamtls.certificates.CertificateSet;
import io.jenkins.plugins.kymamtls.certificates.KeyAlgorithm;
import io.jenkins.plugins.kymamtls.certificates.TlsContexts;
import io.jenkins.plugins.kymamtls.cluster.ClusterFailure;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The probe against a real TLS server in this JVM that demands a client certificate, as the
 * gateway does. The host name exists nowhere but in the certificate, so every request here also
 * depends on the probe connecting where it is told to, as {@code curl --resolve} does.
 */
class MutualTlsProbeTest {

    /** Not in the tests' hosts file, and no DNS server knows it. */
    private static final String HOST = "probe-only.mtls.test";
    private static CertificateSet set;

    private SSLServerSocket server;

    @BeforeAll
    static void certificates() {
        set = new CertificateEngine().issue(CertificateRequest.builder(HOST, "client.mtls.test")
                .keyAlgorithm(KeyAlgorithm.EC_P256).selfTest(false).build());
    }

    @AfterEach
    void stop() throws IOException {
        if (server != null) {
            server.close();
        }
    }

    /** Accepts one connection on loopback and hands it, handshake done, to the given handler. */
    private CompletableFuture<Void> serveOnce(SocketHandler handler) throws Exception {
        server = (SSLServerSocket) TlsContexts.of(set.server().privateKey(), set.server().chain(),
                set.authority().certificate()).sslContext().getServerSocketFactory()
                .createServerSocket(0, 1, InetAddress.getLoopbackAddress());
        server.setNeedClientAuth(true);
        return CompletableFuture.runAsync(() -> {
            try (SSLSocket socket = (SSLSocket) server.accept()) {
                socket.setSoTimeout(20_000);
                socket.startHandshake();
                handler.handle(socket);
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        });
    }

    private interface SocketHandler {
        void handle(SSLSocket socket) throws IOException;
    }

    private static void answer(SSLSocket socket, String response) throws IOException {
        BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII));
        for (String line = in.readLine(); line != null && !line.isEmpty(); line = in.readLine()) {
            // the request head; the answer does not depend on it
        }
        OutputStream out = socket.getOutputStream();
        out.write(response.getBytes(StandardCharsets.US_ASCII));
        out.flush();
    }

    private String url() {
        return "https://" + HOST + ":" + server.getLocalPort() + "/headers";
    }

    private MutualTlsProbe probe(Duration timeout) {
        return new MutualTlsProbe(List.of(set.authority().certificate()), "127.0.0.1", timeout);
    }

    @Test
    void aHostThatNoResolverKnowsIsReachedAtTheGivenAddress() throws Exception {
        CompletableFuture<Void> served = serveOnce(socket -> answer(socket,
                "HTTP/1.1 200 OK\r\nContent-Length: 2\r\nConnection: close\r\n\r\nok"));
        ProbeResult result = probe(Duration.ofSeconds(10)).get(url(), set.client().certificate(), set.client().privateKey());
        assertEquals(200, result.status(), result.describe());
        assertEquals("ok", result.body());
        served.get(10, TimeUnit.SECONDS);
    }

    @Test
    void theClientCertificateIsSentWithTheCaThatIssuedIt() throws Exception {
        // As curl --cert with a bundle: a gateway that holds only a root above an issuing CA needs it.
        AtomicReference<Integer> chainLength = new AtomicReference<>();
        CompletableFuture<Void> served = serveOnce(socket -> {
            chainLength.set(socket.getSession().getPeerCertificates().length);
            answer(socket, "HTTP/1.1 200 OK\r\nContent-Length: 0\r\nConnection: close\r\n\r\n");
        });
        ProbeResult result = probe(Duration.ofSeconds(10)).get(url(), set.client().certificate(), set.client().privateKey());
        served.get(10, TimeUnit.SECONDS);
        assertEquals(200, result.status(), result.describe());
        assertEquals(2, chainLength.get(), "the client certificate and the CA that issued it");
    }

    @Test
    void aResponseCutShortIsNoAnswerWithItsReason() throws Exception {
        CompletableFuture<Void> served = serveOnce(socket -> answer(socket,
                "HTTP/1.1 200 OK\r\nContent-Length: 100\r\nConnection: close\r\n\r\nonly this"));
        ProbeResult result = probe(Duration.ofSeconds(10)).get(url(), set.client().certificate(), set.client().privateKey());
        served.get(10, TimeUnit.SECONDS);
        assertFalse(result.answered(), "a body shorter than its Content-Length is no answer: " + result.describe());
        assertTrue(result.failure().contains("IOException") || result.failure().contains("EOFException")
                || result.failure().contains("ProtocolException"), result.failure());
    }

    @Test
    void anAbortedBuildEndsTheRequestAndItsConnectionAtOnceAndKeepsTheInterrupt() throws Exception {
        // A server that takes the request and never answers: without the abort the probe would hold
        // the connection for its whole timeout (a minute here; the server gives up after 20 s).
        CompletableFuture<Void> requestArrived = new CompletableFuture<>();
        CompletableFuture<String> connection = new CompletableFuture<>();
        serveOnce(socket -> {
            BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII));
            for (String line = in.readLine(); line != null && !line.isEmpty(); line = in.readLine()) {
                // the request head
            }
            requestArrived.complete(null);
            try {
                connection.complete(in.read() < 0 ? "closed by the client" : "more data");
            } catch (java.net.SocketTimeoutException e) {
                connection.complete("still open after 20 s");
            } catch (IOException e) {
                connection.complete("closed by the client");
            }
        });
        AtomicReference<Throwable> thrown = new AtomicReference<>();
        AtomicReference<Boolean> interruptKept = new AtomicReference<>();
        Thread build = new Thread(() -> {
            try {
                probe(Duration.ofSeconds(60)).get(url(), set.client().certificate(), set.client().privateKey());
            } catch (RuntimeException e) {
                thrown.set(e);
            }
            interruptKept.set(Thread.currentThread().isInterrupted());
        });
        build.start();
        requestArrived.get(10, TimeUnit.SECONDS);
        build.interrupt();
        build.join(10_000);
        assertFalse(build.isAlive());
        assertTrue(thrown.get() instanceof ClusterFailure, String.valueOf(thrown.get()));
        assertTrue(thrown.get().getMessage().contains("the build was aborted"), thrown.get().getMessage());
        assertTrue(interruptKept.get(), "the caller still sees that it was interrupted");
        assertEquals("closed by the client", connection.get(30, TimeUnit.SECONDS),
                "the request was cancelled, not left to time out");
    }
}
