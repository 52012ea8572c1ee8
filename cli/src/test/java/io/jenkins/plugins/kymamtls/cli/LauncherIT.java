package io.jenkins.plugins.kymamtls.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The shipped launcher, run as users run it: every command works, the class-data archive is used
 * when it fits, and the launcher falls back to a plain start, with the same output and nothing
 * extra, when the archive is missing, broken or was made by another Java.
 */
class LauncherIT {

    @TempDir
    Path dir;

    private final Path launcher = Path.of(System.getProperty("kymaMtlsLauncher"));

    private record Run(int exitCode, String stdout, String stderr, long sharedClasses) {
    }

    private Run run(Path script, Map<String, String> environment, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(script.toString()));
        command.addAll(List.of(args));
        Path classLog = dir.resolve("classes-" + System.nanoTime() + ".log");
        ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile())
                .redirectError(dir.resolve("stderr").toFile());
        builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
        builder.environment().put("KYMA_MTLS_JAVA_OPTS", "-Xlog:class+load=info:file=" + classLog);
        builder.environment().putAll(environment);
        Process process = builder.start();
        String stdout = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(120, TimeUnit.SECONDS));
        long shared = !Files.exists(classLog) ? -1 : Files.readAllLines(classLog).stream()
                .filter(line -> line.contains("source: shared objects file")).count();
        return new Run(process.exitValue(), stdout, Files.readString(dir.resolve("stderr")), shared);
    }

    private Run run(Path script, String... args) throws Exception {
        return run(script, Map.of(), args);
    }

    @Test
    void everyCommandRunsThroughTheLauncherWithTheArchive() throws Exception {
        Run help = run(launcher, "--help");
        assertEquals(0, help.exitCode(), help.stderr());
        assertTrue(help.stdout().contains("  status "), help.stdout());
        Run certs = run(launcher, "certs", "--domain", "httpbin.example.com", "--client", "client.example.com",
                "--out", "mtls");
        assertEquals(0, certs.exitCode(), certs.stderr());
        assertTrue(certs.stdout().contains("Self-test passed: 3 TLS handshakes"), certs.stdout());
        assertEquals("", certs.stderr());
        Run plan = run(launcher, "plan", "--domain", "httpbin.example.com", "--client", "client.example.com",
                "--namespace", "mtls-demo", "--out", "plan");
        assertEquals(0, plan.exitCode(), plan.stderr());
        Run bad = run(launcher, "status");
        assertEquals(2, bad.exitCode());
        assertTrue(bad.stderr().startsWith("status: --target-kubeconfig: is empty"), bad.stderr());
        assertTrue(certs.sharedClasses() > 2000, certs.sharedClasses() + " classes from the archives");
        // Our own classes come from the build's archive (the top layer over the JDK's), not the jar.
        Path classLog = dir.resolve("ours.log");
        run(launcher, Map.of("KYMA_MTLS_JAVA_OPTS", "-Xlog:class+load=info:file=" + classLog), "--version");
        assertTrue(Files.readAllLines(classLog).stream().anyMatch(line -> line.contains(
                "io.jenkins.plugins.kymamtls.cli.KymaMtlsCommand source: shared objects file (top)")),
                "KymaMtlsCommand from the archive");
    }

    private Path copyWithoutArchive() throws Exception {
        Path copy = Files.createDirectories(dir.resolve("copy"));
        Files.copy(launcher, copy.resolve("kyma-mtls"), StandardCopyOption.COPY_ATTRIBUTES);
        Files.copy(launcher.resolveSibling("kyma-mtls.jar"), copy.resolve("kyma-mtls.jar"));
        return copy;
    }

    @Test
    void withoutTheArchiveItStartsThePlainWay() throws Exception {
        Path copy = copyWithoutArchive();
        Run plain = run(copy.resolve("kyma-mtls"), "--version");
        assertEquals(0, plain.exitCode(), plain.stderr());
        assertEquals(run(launcher, "--version").stdout(), plain.stdout());
        assertEquals("", plain.stderr());
    }

    @Test
    void anArchiveThisJavaCannotUseIsSkippedSilently() throws Exception {
        Path copy = copyWithoutArchive();
        // Made by another Java: the launcher does not offer it, and the JDK's own archive stays in use.
        Files.copy(launcher.resolveSibling("kyma-mtls.jsa"), copy.resolve("kyma-mtls.jsa"));
        Files.writeString(copy.resolve("kyma-mtls.jsa.java"), "/opt/another-jdk\n");
        Run other = run(copy.resolve("kyma-mtls"), "--version");
        assertEquals(0, other.exitCode(), other.stderr());
        assertEquals("", other.stderr());
        assertTrue(other.sharedClasses() > 0, "the JDK's own archive is still used");

        // Broken, or made by this Java's previous build in the same place: the JVM refuses it quietly.
        Files.writeString(copy.resolve("kyma-mtls.jsa.java"), Files.readString(
                launcher.resolveSibling("kyma-mtls.jsa.java")));
        byte[] archive = Files.readAllBytes(copy.resolve("kyma-mtls.jsa"));
        for (int i = 0; i < 64; i++) {
            archive[i] = (byte) ~archive[i];
        }
        Files.write(copy.resolve("kyma-mtls.jsa"), archive);
        Run broken = run(copy.resolve("kyma-mtls"), "certs", "--domain", "httpbin.example.com", "--client",
                "client.example.com", "--out", "broken", "--key-algorithm", "ec-p256", "--no-self-test");
        assertEquals(0, broken.exitCode(), broken.stderr());
        assertEquals("", broken.stderr());
        assertTrue(broken.stdout().startsWith("Wrote 7 files to "), broken.stdout());
    }
}
