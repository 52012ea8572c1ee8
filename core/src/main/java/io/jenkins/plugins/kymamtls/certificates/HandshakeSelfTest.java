package io.jenkins.plugins.kymamtls.certificates;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;

/**
 * Proves the set works before anyone installs it: real TLS handshakes over loopback with the
 * JDK's TLS stack, a server that demands a client certificate (as Istio's MUTUAL gateway does),
 * and a client that checks the server's chain against the CA and its SAN against the host name.
 */
public final class HandshakeSelfTest {

    private static final int TIMEOUT_MILLIS = 10_000;
    private static final String HANDSHAKE = "in the handshake: ";

    private HandshakeSelfTest() {
    }

    /** The outcomes of the three checks, in the order they ran. */
    public record Outcome(String check, boolean passed, String detail) {
    }

    /**
     * Runs the three checks; throws {@link SelfTestFailedException} naming the first that failed.
     *
     * @param foreignClient a client certificate from another CA, which the server must refuse
     */
    public static List<Outcome> run(CertificateSet set, String domain, IssuedCertificate foreignClient) {
        return run(set, domain, foreignClient, null);
    }

    /** @param at when the certificates must be valid (the engine's clock); null for now */
    public static List<Outcome> run(CertificateSet set, String domain, IssuedCertificate foreignClient, Instant at) {
        return run(set, domain, foreignClient, at, HandshakeSelfTest::serveOnce);
    }

    /**
     * How the loopback server answers the one connection of a check. The real one is
     * {@link #serveOnce}; tests put a faulty server in its place to see each failure named.
     */
    interface Server {
        void serve(SSLServerSocket server, Exchange exchange);
    }

    static List<Outcome> run(CertificateSet set, String domain, IssuedCertificate foreignClient, Instant at,
                             Server server) {
        String hostName = domain.startsWith("*.") ? "mtls-self-test." + domain.substring(2) : domain;
        String clientSubject = set.client().certificate().getSubjectX500Principal().getName();
        ExecutorService checks = Executors.newFixedThreadPool(2, runnable -> {
            Thread thread = new Thread(runnable, "mtls-self-test-check");
            thread.setDaemon(true);
            return thread;
        });
        try {
            SSLContext serverContext = context(set.server(), set.authority().certificate(), at);
            // The three exchanges are independent, each with its own server socket: side by side
            // they take the time of the slowest, which in a JVM that has just started is most of it.
            Future<Outcome> without = checks.submit(() -> expectRejected(
                    "a request without a client certificate is rejected", serverContext, null,
                    set.authority().certificate(), hostName, at, server));
            Future<Outcome> foreign = checks.submit(() -> expectRejected(
                    "a client certificate from another CA is rejected", serverContext, foreignClient,
                    set.authority().certificate(), hostName, at, server));
            Outcome accepted = expectAccepted(serverContext, set, hostName, clientSubject, at, server);
            List<Outcome> outcomes = List.of(accepted, outcome(without), outcome(foreign));
            for (Outcome outcome : outcomes) {
                if (!outcome.passed()) {
                    throw new SelfTestFailedException("Self-test failed: " + outcome.check() + ": " + outcome.detail());
                }
            }
            return outcomes;
        } catch (GeneralSecurityException | IOException e) {
            throw new SelfTestFailedException("Self-test could not start a TLS server on loopback: " + e);
        } finally {
            checks.shutdownNow();
        }
    }

    private static Outcome outcome(Future<Outcome> check) {
        try {
            return check.get();
        } catch (InterruptedException e) {
            throw interrupted();
        } catch (ExecutionException e) {
            throw new SelfTestFailedException("Self-test could not run a check on loopback: " + e.getCause());
        }
    }

    /** An aborted build: the interrupt stays set for whoever runs the build to see. */
    private static SelfTestFailedException interrupted() {
        Thread.currentThread().interrupt();
        return new SelfTestFailedException("Self-test interrupted before it finished");
    }

    private static Outcome expectAccepted(SSLContext serverContext, CertificateSet set, String hostName,
                                          String clientSubject, Instant at, Server server)
            throws GeneralSecurityException, IOException {
        String check = "a request with the client certificate succeeds for " + hostName;
        Exchange exchange = exchange(serverContext, context(set.client(), set.authority().certificate(), at), hostName,
                server);
        // A client that rejects the server fails in its own handshake with an error of its own; a
        // server that rejects the client makes the client receive an alert, in TLS 1.3 only later.
        if (clientRefused(exchange)) {
            return new Outcome(check, false, "the client refused the server: "
                    + exchange.clientFailure.substring(HANDSHAKE.length()));
        }
        if (exchange.serverFailure != null) {
            return new Outcome(check, false, "the server refused the handshake: " + exchange.serverFailure);
        }
        if (exchange.clientFailure != null) {
            return new Outcome(check, false, "the exchange failed: " + exchange.clientFailure);
        }
        if (!clientSubject.equals(exchange.peerSubject)) {
            return new Outcome(check, false, "the server saw client '" + exchange.peerSubject + "'");
        }
        return new Outcome(check, true, "server saw client " + exchange.peerSubject);
    }

    private static Outcome expectRejected(String check, SSLContext serverContext, IssuedCertificate clientIdentity,
                                          X509Certificate trustedRoot, String hostName, Instant at, Server server)
            throws GeneralSecurityException, IOException {
        Exchange exchange = exchange(serverContext, context(clientIdentity, trustedRoot, at), hostName, server);
        if (clientRefused(exchange)) {
            return new Outcome(check, false, "the client refused the server before the server could decide: "
                    + exchange.clientFailure.substring(HANDSHAKE.length()));
        }
        if (exchange.serverFailure == null || exchange.clientFailure == null) {
            return new Outcome(check, false, "the server accepted client '" + exchange.peerSubject + "'");
        }
        return new Outcome(check, true, "server refused: " + exchange.serverFailure);
    }

    /**
     * Whether the client, not the server, ended the handshake: it failed verifying the server (its
     * own handshake error, not an alert from the server). A server that refuses the client sends an
     * alert and closes; a client still writing then sees a broken pipe or a reset instead of the
     * alert, which is the server's refusal all the same.
     */
    private static boolean clientRefused(Exchange exchange) {
        String failure = exchange.clientFailure;
        return failure != null && failure.startsWith(HANDSHAKE) && !failure.contains("Received fatal alert")
                && !failure.contains("Broken pipe") && !failure.contains("Connection reset")
                && !failure.contains("SocketException");
    }

    /** What each side of one exchange saw: a failure, or the client the server saw. */
    static final class Exchange {
        String serverFailure;
        String clientFailure;
        String peerSubject;
    }

    private static Exchange exchange(SSLContext serverContext, SSLContext clientContext, String hostName,
                                     Server server) throws IOException {
        Exchange exchange = new Exchange();
        ExecutorService serverThread = Executors.newSingleThreadExecutor(runnable -> {
            Thread thread = new Thread(runnable, "mtls-self-test-server");
            thread.setDaemon(true);
            return thread;
        });
        InetAddress loopback = InetAddress.getLoopbackAddress();
        try (SSLServerSocket socket = (SSLServerSocket) serverContext.getServerSocketFactory()
                .createServerSocket(0, 1, loopback)) {
            socket.setNeedClientAuth(true);
            socket.setSoTimeout(TIMEOUT_MILLIS);
            Future<?> served = serverThread.submit(() -> server.serve(socket, exchange));
            exchange.clientFailure = requestOnce(clientContext, loopback, socket.getLocalPort(), hostName);
            served.get(TIMEOUT_MILLIS * 2L, TimeUnit.MILLISECONDS);
        } catch (ExecutionException | TimeoutException e) {
            exchange.serverFailure = "server did not finish: " + e;
        } catch (InterruptedException e) {
            throw interrupted();
        } finally {
            serverThread.shutdownNow();
        }
        return exchange;
    }

    static void serveOnce(SSLServerSocket server, Exchange exchange) {
        try (SSLSocket socket = (SSLSocket) server.accept()) {
            socket.setSoTimeout(TIMEOUT_MILLIS);
            socket.startHandshake();
            exchange.peerSubject = ((X509Certificate) socket.getSession().getPeerCertificates()[0])
                    .getSubjectX500Principal().getName();
            BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(),
                    StandardCharsets.US_ASCII));
            in.readLine();
            OutputStream out = socket.getOutputStream();
            out.write(("ok " + exchange.peerSubject + "\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
        } catch (IOException | RuntimeException e) {
            exchange.serverFailure = e.toString();
        }
    }

    /** Returns null when the exchange completed, otherwise why the client failed. */
    private static String requestOnce(SSLContext clientContext, InetAddress address, int port, String hostName) {
        try (Socket plain = new Socket()) {
            plain.connect(new InetSocketAddress(address, port), TIMEOUT_MILLIS);
            plain.setSoTimeout(TIMEOUT_MILLIS);
            try (SSLSocket socket = (SSLSocket) clientContext.getSocketFactory()
                    .createSocket(plain, hostName, port, true)) {
                SSLParameters parameters = socket.getSSLParameters();
                parameters.setServerNames(List.of(new SNIHostName(hostName)));
                parameters.setEndpointIdentificationAlgorithm("HTTPS");
                socket.setSSLParameters(parameters);
                try {
                    socket.startHandshake();
                } catch (IOException e) {
                    return HANDSHAKE + e;
                }
                socket.getOutputStream().write("hello\n".getBytes(StandardCharsets.US_ASCII));
                socket.getOutputStream().flush();
                // With TLS 1.3 the server's verdict on the client certificate arrives after the
                // client's handshake completes, so only a reply proves acceptance.
                String reply = new BufferedReader(new InputStreamReader(socket.getInputStream(),
                        StandardCharsets.US_ASCII)).readLine();
                return reply != null && reply.startsWith("ok ") ? null : "no reply from the server";
            }
        } catch (IOException | RuntimeException e) {
            return e.toString();
        }
    }

    private static SSLContext context(IssuedCertificate identity, X509Certificate trustedRoot, Instant at)
            throws GeneralSecurityException, IOException {
        return identity == null ? TlsContexts.of(null, null, trustedRoot, at).sslContext()
                : TlsContexts.of(identity.privateKey(), identity.chain(), trustedRoot, at).sslContext();
    }
}
