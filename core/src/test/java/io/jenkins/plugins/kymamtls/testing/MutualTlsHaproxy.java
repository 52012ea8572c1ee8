package io.jenkins.plugins.kymamtls.testing;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * haproxy configured like Istio's MUTUAL gateway: TLS with the workload's certificate, a client
 * certificate from the CA required in the handshake ({@code verify required}), and an httpbin-like
 * {@code /headers} answer carrying an XFCC-style header with the client's subject.
 */
public final class MutualTlsHaproxy implements AutoCloseable {

    /** HTTP mode with short timeouts: every stand-in answers at once or not at all. */
    static final List<String> HTTP_DEFAULTS = List.of("defaults", "  mode http", "  timeout connect 5s",
            "  timeout client 5s", "  timeout server 5s");

    private final Process process;
    private final int port;

    private MutualTlsHaproxy(Process process, int port) {
        this.process = process;
        this.port = port;
    }

    /**
     * @param serverChainAndKey PEM file holding the server certificate followed by its key
     * @param caCertificate PEM file of the CA that client certificates must chain to
     */
    public static MutualTlsHaproxy start(Path workDirectory, Path serverChainAndKey, Path caCertificate)
            throws IOException, InterruptedException {
        ExternalTools.require("haproxy");
        int port = ExternalTools.freePort();
        Path config = workDirectory.resolve("haproxy.cfg");
        String body = "{\\\"headers\\\":{\\\"X-Forwarded-Client-Cert\\\":\\\"Subject=\\\\\\\"%[ssl_c_s_dn]\\\\\\\"\\\"}}";
        Files.writeString(config, String.join("\n", HTTP_DEFAULTS) + "\n" + String.join("\n",
                "frontend mtls",
                "  bind 127.0.0.1:" + port + " ssl crt " + serverChainAndKey + " ca-file " + caCertificate
                        + " verify required",
                "  http-request return status 200 content-type application/json lf-string \"" + body + "\""
                        + " if { path /headers }",
                "  http-request return status 404",
                ""), StandardCharsets.UTF_8);
        Process process = new ProcessBuilder(ExternalTools.path("haproxy"), "-db", "-f", config.toString())
                .redirectErrorStream(true)
                .redirectOutput(workDirectory.resolve("haproxy.log").toFile())
                .start();
        MutualTlsHaproxy haproxy = new MutualTlsHaproxy(process, port);
        haproxy.awaitListening(workDirectory.resolve("haproxy.log"));
        return haproxy;
    }

    private void awaitListening(Path log) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("haproxy exited: " + Files.readString(log));
            }
            try (Socket probe = new Socket()) {
                probe.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 200);
                return;
            } catch (IOException notYet) {
                Thread.sleep(50);
            }
        }
        close();
        throw new IllegalStateException("haproxy did not listen on " + port + ": " + Files.readString(log));
    }

    public int port() {
        return port;
    }

    public static Path combine(Path target, List<Path> pemFiles) throws IOException {
        StringBuilder combined = new StringBuilder();
        for (Path pem : pemFiles) {
            combined.append(Files.readString(pem, StandardCharsets.US_ASCII));
        }
        Files.writeString(target, combined, StandardCharsets.US_ASCII);
        return target;
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor();
        }
    }
}
