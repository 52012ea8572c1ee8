package io.jenkins.plugins.kymamtls.testing;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * Real TLS peers from the operating system. A developer without them gets a skipped test; CI
 * (environment variable {@code CI} set) installs them, so there a missing tool is a failure.
 */
public final class ExternalTools {

    private ExternalTools() {
    }

    public static void require(String... tools) {
        for (String tool : tools) {
            if (locate(tool) == null) {
                String message = tool + " is not installed (CI installs it in .ci/run)";
                if (System.getenv("CI") != null) {
                    fail(message);
                }
                Assumptions.abort(message);
            }
        }
    }

    private static Path locate(String tool) {
        for (String dir : (System.getenv("PATH") + ":/usr/sbin:/sbin").split(":")) {
            Path candidate = Path.of(dir, tool);
            if (!dir.isEmpty() && Files.isExecutable(candidate)) {
                return candidate;
            }
        }
        return null;
    }

    public static String path(String tool) {
        Path found = locate(tool);
        if (found == null) {
            throw new IllegalStateException(tool + " is not installed");
        }
        return found.toString();
    }

    /** Exit code and combined output of a finished command. */
    public record Result(int exitCode, String output) {
        public boolean succeeded() {
            return exitCode == 0;
        }
    }

    public static Result run(Path workingDirectory, List<String> command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).directory(workingDirectory.toFile())
                .redirectErrorStream(true).start();
        process.getOutputStream().close();
        byte[] output = process.getInputStream().readAllBytes();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            fail("timed out: " + command);
        }
        return new Result(process.exitValue(), new String(output, StandardCharsets.UTF_8));
    }

    public static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
