package io.jenkins.plugins.kymamtls.certificates;

import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

/**
 * The work behind {@code kymaMtlsCerts} and {@code kyma-mtls certs}: check, issue, self-test, and
 * only then write, so a failure at any point leaves the output directory as it was. A set an earlier
 * run left that fits the request is kept and self-tested again instead (see {@link CertificateReuse}),
 * with what is due renewed first (see {@link CertificateRenewal}).
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
        CertificateIssuer now = issuer.at(clock.instant());
        // The self-test's impostor and the TLS provider do not depend on the set: they are made
        // while the set's keys are generated, on a core key generation leaves idle part of the time.
        CompletableFuture<IssuedCertificate> impostor = !request.selfTest() ? null
                : CompletableFuture.supplyAsync(() -> {
                    TlsContexts.warmUp();
                    return foreignClient(request, now);
                }, CertificateEngine::background);
        CertificateSet set;
        List<String> renewed;
        boolean reused;
        String authorityStem = CertificateFiles.AUTHORITY_STEM;
        List<Path> rotationFiles = List.of();
        if (request.rotateCa() != null) {
            CertificateRotation.Outcome outcome = CertificateRotation.apply(request, now, log);
            set = outcome.set();
            renewed = outcome.renewed();
            reused = true;
            authorityStem = outcome.authorityFile();
            rotationFiles = outcome.written();
        } else {
            Optional<CertificateSet> kept = CertificateReuse.existing(request);
            reused = kept.isPresent();
            if (kept.isPresent()) {
                CertificateRenewal.Outcome outcome = CertificateRenewal.apply(request, kept.get(), now, log);
                set = outcome.set();
                renewed = outcome.renewed();
                log.accept("reusing the certificates in " + request.outputDirectory()
                        + ": same domain, client, organisation, key algorithm and CA"
                        + (renewed.isEmpty() ? ", valid until " + set.server().certificate().getNotAfter().toInstant()
                                + " (set force to make new ones)" : "; renewed " + String.join(", ", renewed)));
                for (String role : renewed) {
                    IssuedCertificate issued = role.equals("ca") ? set.authority()
                            : role.equals("server") ? set.server() : set.client();
                    log.accept("renewed the " + role + " certificate: valid until "
                            + issued.certificate().getNotAfter().toInstant());
                }
            } else {
                set = issue(request, now);
                renewed = List.of();
            }
        }
        List<HandshakeSelfTest.Outcome> selfTest = List.of();
        if (request.selfTest()) {
            selfTest = HandshakeSelfTest.run(set, request.domain(), impostor.join(), now.now());
            for (HandshakeSelfTest.Outcome outcome : selfTest) {
                log.accept("self-test passed: " + outcome.check());
            }
        }
        Path dir = request.outputDirectory();
        List<CertificateSummary> summaries = List.of(
                CertificateSummary.of("ca", CertificateFiles.certificateFile(dir, authorityStem)
                        .getFileName().toString(), set.authority()),
                CertificateSummary.of("server", CertificateFiles.certificateFile(dir, request.domain())
                        .getFileName().toString(), set.server()),
                CertificateSummary.of("client", CertificateFiles.certificateFile(dir, request.client())
                        .getFileName().toString(), set.client()));
        // A rotation writes its CA files itself; the engine writes leaves, here as for any renewal.
        Set<String> write = !reused ? Set.of("ca", "server", "client")
                : Set.copyOf(renewed.stream().filter(role -> request.rotateCa() == null || !role.equals("ca")).toList());
        List<Path> files = new java.util.ArrayList<>(CertificateFiles.write(request, set,
                CertificateSummary.toJson(summaries), write));
        // The rotation's own files, before the summary; finishing moves the next CA onto the CA's files,
        // which the set lists already.
        files.addAll(files.size() - 1, rotationFiles.stream().filter(file -> !files.contains(file)).toList());
        for (Path file : CertificateFiles.filesOf(request, set, write)) {
            log.accept("wrote " + file);
        }
        return new CertificateResult(files, summaries, selfTest, reused, renewed);
    }

    /** Issues the set in memory; nothing is written. */
    public CertificateSet issue(CertificateRequest request) {
        return issue(request, issuer.at(clock.instant()));
    }

    private CertificateSet issue(CertificateRequest request, CertificateIssuer issuer) {
        boolean generated = !request.hasSuppliedAuthority();
        List<KeyPair> keys = issuer.generateKeys(request.keyAlgorithm(), generated ? 3 : 2);
        IssuedCertificate authority = generated
                ? issuer.createAuthority(CertificateIssuer.authoritySubject(request.organization(), request.domain()),
                        keys.get(2), request.caDays())
                : PemMaterial.load(request.caCertificatePem(), request.caKeyPem(), clock);
        IssuedCertificate server = issuer.issueServer(authority, request.domain(), request.organization(),
                keys.get(0), request.days());
        IssuedCertificate client = issuer.issueClient(authority, request.client(), keys.get(1), request.days());
        return new CertificateSet(authority, server, client, generated);
    }

    private static void background(Runnable work) {
        Thread thread = new Thread(work, "kyma-mtls-self-test-setup");
        thread.setDaemon(true);
        thread.start();
    }

    /** A client that looks right in every way but its issuer, which the server must refuse. */
    private static IssuedCertificate foreignClient(CertificateRequest request, CertificateIssuer issuer) {
        IssuedCertificate otherAuthority = issuer.createAuthority(
                CertificateIssuer.authoritySubject("self-test impostor", request.client()), KeyAlgorithm.EC_P256, 1);
        return issuer.issueClient(otherAuthority, request.client(), issuer.generateKeys(KeyAlgorithm.EC_P256, 1).get(0), 1);
    }
}
