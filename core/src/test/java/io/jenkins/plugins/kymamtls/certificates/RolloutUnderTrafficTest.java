package io.jenkins.plugins.kymamtls.certificates;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jenkins.plugins.kymamtls.resources.CertificateMaterial;
import io.jenkins.plugins.kymamtls.testing.ReloadingMtlsGateway;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Renewal and CA rotation while a client keeps making mTLS requests through a real TLS peer
 * (haproxy, {@code verify required}, reloaded gracefully when its Secret changes, as the gateway
 * takes up a changed Secret). Each side gets what the cluster steps would put into its Secret, one
 * side after the other, as two clusters are rolled out. Zero failed requests is the only pass; a
 * rotation that skips the trust bundle shows the harness does see failures.
 */
class RolloutUnderTrafficTest {

    private static final String DOMAIN = "httpbin.mtls.test";
    private static final String CLIENT = "client.mtls.test";
    /** Requests each stage of a rollout must carry before the next stage. */
    private static final int PER_STAGE = 25;

    @TempDir
    Path dir;

    private ReloadingMtlsGateway gateway;
    private Traffic traffic;

    @AfterEach
    void stop(org.junit.jupiter.api.TestInfo test) throws Exception {
        if (traffic != null) {
            traffic.close();
            System.out.println(test.getDisplayName() + ": " + traffic.ok() + " requests answered, "
                    + traffic.failures().size() + " failed");
        }
        if (gateway != null) {
            gateway.close();
        }
    }

    private Path certs() {
        return dir.resolve("mtls");
    }

    private CertificateResult certsRun(CertificateRequest.Builder builder) {
        return new CertificateEngine().generate(builder.outputDirectory(certs()).build(), line -> { });
    }

    private static CertificateRequest.Builder request() {
        return CertificateRequest.builder(DOMAIN, CLIENT).keyAlgorithm(KeyAlgorithm.EC_P256);
    }

    private String read(String file) throws IOException {
        return Files.readString(certs().resolve(file), StandardCharsets.US_ASCII);
    }

    /** What the expose step puts into the gateway's Secret: cert and key, and the CA file (or bundle). */
    private void rollOutTarget() throws Exception {
        gateway.update(read(DOMAIN + ".crt") + read(DOMAIN + ".key"),
                CertificateMaterial.fromDirectory("server", certs(), DOMAIN).caCertificatePem());
        traffic.awaitMore(PER_STAGE);
    }

    /** What the egress step puts into the client Secret, as the egress gateway would use it. */
    private void rollOutClient() throws Exception {
        traffic.use(read(CLIENT + ".crt"), read(CLIENT + ".key"),
                CertificateMaterial.fromDirectory("client", certs(), CLIENT).caCertificatePem());
        traffic.awaitMore(PER_STAGE);
    }

    private void startWithTheCurrentSet() throws Exception {
        gateway = ReloadingMtlsGateway.start(dir.resolve("gateway"), read(DOMAIN + ".crt") + read(DOMAIN + ".key"),
                CertificateMaterial.fromDirectory("server", certs(), DOMAIN).caCertificatePem());
        traffic = new Traffic(gateway.port());
        traffic.use(read(CLIENT + ".crt"), read(CLIENT + ".key"),
                CertificateMaterial.fromDirectory("client", certs(), CLIENT).caCertificatePem());
        traffic.start();
        traffic.awaitMore(PER_STAGE);
    }

    @Test
    void renewingTheLeavesFromTheSameCaDropsNoRequest() throws Exception {
        certsRun(request());
        startWithTheCurrentSet();

        CertificateResult renewed = certsRun(request().renew(true));
        assertEquals(List.of("server", "client"), renewed.renewed());
        rollOutTarget();
        rollOutClient();

        assertEquals(List.of(), traffic.failures());
        assertTrue(traffic.ok() >= 3 * PER_STAGE, () -> traffic.ok() + " requests");
        assertEquals(renewed.certificates().get(1).sha256Fingerprint(), traffic.lastServerFingerprint());
    }

    @Test
    void renewingTheCaCertificateForTheSameKeyDropsNoRequestAndKeepsTheLeaves() throws Exception {
        certsRun(request().days(30).caDays(40));
        String server = read(DOMAIN + ".crt");
        startWithTheCurrentSet();

        CertificateResult renewed = certsRun(request().days(30).caDays(400).renewCa(true));
        assertEquals(List.of("ca"), renewed.renewed());
        // Each side now trusts the re-issued CA certificate alone, and the leaves are the old ones.
        rollOutTarget();
        rollOutClient();

        assertEquals(List.of(), traffic.failures());
        assertEquals(server, read(DOMAIN + ".crt"));
        assertEquals(CertificateSummaryFacts.fingerprint(certs().resolve(DOMAIN + ".crt")),
                traffic.lastServerFingerprint());
        assertEquals(renewed.certificates().get(0).sha256Fingerprint(), CertificateSummary.fingerprint(
                PemMaterial.readCertificate("trusted", Files.readString(dir.resolve("gateway/trusted.pem")))));
    }

    @Test
    void rotatingTheCaInThreePhasesDropsNoRequest() throws Exception {
        certsRun(request());
        startWithTheCurrentSet();
        for (String phase : List.of("start", "issue", "finish")) {
            certsRun(request().rotateCa(CertificateRotation.Phase.parse("rotateCa", phase)));
            rollOutTarget();
            rollOutClient();
        }

        assertEquals(List.of(), traffic.failures());
        assertTrue(traffic.ok() >= 7 * PER_STAGE, () -> traffic.ok() + " requests");
        X509Certificate ca = PemMaterial.readCertificate("ca", read("egress.crt"));
        assertTrue(ca.getSubjectX500Principal().getName().contains("OU=CA from "), "the next CA is the CA now");
        assertEquals(1, PemMaterial.readCertificates("trusted", Files.readString(dir.resolve("gateway/trusted.pem")))
                .size(), "the gateway trusts the new CA alone");
        assertEquals(CertificateSummaryFacts.fingerprint(certs().resolve(DOMAIN + ".crt")),
                traffic.lastServerFingerprint());
    }

    @Test
    void replacingTheCaWithoutTheTrustBundleDropsRequestsWhichTheHarnessSees() throws Exception {
        certsRun(request());
        startWithTheCurrentSet();
        certsRun(request().force(true));
        rollOutTarget();
        assertTrue(traffic.failures().size() >= PER_STAGE / 2, () -> "failures: " + traffic.failures().size());
    }

    /** Fingerprints of certificate files, as the summaries give them. */
    private static final class CertificateSummaryFacts {
        static String fingerprint(Path file) throws IOException {
            return CertificateSummary.fingerprint(PemMaterial.readCertificate("file", Files.readString(file)));
        }
    }

    /** A client that makes one mTLS request after another, each on a new connection, with the Secret of the moment. */
    private static final class Traffic implements AutoCloseable {
        private final int port;
        private final AtomicReference<SSLContext> context = new AtomicReference<>();
        private final AtomicInteger ok = new AtomicInteger();
        private final List<String> failures = Collections.synchronizedList(new ArrayList<>());
        private final AtomicReference<String> lastServer = new AtomicReference<>();
        private volatile boolean stopped;
        private Thread thread;

        Traffic(int port) {
            this.port = port;
        }

        void use(String certificatePem, String keyPem, String trustedPem) throws Exception {
            X509Certificate certificate = PemMaterial.readCertificate("clientCert", certificatePem);
            PrivateKey key = PemMaterial.readPrivateKey("clientKey", keyPem);
            context.set(TlsContexts.of(key, new X509Certificate[] {certificate},
                    PemMaterial.readCertificates("caCert", trustedPem), null).sslContext());
        }

        void start() {
            thread = new Thread(() -> {
                while (!stopped) {
                    try {
                        request();
                        ok.incrementAndGet();
                    } catch (Exception e) {
                        failures.add(e.toString());
                    }
                }
            }, "mtls-traffic");
            thread.setDaemon(true);
            thread.start();
        }

        private void request() throws IOException {
            Socket plain = new Socket();
            plain.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 2000);
            try (SSLSocket socket = (SSLSocket) context.get().getSocketFactory().createSocket(plain, DOMAIN, port, true)) {
                SSLParameters parameters = socket.getSSLParameters();
                parameters.setEndpointIdentificationAlgorithm("HTTPS");
                parameters.setServerNames(List.of(new SNIHostName(DOMAIN)));
                socket.setSSLParameters(parameters);
                socket.setSoTimeout(5000);
                socket.startHandshake();
                OutputStream out = socket.getOutputStream();
                out.write(("GET /headers HTTP/1.1\r\nHost: " + DOMAIN + "\r\nConnection: close\r\n\r\n")
                        .getBytes(StandardCharsets.US_ASCII));
                out.flush();
                String status = new BufferedReader(new InputStreamReader(socket.getInputStream(),
                        StandardCharsets.US_ASCII)).readLine();
                if (status == null || !status.startsWith("HTTP/1.1 200")) {
                    throw new IOException("answered " + status);
                }
                lastServer.set(CertificateSummary.fingerprint((X509Certificate) socket.getSession()
                        .getPeerCertificates()[0]));
            }
        }

        void awaitMore(int requests) throws InterruptedException {
            int target = ok.get() + failures.size() + requests;
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (ok.get() + failures.size() < target) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("the traffic stalled at " + ok.get() + " ok, " + failures.size()
                            + " failed");
                }
                Thread.sleep(10);
            }
        }

        int ok() {
            return ok.get();
        }

        List<String> failures() {
            synchronized (failures) {
                return List.copyOf(failures);
            }
        }

        String lastServerFingerprint() {
            return lastServer.get();
        }

        @Override
        public void close() throws InterruptedException {
            stopped = true;
            if (thread != null) {
                thread.join(10_000);
            }
        }
    }
}
