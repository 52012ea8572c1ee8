package io.jenkins.plugins.kymamtls.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CertsCommandTest {

    @TempDir
    Path dir;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        return KymaMtlsCommand.execute(new PrintWriter(out, true), new PrintWriter(err, true), args);
    }

    private String[] certs(String... more) {
        return Stream.concat(Stream.of("certs", "--domain", "httpbin.example.com", "--client", "client.example.com",
                "--out", dir.toString(), "--key-algorithm", "ec-p256"), Stream.of(more)).toArray(String[]::new);
    }

    @Test
    void writesTheSetAndPrintsASummaryWithoutKeyMaterial() throws Exception {
        assertEquals(0, run(certs()), err::toString);

        String printed = out.toString();
        assertTrue(printed.startsWith("Wrote 7 files to " + dir + ":"), printed);
        assertTrue(printed.contains("  client.example.com.key  (private key, 0600)"), printed);
        assertTrue(printed.contains("server httpbin.example.com.crt  CN=httpbin.example.com,O=example Inc.  sha256 "),
                printed);
        assertTrue(printed.contains("Self-test passed: 3 TLS handshakes"), printed);
        assertEquals("", err.toString());
        for (String key : List.of("egress.key", "httpbin.example.com.key", "client.example.com.key")) {
            for (String line : Files.readAllLines(dir.resolve(key))) {
                if (!line.startsWith("-----")) {
                    assertFalse(printed.contains(line), "key material printed");
                }
            }
        }
    }

    @Test
    void badInputExitsWithTwoAndOneLineNamingTheOption() throws Exception {
        assertEquals(2, run("certs", "--domain", "Bad_Host", "--client", "client.example.com", "--out", dir.toString()));
        assertEquals("certs: --domain: 'Bad_Host' is not allowed; expected a DNS name of lowercase letters, digits,"
                + " '-' and '.' (labels 1-63 characters, not starting or ending with '-', at most 253 characters in"
                + " all), e.g. httpbin.example.com, optionally starting with '*.' (e.g. *.example.com)",
                err.toString().strip());
        assertEquals(List.of(), Files.list(dir).toList(), "nothing written");
    }

    @Test
    void unknownKeyAlgorithmNamesTheAllowedOnes() {
        assertEquals(2, run("certs", "--domain", "httpbin.example.com", "--client", "client.example.com",
                "--out", dir.toString(), "--key-algorithm", "dsa-1024"));
        assertEquals("certs: --key-algorithm: 'dsa-1024' is not allowed; expected one of rsa-2048, rsa-3072,"
                + " rsa-4096, ec-p256, ec-p384", err.toString().strip());
    }

    @Test
    void malformedOrMissingOptionsExitWithTwoOnOneLine() {
        assertEquals(2, run(certs("--days", "many")));
        assertEquals(1, err.toString().strip().lines().count(), err::toString);
        assertTrue(err.toString().contains("--days"), err::toString);

        StringWriter missing = new StringWriter();
        assertEquals(2, KymaMtlsCommand.execute(new PrintWriter(out), new PrintWriter(missing, true),
                "certs", "--domain", "httpbin.example.com"));
        assertTrue(missing.toString().startsWith("certs: Missing required option: '--client=HOST'"), missing::toString);
        assertEquals(1, missing.toString().strip().lines().count(), missing::toString);
    }

    @Test
    void unreadableCaFileIsBadInput() {
        assertEquals(2, run(certs("--ca-cert", dir.resolve("missing.crt").toString(),
                "--ca-key", dir.resolve("missing.key").toString())));
        assertTrue(err.toString().startsWith("certs: --ca-cert: the file " + dir.resolve("missing.crt") + " does not exist; expected a PEM file"),
                err::toString);
    }

    @Test
    void aReRunKeepsTheSetAndADifferentRequestNeedsForce() {
        assertEquals(0, run(certs()));
        assertEquals(0, run(certs()), err::toString);
        assertTrue(out.toString().contains("Reused the certificates in "), out::toString);
        assertEquals(2, run(certs("--org", "Other Org")));
        assertTrue(err.toString().startsWith("certs: --force: the certificates already in "), err::toString);
        assertEquals(0, run(certs("--org", "Other Org", "--force")), err::toString);
    }

    @Test
    void otherFailuresExitWithOne() throws Exception {
        Path notADirectory = Files.writeString(dir.resolve("file"), "x");
        assertEquals(1, run("certs", "--domain", "httpbin.example.com", "--client", "client.example.com",
                "--out", notADirectory.toString(), "--no-self-test"));
        assertTrue(err.toString().startsWith("certs: failed: Could not write the certificates to "), err::toString);
    }

    @Test
    void helpListsEveryOption() {
        assertEquals(0, run("certs", "--help"));
        for (String option : List.of("--domain", "--client", "--out", "--key-algorithm", "--days", "--org",
                "--ca-cert", "--ca-key", "--force", "--no-self-test", "--help")) {
            assertTrue(out.toString().contains(option), option + " missing from:\n" + out);
        }
    }
}
