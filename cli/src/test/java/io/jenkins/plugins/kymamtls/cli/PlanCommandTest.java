package io.jenkins.plugins.kymamtls.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PlanCommandTest {

    @TempDir
    Path dir;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        return KymaMtlsCommand.execute(new PrintWriter(out, true), new PrintWriter(err, true), args);
    }

    private static List<String> files(Path root) throws Exception {
        try (Stream<Path> walk = Files.walk(root)) {
            return walk.filter(Files::isRegularFile).map(file -> root.relativize(file).toString()).sorted().toList();
        }
    }

    @Test
    void rendersEveryStepsResourcesWithoutACluster() throws Exception {
        assertEquals(0, run("plan", "--domain", "httpbin.example.com", "--client", "client.example.com",
                "--namespace", "mtls-demo", "--out", dir.toString(), "--key-algorithm", "ec-p256"), err::toString);

        List<String> files = files(dir);
        assertEquals(27, files.size(), files::toString);
        assertTrue(files.containsAll(List.of("certs/egress.crt", "target/06-gateway.yaml", "target/07-apirule.yaml",
                "client/12-destinationrule-originate-mtls.yaml", "lock/01-networkpolicy.yaml")), files::toString);
        for (String secret : List.of("target/05-secret.yaml", "client/02-secret.yaml", "certs/client.example.com.key")) {
            assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve(secret))),
                    secret);
        }
        assertEquals("rw-r--r--", PosixFilePermissions.toString(
                Files.getPosixFilePermissions(dir.resolve("target/06-gateway.yaml"))));
        assertTrue(out.toString().contains("  target/05-secret.yaml  (key material, 0600)"), out::toString);
        String serverKey = Files.readString(dir.resolve("certs/httpbin.example.com.key"));
        String secretYaml = Files.readString(dir.resolve("target/05-secret.yaml"));
        assertTrue(secretYaml.contains(java.util.Base64.getEncoder().encodeToString(serverKey.getBytes())),
                "the Secret carries the server key");
        assertFalse(out.toString().contains(serverKey.lines().skip(1).findFirst().orElseThrow()));
    }

    @Test
    void dnsAddressesRepeatIncludeIpv6AndTheLockFileSaysWhatToAddByHand() throws Exception {
        assertEquals(0, run("plan", "--domain", "httpbin.example.com", "--client", "client.example.com",
                "--namespace", "mtls-demo", "--out", dir.toString(), "--key-algorithm", "ec-p256", "--no-self-test",
                "--dns-address", "169.254.20.10", "--dns-address", "FD00::A"), err::toString);
        String lock = Files.readString(dir.resolve("lock/01-networkpolicy.yaml"));
        assertTrue(lock.startsWith("# NetworkPolicy of kymaLockEgress. DNS servers allowed here: 169.254.20.10, fd00::a."),
                lock);
        assertTrue(lock.contains("kubectl -n kube-system get service kube-dns"), lock);
        assertTrue(lock.contains("cidr: \"169.254.20.10/32\"") && lock.contains("cidr: \"fd00::a/128\""), lock);
    }

    @Test
    void badInputWritesNothing() {
        assertEquals(2, run("plan", "--domain", "httpbin.example.com", "--client", "client.example.com",
                "--namespace", "mtls-demo", "--out", dir.resolve("plan").toString(), "--dns-addresses", "10.0.0.300"));
        assertEquals("plan: --dns-addresses: '10.0.0.300' is not allowed; expected an IPv4 address such as 10.96.0.10"
                + " or an IPv6 address such as fd00::a", err.toString().strip());
        assertFalse(Files.exists(dir.resolve("plan")));
    }
}
