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
        // The cluster commands, up to the one line that names what is missing.
        for (String command : List.of("expose", "egress", "lock", "cleanup")) {
            Run missing = run(launcher, command);
            assertEquals(2, missing.exitCode(), command + ": " + missing.stderr());
            assertTrue(missing.stderr().startsWith(command + ": Missing required options: '--kubeconfig=FILE'"),
                    missing.stderr());
        }
        Run rbac = run(launcher, "rbac", "--cluster", "target", "--namespace", "mtls-demo");
        assertEquals(0, rbac.exitCode(), rbac.stderr());
        assertTrue(rbac.stdout().contains("kind: \"Role\""), rbac.stdout());
        Run bench = run(launcher, "bench", "--help");
        assertEquals(0, bench.exitCode(), bench.stderr());
        assertTrue(bench.stdout().startsWith("Usage: kyma-mtls bench"), bench.stdout());
        assertTrue(certs.sharedClasses() > 2000, certs.sharedClasses() + " classes from the archives");
        // Our own classes and picocli's (compiled for Java 5, which a dynamic archive would skip)
        // come from the build's archive, not the jar.
        Path classLog = dir.resolve("ours.log");
        run(launcher, Map.of("KYMA_MTLS_JAVA_OPTS", "-Xlog:class+load=info:file=" + classLog), "--version");
        List<String> loaded = Files.readAllLines(classLog);
        for (String name : List.of("io.jenkins.plugins.kymamtls.cli.KymaMtlsCommand", "picocli.CommandLine")) {
            assertTrue(loaded.stream().anyMatch(line -> line.contains("] " + name + " source: shared objects file")),
                    name + " from the archive");
        }
    }

    private Path copyWithoutArchive() throws Exception {
        Path copy = Files.createDirectories(dir.resolve("copy"));
        Files.copy(launcher, copy.resolve("kyma-mtls"), StandardCopyOption.COPY_ATTRIBUTES);
        Files.copy(launcher.resolveSibling("kyma-mtls.jar"), copy.resolve("kyma-mtls.jar"));
        return copy;
    }

    private List<String> madeFor() throws Exception {
        return Files.readAllLines(launcher.resolveSibling("kyma-mtls.jsa.made-for"));
    }

    @Test
    void theArchiveRecordsTheJavaTheJarAndItsOwnSize() throws Exception {
        List<String> madeFor = madeFor();
        assertEquals(3, madeFor.size(), madeFor::toString);
        assertEquals(Path.of(System.getProperty("java.home")).toRealPath().toString(), madeFor.get(0));
        assertEquals(launcher.resolveSibling("kyma-mtls.jar").toRealPath().toString(), madeFor.get(1));
        assertEquals(Files.size(launcher.resolveSibling("kyma-mtls.jsa")), Long.parseLong(madeFor.get(2)));
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
    void anArchiveMadeForAnotherJavaOrAnotherPlaceIsNotOffered() throws Exception {
        Path copy = copyWithoutArchive();
        Files.copy(launcher.resolveSibling("kyma-mtls.jsa"), copy.resolve("kyma-mtls.jsa"));
        List<String> madeFor = madeFor();
        // Moved with its jar: the archive names the jar where it was made, so it is not offered and
        // the JDK's own archive stays in use (a misfitting archive would have replaced it).
        Files.copy(launcher.resolveSibling("kyma-mtls.jsa.made-for"), copy.resolve("kyma-mtls.jsa.made-for"));
        Run moved = run(copy.resolve("kyma-mtls"), "--version");
        assertEquals(0, moved.exitCode(), moved.stderr());
        assertEquals("", moved.stderr());
        assertTrue(moved.sharedClasses() > 400, moved.sharedClasses() + " classes from the JDK's archive");

        // Made by another Java.
        Files.write(copy.resolve("kyma-mtls.jsa.made-for"), List.of("/opt/another-jdk",
                copy.resolve("kyma-mtls.jar").toRealPath().toString(), madeFor.get(2)));
        Run other = run(copy.resolve("kyma-mtls"), "--version");
        assertEquals(0, other.exitCode(), other.stderr());
        assertEquals("", other.stderr());
        assertTrue(other.sharedClasses() > 400, other.sharedClasses() + " classes from the JDK's archive");
    }

    @Test
    void aDamagedArchiveIsSkippedSilently() throws Exception {
        Path copy = copyWithoutArchive();
        byte[] archive = Files.readAllBytes(launcher.resolveSibling("kyma-mtls.jsa"));
        List<String> madeFor = List.of(madeFor().get(0), copy.resolve("kyma-mtls.jar").toRealPath().toString());

        // Cut short, as by an interrupted copy: the JVM would crash mapping it, so it is not offered.
        Files.write(copy.resolve("kyma-mtls.jsa"), java.util.Arrays.copyOf(archive, archive.length / 2));
        Files.write(copy.resolve("kyma-mtls.jsa.made-for"), List.of(madeFor.get(0), madeFor.get(1),
                Integer.toString(archive.length)));
        Run cut = run(copy.resolve("kyma-mtls"), "--version");
        assertEquals(0, cut.exitCode(), cut.stderr());
        assertEquals("", cut.stderr());

        // Its header damaged but its size right: offered, and the JVM refuses it quietly.
        byte[] damaged = archive.clone();
        for (int i = 0; i < 64; i++) {
            damaged[i] = (byte) ~damaged[i];
        }
        Files.write(copy.resolve("kyma-mtls.jsa"), damaged);
        Run broken = run(copy.resolve("kyma-mtls"), "certs", "--domain", "httpbin.example.com", "--client",
                "client.example.com", "--out", "broken", "--key-algorithm", "ec-p256", "--no-self-test");
        assertEquals(0, broken.exitCode(), broken.stderr());
        assertEquals("", broken.stderr());
        assertTrue(broken.stdout().startsWith("Wrote 7 files to "), broken.stdout());
    }
}
