package io.jenkins.plugins.kymamtls.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The shipped jar, started as users start it: merged dependencies, manifest and exit codes. */
class RunnableJarIT {

    @TempDir
    Path dir;

    private record Run(int exitCode, String stdout, String stderr) {
    }

    private Run java(String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar", System.getProperty("kymaMtlsJar")));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).directory(dir.toFile())
                .redirectError(dir.resolve("stderr").toFile()).start();
        String stdout = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(120, TimeUnit.SECONDS));
        return new Run(process.exitValue(), stdout, Files.readString(dir.resolve("stderr")));
    }

    @Test
    void generatesAndSelfTestsTheSetFromTheJar() throws Exception {
        Run run = java("certs", "--domain", "httpbin.example.com", "--client", "client.example.com", "--out", "build/mtls");
        assertEquals(0, run.exitCode(), run.stderr());
        assertTrue(run.stdout().contains("Self-test passed: 3 TLS handshakes"), run.stdout());
        assertTrue(Files.exists(dir.resolve("build/mtls/certificates.json")));
    }

    /** The README's quick start: every manifest rendered with no cluster. */
    @Test
    void plansEverythingFromTheJar() throws Exception {
        Run run = java("plan", "--domain", "httpbin.example.com", "--client", "client.example.com",
                "--namespace", "mtls-demo", "--out", "build/plan");
        assertEquals(0, run.exitCode(), run.stderr());
        assertEquals("", run.stderr(), "no library noise on stderr");
        assertTrue(Files.exists(dir.resolve("build/plan/client/12-destinationrule-originate-mtls.yaml")));
        assertTrue(run.stdout().contains("Self-test passed."), run.stdout());
    }

    @Test
    void helpListsEveryCommand() throws Exception {
        Run run = java("--help");
        assertEquals(0, run.exitCode());
        for (String command : List.of("certs", "plan", "expose", "egress", "lock", "cleanup", "bench")) {
            assertTrue(run.stdout().contains("  " + command + " "), command + " missing:\n" + run.stdout());
        }
    }

    @Test
    void reportsBadInputWithExitCodeTwo() throws Exception {
        Run run = java("certs", "--domain", "httpbin.example.com", "--client", "client.example.com", "--days", "0");
        assertEquals(2, run.exitCode());
        assertEquals("certs: --days: '0' is not allowed; expected a whole number of days from 1 to 3650",
                run.stderr().strip());
    }
}
