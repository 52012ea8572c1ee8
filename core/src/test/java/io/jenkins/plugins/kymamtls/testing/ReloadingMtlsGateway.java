package io.jenkins.plugins.kymamtls.testing;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * haproxy standing in for a gateway whose Secret changes: {@code verify required} with a server
 * certificate and the CAs it trusts, run in master-worker mode so a changed Secret is taken up by a
 * graceful reload (SIGUSR2), as Envoy takes up a new secret without dropping the listener.
 */
public final class ReloadingMtlsGateway implements AutoCloseable {

    private final Process master;
    private final Path directory;
    private final Path log;
    private final int port;

    private ReloadingMtlsGateway(Process master, Path directory, int port) {
        this.master = master;
        this.directory = directory;
        this.log = directory.resolve("haproxy.log");
        this.port = port;
    }

    /**
     * @param serverChainAndKey the server certificate followed by its key, in PEM
     * @param trusted the CA or CAs client certificates must chain to, in PEM
     */
    public static ReloadingMtlsGateway start(Path directory, String serverChainAndKey, String trusted)
            throws IOException, InterruptedException {
        ExternalTools.require("haproxy");
        Files.createDirectories(directory);
        int port = ExternalTools.freePort();
        replace(directory.resolve("server.pem"), serverChainAndKey);
        replace(directory.resolve("trusted.pem"), trusted);
        Path config = directory.resolve("haproxy.cfg");
        Files.writeString(config, String.join("\n", MutualTlsHaproxy.HTTP_DEFAULTS) + "\n" + String.join("\n",
                "frontend mtls",
                "  bind 127.0.0.1:" + port + " ssl crt " + directory.resolve("server.pem") + " ca-file "
                        + directory.resolve("trusted.pem") + " verify required",
                "  http-request return status 200 content-type text/plain lf-string \"%[ssl_c_s_dn]\"",
                ""), StandardCharsets.UTF_8);
        Process master = new ProcessBuilder(ExternalTools.path("haproxy"), "-W", "-db", "-f", config.toString())
                .redirectErrorStream(true).redirectOutput(directory.resolve("haproxy.log").toFile()).start();
        ReloadingMtlsGateway gateway = new ReloadingMtlsGateway(master, directory, port);
        gateway.awaitLoaded(1);
        gateway.awaitListening();
        return gateway;
    }

    public int port() {
        return port;
    }

    /** Writes the new Secret content and reloads gracefully; returns once the new worker runs. */
    public void update(String serverChainAndKey, String trusted) throws IOException, InterruptedException {
        int loaded = loaded();
        replace(directory.resolve("server.pem"), serverChainAndKey);
        replace(directory.resolve("trusted.pem"), trusted);
        // The shell's own kill: a fresh machine need not have procps's /bin/kill.
        Process signal = new ProcessBuilder("sh", "-c", "kill -USR2 " + master.pid()).start();
        if (signal.waitFor() != 0) {
            throw new IllegalStateException("could not signal haproxy " + master.pid());
        }
        awaitLoaded(loaded + 1);
    }

    private int loaded() throws IOException {
        return (int) Files.readAllLines(log).stream().filter(line -> line.contains("Loading success.")).count();
    }

    private void awaitLoaded(int times) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (loaded() < times) {
            if (!master.isAlive() || System.nanoTime() > deadline) {
                throw new IllegalStateException("haproxy did not load: " + Files.readString(log));
            }
            Thread.sleep(20);
        }
    }

    private void awaitListening() throws IOException, InterruptedException {
        for (int i = 0; i < 300; i++) {
            try (Socket probe = new Socket()) {
                probe.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 200);
                return;
            } catch (IOException notYet) {
                Thread.sleep(20);
            }
        }
        throw new IllegalStateException("haproxy did not listen on " + port + ": " + Files.readString(log));
    }

    /** The old file stays whole until the new one is in place, as a kubelet swaps a mounted Secret. */
    private static void replace(Path file, String content) throws IOException {
        Path next = file.resolveSibling(file.getFileName() + ".next");
        Files.writeString(next, content, StandardCharsets.US_ASCII);
        Files.move(next, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    public List<String> logLines() throws IOException {
        return Files.readAllLines(log);
    }

    @Override
    public void close() throws InterruptedException {
        master.destroy();
        if (!master.waitFor(10, TimeUnit.SECONDS)) {
            master.destroyForcibly().waitFor();
        }
    }
}
