package io.jenkins.plugins.kymamtls.certificates;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The self-test when its own loopback server misbehaves, or the build is aborted while it runs:
 * each way of failing is named, since the message is all a user sees of a self-test. The real
 * client and TLS stack run; only the server's answer is swapped for a faulty one.
 */
class HandshakeSelfTestFaultsTest {

    private static final String DOMAIN = "httpbin.mtls.test";
    private static final String ACCEPTED = "Self-test failed: a request with the client certificate succeeds for "
            + DOMAIN + ": ";
    private static CertificateSet set;
    private static IssuedCertificate foreignClient;

    @BeforeAll
    static void sets() {
        CertificateEngine engine = new CertificateEngine();
        CertificateRequest request = CertificateRequest.builder(DOMAIN, "client.mtls.test")
                .keyAlgorithm(KeyAlgorithm.EC_P256).build();
        set = engine.issue(request);
        foreignClient = engine.issue(request).client();
    }

    @Test
    void aServerThatSawAnotherClientFailsTheAcceptedCheckNamingThatClient() {
        SelfTestFailedException e = assertThrows(SelfTestFailedException.class,
                () -> HandshakeSelfTest.run(set, DOMAIN, foreignClient, null, (server, exchange) -> {
                    HandshakeSelfTest.serveOnce(server, exchange);
                    if (exchange.serverFailure == null) {
                        exchange.peerSubject = "CN=someone else";
                    }
                }));
        assertEquals(ACCEPTED + "the server saw client 'CN=someone else'", e.getMessage());
    }

    @Test
    void aServerThatClosesAfterTheHandshakeWithoutAnAnswerFailsTheExchange() {
        SelfTestFailedException e = assertThrows(SelfTestFailedException.class,
                () -> HandshakeSelfTest.run(set, DOMAIN, foreignClient, null, (server, exchange) -> {
                    try (SSLSocket socket = (SSLSocket) server.accept()) {
                        socket.startHandshake();
                        exchange.peerSubject = socket.getSession().getPeerPrincipal().getName();
                    } catch (IOException refused) {
                        exchange.serverFailure = refused.toString();
                    }
                }));
        assertEquals(ACCEPTED + "the exchange failed: no reply from the server", e.getMessage());
    }

    /**
     * Aborting a build interrupts the thread running the self-test while it waits for a check: it
     * stops at once, says so (not that a TLS server could not start) and keeps the interrupt.
     */
    @Test
    void anInterruptWhileACheckRunsEndsTheSelfTestAndIsKept() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        AtomicReference<Throwable> thrown = new AtomicReference<>();
        AtomicBoolean interruptKept = new AtomicBoolean();
        // The refused clients' servers hold on after refusing, so their checks are still running
        // when the accepted one is done and the self-test waits for them.
        Thread selfTest = new Thread(() -> {
            try {
                HandshakeSelfTest.run(set, DOMAIN, foreignClient, null, (server, exchange) -> {
                    HandshakeSelfTest.serveOnce(server, exchange);
                    if (exchange.serverFailure != null) {
                        try {
                            release.await();
                        } catch (InterruptedException ended) {
                            Thread.currentThread().interrupt();
                        }
                    }
                });
            } catch (RuntimeException e) {
                thrown.set(e);
            }
            interruptKept.set(Thread.currentThread().isInterrupted());
        }, "self-test-under-test");
        selfTest.start();
        try {
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (!waitingForACheck(selfTest)) {
                assertTrue(System.nanoTime() < deadline, "the self-test never waited for a check");
                Thread.sleep(10);
            }
            selfTest.interrupt();
            selfTest.join(Duration.ofSeconds(30).toMillis());
        } finally {
            release.countDown();
        }
        assertEquals(SelfTestFailedException.class, thrown.get().getClass(), String.valueOf(thrown.get()));
        assertEquals("Self-test interrupted before it finished", thrown.get().getMessage());
        assertTrue(interruptKept.get(), "the interrupt is kept");
    }

    private static boolean waitingForACheck(Thread thread) {
        return thread.getState() == Thread.State.WAITING && Arrays.stream(thread.getStackTrace())
                .anyMatch(frame -> frame.getClassName().equals(HandshakeSelfTest.class.getName())
                        && frame.getMethodName().equals("outcome"));
    }
}
