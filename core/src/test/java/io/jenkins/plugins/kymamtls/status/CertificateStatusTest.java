package io.jenkins.plugins.kymamtls.status;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jenkins.plugins.kymamtls.certificates.CertificateEngine;
import io.jenkins.plugins.kymamtls.certificates.CertificateFiles;
import io.jenkins.plugins.kymamtls.certificates.CertificateRequest;
import io.jenkins.plugins.kymamtls.certificates.CertificateSummary;
import io.jenkins.plugins.kymamtls.certificates.KeyAlgorithm;
import io.jenkins.plugins.kymamtls.input.InvalidInputException;
import io.jenkins.plugins.kymamtls.status.CertificateStatus.Check;
import io.jenkins.plugins.kymamtls.status.CertificateStatus.Entry;
import io.jenkins.plugins.kymamtls.status.CertificateStatus.Health;
import io.jenkins.plugins.kymamtls.status.CertificateStatus.Report;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The judgement of deployed Secrets, without a cluster: Secrets are built from real certificate
 * sets the way the cluster steps deploy them, then changed one way at a time.
 */
class CertificateStatusTest {

    private static final String DOMAIN = "httpbin.mtls.test";
    private static final String CLIENT = "client.mtls.test";
    private static final String GATEWAY = "Gateway mtls-demo/kyma-mtls-gateway";
    private static final String RULE = "DestinationRule mtls-client/originate-mtls-for-httpbin";

    @TempDir
    static Path folders;
    private static Path first;
    private static Path second;
    private static Path wildcard;
    private static Instant issued;

    @BeforeAll
    static void certificateSets() {
        issued = Instant.now();
        first = make("first", DOMAIN, 365);
        second = make("second", DOMAIN, 365);
        wildcard = make("wildcard", "*.mtls.test", 365);
    }

    private static Path make(String name, String domain, int days) {
        Path directory = folders.resolve(name);
        new CertificateEngine().generate(CertificateRequest.builder(domain, CLIENT).keyAlgorithm(KeyAlgorithm.EC_P256)
                .days(days).outputDirectory(directory).selfTest(false).build(), line -> { });
        return directory;
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Map<String, String> targetData(Path set, String domain) {
        return new HashMap<>(Map.of("cacert", read(CertificateFiles.certificateFile(set, "egress")),
                "cert", read(CertificateFiles.certificateFile(set, domain)),
                "key", read(CertificateFiles.keyFile(set, domain))));
    }

    private static Map<String, String> clientData(Path set) {
        return new HashMap<>(Map.of("ca.crt", read(CertificateFiles.certificateFile(set, "egress")),
                "tls.crt", read(CertificateFiles.certificateFile(set, CLIENT)),
                "tls.key", read(CertificateFiles.keyFile(set, CLIENT))));
    }

    private static DeployedSecret target(Map<String, String> data, List<String> hosts) {
        return new DeployedSecret("target", "mtls-demo", "kyma-mtls-certs", data, List.of(GATEWAY), hosts);
    }

    private static DeployedSecret client(Map<String, String> data) {
        return new DeployedSecret("client", "mtls-client", "client-credential", data, List.of(RULE), List.of());
    }

    private static Report evaluate(DeployedSecret target, DeployedSecret client, String domain, Instant now) {
        return CertificateStatus.evaluate(target, client, domain, 30, now, List.of());
    }

    private static List<String> failedNames(Report report) {
        return report.failed().stream().map(Check::name).toList();
    }

    /**
     * Istio's server-name check, reported for each route: istiod turns the originate rule's
     * subjectAltNames into the egress gateway's match_subject_alt_names (IstioXdsSandboxTest); a rule
     * without them trusts any certificate from the CA, which makes the route broken.
     */
    @Test
    void theServerNameCheckOfEachRouteIsReported() {
        DeployedSecret checked = new DeployedSecret("client", "mtls-client", "client-credential", clientData(first),
                List.of(RULE), List.of(), Map.of(DOMAIN, List.of(DOMAIN)));
        Report report = evaluate(target(targetData(first, DOMAIN), List.of(DOMAIN)), checked, null, issued.plusSeconds(60));
        assertEquals(Health.HEALTHY, report.health(), report.failed().toString());
        String name = "the DestinationRule for " + DOMAIN + " checks the server's name (subjectAltNames)";
        assertTrue(report.checks().stream().anyMatch(check -> check.name().equals(name) && check.passed()),
                report.checks().toString());

        DeployedSecret unchecked = new DeployedSecret("client", "mtls-client", "client-credential", clientData(first),
                List.of(RULE), List.of(), Map.of(DOMAIN, List.of()));
        Report open = evaluate(target(targetData(first, DOMAIN), List.of(DOMAIN)), unchecked, null, issued.plusSeconds(60));
        assertEquals(Health.BROKEN, open.health());
        assertEquals(List.of(name), failedNames(open));
        assertTrue(open.failed().get(0).detail().startsWith("none: any certificate from the CA is trusted"),
                open.failed().toString());
    }

    @Test
    void aFreshlyDeployedPairIsHealthyWithEveryCheckPassed() {
        Report report = evaluate(target(targetData(first, DOMAIN), List.of(DOMAIN)), client(clientData(first)), null,
                issued.plusSeconds(60));
        assertEquals(Health.HEALTHY, report.health());
        assertEquals(List.of(), report.failed());
        assertEquals(List.of("server", "target-ca", "client", "client-ca"), report.certificates().stream().map(Entry::role).toList());
        Entry server = report.certificates().get(0);
        assertEquals("target Secret mtls-demo/kyma-mtls-certs cert", server.source());
        assertEquals("CN=" + DOMAIN + ",O=example Inc.", server.subject());
        assertEquals(List.of(DOMAIN), server.dnsNames());
        assertEquals(364, server.daysLeft());
        assertEquals(364L, report.expiresInDays());
        Entry clientEntry = report.certificates().get(2);
        assertEquals("client Secret mtls-client/client-credential tls.crt", clientEntry.source());
        List<String> names = report.checks().stream().map(Check::name).toList();
        assertTrue(names.contains("target Secret mtls-demo/kyma-mtls-certs holds cacert, cert, key"), names.toString());
        assertTrue(names.contains("target Secret mtls-demo/kyma-mtls-certs is used by a Gateway"), names.toString());
        assertTrue(names.contains("client Secret mtls-client/client-credential is used by a DestinationRule"), names.toString());
        assertTrue(names.contains("the server certificate names " + DOMAIN), names.toString());
        assertTrue(names.contains("the server certificate chains to a CA in the client's ca.crt"), names.toString());
        assertTrue(names.contains("the client certificate chains to a CA in the target's cacert"), names.toString());
        assertTrue(names.contains("the server key in target Secret mtls-demo/kyma-mtls-certs matches its certificate"),
                names.toString());
        assertTrue(names.contains("the client key in client Secret mtls-client/client-credential matches its certificate"),
                names.toString());
        assertEquals(4, names.stream().filter(name -> name.endsWith(" is valid now")).count());
        assertEquals(4, names.stream().filter(name -> name.endsWith(" has at least 30 days left")).count());
    }

    @Test
    void certificatesEndingWithinWarnDaysMakeItExpiringAndEndedOnesBroken() {
        DeployedSecret target = target(targetData(first, DOMAIN), List.of(DOMAIN));
        Instant end = Instant.parse(evaluate(target, null, null, issued).certificates().get(0).notAfter());
        Instant fiveDaysBefore = end.minus(Duration.ofHours(4 * 24 + 12));
        Report expiring = evaluate(target, null, null, fiveDaysBefore);
        assertEquals(Health.EXPIRING, expiring.health());
        assertEquals(4L, expiring.expiresInDays());
        assertEquals(List.of("server CN=" + DOMAIN + ",O=example Inc. has at least 30 days left"), failedNames(expiring));
        assertTrue(expiring.failed().get(0).expiry());
        assertTrue(expiring.failed().get(0).detail().startsWith("4 days left, until "), expiring.failed().get(0).detail());

        // The boundary: exactly warnDays left passes.
        Instant thirtyDaysLeft = end.minus(Duration.ofDays(30));
        assertEquals(Health.HEALTHY, evaluate(target, null, null, thirtyDaysLeft).health());
        assertEquals(Health.EXPIRING, evaluate(target, null, null, thirtyDaysLeft.plusSeconds(1)).health());
        Report lenient = CertificateStatus.evaluate(target, null, null, 3, fiveDaysBefore, List.of());
        assertEquals(Health.HEALTHY, lenient.health());

        assertEquals(Health.EXPIRING, evaluate(target, null, null, end).health());
        Report ended = evaluate(target, null, null, end.plusSeconds(1));
        assertEquals(Health.BROKEN, ended.health());
        assertEquals(-1L, ended.expiresInDays());
        assertEquals(List.of("server CN=" + DOMAIN + ",O=example Inc. is valid now"), failedNames(ended));
        assertFalse(ended.failed().get(0).expiry());
        assertEquals(Health.BROKEN, evaluate(target, null, null, issued.minus(Duration.ofDays(2))).health());
    }

    @Test
    void theServerCertificateMustNameTheDomainOrEveryGatewayHost() {
        DeployedSecret target = target(targetData(first, DOMAIN), List.of(DOMAIN, "other.mtls.test"));
        Report report = evaluate(target, null, null, issued);
        assertEquals(Health.BROKEN, report.health());
        assertEquals(List.of("the server certificate names other.mtls.test"), failedNames(report));
        assertEquals("it names [" + DOMAIN + "]", report.failed().get(0).detail());
        assertEquals(Health.HEALTHY, evaluate(target, null, DOMAIN, issued).health());

        Report noHost = evaluate(target(targetData(first, DOMAIN), List.of()), null, null, issued);
        assertEquals(List.of("the server certificate names the domain"), failedNames(noHost));
    }

    @Test
    void aWildcardNamesExactlyOneMoreLabel() {
        DeployedSecret target = target(targetData(wildcard, "*.mtls.test"), List.of());
        assertEquals(Health.HEALTHY, evaluate(target, null, "httpbin.mtls.test", issued).health());
        assertEquals(Health.BROKEN, evaluate(target, null, "a.httpbin.mtls.test", issued).health());
        assertEquals(Health.BROKEN, evaluate(target, null, "mtls.test", issued).health());
        assertEquals(Health.BROKEN, evaluate(target, null, "httpbinmtls.test", issued).health());
        assertEquals(Health.HEALTHY, evaluate(target, null, "*.mtls.test", issued).health());
    }

    @Test
    void chainsAcrossTheClustersAreCheckedBothWays() {
        Report report = evaluate(target(targetData(first, DOMAIN), List.of(DOMAIN)), client(clientData(second)), null,
                issued);
        assertEquals(Health.BROKEN, report.health());
        assertEquals(List.of("the server certificate chains to a CA in the client's ca.crt",
                "the client certificate chains to a CA in the target's cacert"), failedNames(report));
        String detail = report.failed().get(0).detail();
        assertTrue(detail.startsWith("issued by ") && detail.endsWith(", which is not among the 1 trusted"), detail);

        // A bundle holding both CAs, as during a rotation, trusts either.
        Map<String, String> bundled = clientData(second);
        bundled.put("ca.crt", read(CertificateFiles.certificateFile(second, "egress"))
                + read(CertificateFiles.certificateFile(first, "egress")));
        Map<String, String> targetBundled = targetData(first, DOMAIN);
        targetBundled.put("cacert", read(CertificateFiles.certificateFile(first, "egress"))
                + read(CertificateFiles.certificateFile(second, "egress")));
        Report rotating = evaluate(target(targetBundled, List.of(DOMAIN)), client(bundled), null, issued);
        assertEquals(Health.HEALTHY, rotating.health(), rotating.failed().toString());
        assertEquals(List.of("server", "target-ca", "target-ca", "client", "client-ca", "client-ca"),
                rotating.certificates().stream().map(Entry::role).toList());
    }

    @Test
    void aKeyThatIsNotTheCertificatesBreaksTheRoute() {
        Map<String, String> data = targetData(first, DOMAIN);
        data.put("key", read(CertificateFiles.keyFile(second, DOMAIN)));
        Report report = evaluate(target(data, List.of(DOMAIN)), null, null, issued);
        assertEquals(List.of("the server key in target Secret mtls-demo/kyma-mtls-certs matches its certificate"),
                failedNames(report));
        assertEquals(Health.BROKEN, report.health());
    }

    @Test
    void missingSecretsEntriesAndReferencesAreNamed() {
        Report absent = evaluate(target(null, List.of()), client(null), null, issued);
        assertEquals(List.of("target Secret mtls-demo/kyma-mtls-certs exists", "client Secret mtls-client/client-credential exists"),
                failedNames(absent));
        assertNull(absent.expiresInDays());
        assertEquals(List.of(), absent.certificates());

        Map<String, String> partial = clientData(first);
        partial.remove("tls.key");
        partial.remove("ca.crt");
        Report missing = evaluate(null, new DeployedSecret("client", "mtls-client", "client-credential", partial,
                List.of(), List.of()), null, issued);
        assertEquals(List.of("client Secret mtls-client/client-credential holds tls.crt, tls.key, ca.crt",
                "client Secret mtls-client/client-credential is used by a DestinationRule"), failedNames(missing));
        assertEquals("missing [tls.key, ca.crt]", missing.failed().get(0).detail());
        assertEquals("nothing names it as credentialName", missing.failed().get(1).detail());
        assertEquals(List.of(), missing.certificates());
    }

    @Test
    void unreadablePemIsNamedWithoutShowingTheKey() {
        Map<String, String> data = targetData(first, DOMAIN);
        data.put("key", "-----BEGIN PRIVATE KEY-----\nnot a key\n-----END PRIVATE KEY-----\n");
        Report report = evaluate(target(data, List.of(DOMAIN)), null, null, issued);
        assertEquals(List.of("target Secret mtls-demo/kyma-mtls-certs holds readable PEM"), failedNames(report));
        assertFalse(report.failed().get(0).detail().contains("not a key"), report.failed().get(0).detail());
        assertEquals(Health.BROKEN, report.health());
    }

    @Test
    void deployedLeavesAreComparedWithTheFoldersSummary() throws IOException {
        List<CertificateSummary> made = CertificateSummary.fromJson(
                Files.readString(first.resolve(CertificateFiles.SUMMARY_FILE)));
        DeployedSecret target = target(targetData(first, DOMAIN), List.of(DOMAIN));
        assertEquals(Health.HEALTHY,
                CertificateStatus.evaluate(target, client(clientData(first)), null, 30, issued, made).health());

        Report stale = CertificateStatus.evaluate(target, client(clientData(first)), null, 30, issued,
                CertificateSummary.fromJson(Files.readString(second.resolve(CertificateFiles.SUMMARY_FILE))));
        assertEquals(Health.BROKEN, stale.health());
        assertEquals(List.of("the deployed server certificate is the one in certificates.json",
                "the deployed client certificate is the one in certificates.json"), failedNames(stale));
        assertTrue(stale.failed().get(0).detail().endsWith("(run the cluster step again to roll it out)"),
                stale.failed().get(0).detail());
    }

    @Test
    void warnDaysAreOneToTenYears() {
        assertEquals(1, CertificateStatus.warnDays(1));
        assertEquals(3650, CertificateStatus.warnDays(3650));
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> CertificateStatus.evaluate(null, null, null, 0, issued, List.of()));
        assertEquals("warnDays", e.field());
    }

    @Test
    void aSecretNeverShowsItsDataWhenPrinted() {
        DeployedSecret target = target(targetData(first, DOMAIN), List.of(DOMAIN));
        assertEquals("target Secret mtls-demo/kyma-mtls-certs with " + target.data().keySet(), target.toString());
        assertFalse(target.toString().contains("PRIVATE KEY"));
        assertEquals("target Secret mtls-demo/kyma-mtls-certs (missing)", target(null, List.of()).toString());
    }
}
