package io.jenkins.plugins.kymamtls.certificates;

import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The work behind {@code kymaMtlsCerts} and {@code kyma-mtls certs}: check, issue, self-test, and
 * only then write, so a failure at any point leaves the output directory as it was. A set an earlier
 * run left that fits the request is kept and self-tested again instead (see {@link CertificateReuse}).
 */
public final class CertificateEngine {

    private final CertificateIssuer issuer;
    private final Clock clock;

    public CertificateEngine(CertificateIssuer issuer, Clock clock) {
        this.issuer = issuer;
        this.clock = clock;
    }

    public CertificateEngine() {
        this(new CertificateIssuer(), Clock.systemUTC());
    }

    /**
     * @param log receives progress lines; they hold names and fingerprints, never key material
     */
    public CertificateResult generate(CertificateRequest request, Consumer<String> log) {
        Optional<CertificateSet> kept = CertificateReuse.existing(request, clock);
        CertificateSet set = kept.orElseGet(() -> issue(request));
        kept.ifPresent(existing -> log.accept("reusing the certificates in " + request.outputDirectory()
                + ": same domain, client, organisation, key algorithm and CA, valid until "
                + existing.server().certificate().getNotAfter().toInstant() + " (set force to make new ones)"));
        List<HandshakeSelfTest.Outcome> selfTest = List.of();
        if (request.selfTest()) {
            selfTest = HandshakeSelfTest.run(set, request.domain(), foreignClient(request));
            for (HandshakeSelfTest.Outcome outcome : selfTest) {
                log.accept("self-test passed: " + outcome.check());
            }
        }
        Path dir = request.outputDirectory();
        List<CertificateSummary> summaries = List.of(
                CertificateSummary.of("ca", CertificateFiles.certificateFile(dir, CertificateFiles.AUTHORITY_STEM)
                        .getFileName().toString(), set.authority()),
                CertificateSummary.of("server", CertificateFiles.certificateFile(dir, request.domain())
                        .getFileName().toString(), set.server()),
                CertificateSummary.of("client", CertificateFiles.certificateFile(dir, request.client())
                        .getFileName().toString(), set.client()));
        List<Path> files = CertificateFiles.write(request, set, CertificateSummary.toJson(summaries), kept.isPresent());
        if (kept.isEmpty()) {
            for (Path file : files) {
                log.accept("wrote " + file);
            }
        }
        return new CertificateResult(files, summaries, selfTest, kept.isPresent());
    }

    /** Issues the set in memory; nothing is written. */
    public CertificateSet issue(CertificateRequest request) {
        boolean generated = !request.hasSuppliedAuthority();
        List<KeyPair> keys = issuer.generateKeys(request.keyAlgorithm(), generated ? 3 : 2);
        IssuedCertificate authority = generated
                ? issuer.createAuthority(CertificateIssuer.authoritySubject(request.organization(), request.domain()),
                        keys.get(2), request.days())
                : PemMaterial.load(request.caCertificatePem(), request.caKeyPem(), clock);
        IssuedCertificate server = issuer.issueServer(authority, request.domain(), request.organization(),
                keys.get(0), request.days());
        IssuedCertificate client = issuer.issueClient(authority, request.client(), keys.get(1), request.days());
        return new CertificateSet(authority, server, client, generated);
    }

    /** A client that looks right in every way but its issuer, which the server must refuse. */
    private IssuedCertificate foreignClient(CertificateRequest request) {
        IssuedCertificate otherAuthority = issuer.createAuthority(
                CertificateIssuer.authoritySubject("self-test impostor", request.client()), KeyAlgorithm.EC_P256, 1);
        return issuer.issueClient(otherAuthority, request.client(), issuer.generateKeys(KeyAlgorithm.EC_P256, 1).get(0), 1);
    }
}
