package io.jenkins.plugins.kymamtls.certificates;

import io.jenkins.plugins.kymamtls.files.AtomicFiles;
import io.jenkins.plugins.kymamtls.input.InvalidInputException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Consumer;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;

/**
 * Replaces the CA in three phases, none of which breaks a request, each rolled out to both clusters
 * (by running the cluster steps again) before the next:
 * <ol>
 * <li>{@link Phase#START}: a new CA ({@code egress-next.crt/.key}) and {@code trust-bundle.crt}
 *     holding the current and the new CA. The cluster steps put the bundle into both Secrets, so
 *     each gateway trusts both CAs while still presenting the current leaves.</li>
 * <li>{@link Phase#ISSUE}: new server and client certificates from the new CA. Each side trusts
 *     both CAs, so old and new leaves are accepted while they roll out.</li>
 * <li>{@link Phase#FINISH}: the new CA becomes {@code egress.crt/.key}; the bundle goes, and the
 *     cluster steps then trust the new CA alone.</li>
 * </ol>
 * Each phase is safe to run again: a phase already done is reported and changes nothing.
 */
public final class CertificateRotation {

    /** The three phases, in order. */
    public enum Phase {
        START, ISSUE, FINISH;

        public static final String FORM = "one of start, issue, finish (in this order, each rolled out to both"
                + " clusters before the next)";

        /** Blank is no rotation. */
        public static Phase parse(String field, String value) {
            if (value == null || value.isBlank()) {
                return null;
            }
            try {
                return valueOf(value.strip().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new InvalidInputException(field, value, FORM);
            }
        }
    }

    /**
     * The set to self-test and summarise, the stem of its CA's file, the files the rotation wrote
     * itself (leaves are written by the engine, like any renewal), and what changed.
     */
    record Outcome(CertificateSet set, String authorityFile, List<Path> written, List<String> renewed) {
    }

    private CertificateRotation() {
    }

    static Outcome apply(CertificateRequest request, CertificateIssuer issuer, Consumer<String> log) {
        Path dir = request.outputDirectory();
        Path next = CertificateFiles.certificateFile(dir, CertificateFiles.NEXT_AUTHORITY_STEM);
        Path nextKey = request.folder().keyFile(CertificateFiles.NEXT_AUTHORITY_STEM);
        Path bundle = dir.resolve(CertificateFiles.TRUST_BUNDLE_FILE);
        boolean started = Files.exists(next);
        return switch (request.rotateCa()) {
            case START -> started ? keepStarted(request, log) : start(request, issuer, next, nextKey, bundle, log);
            case ISSUE -> issue(request, issuer, requireStarted(request, started), log);
            case FINISH -> finish(request, next, nextKey, bundle, started, log);
        };
    }

    private static Outcome start(CertificateRequest request, CertificateIssuer issuer, Path next, Path nextKey,
                                 Path bundle, Consumer<String> log) {
        CertificateSet current = kept(request, CertificateFiles.AUTHORITY_STEM);
        X500Name subject = new X500NameBuilder(BCStyle.INSTANCE)
                .addRDN(BCStyle.O, CertificateIssuer.organisation(request.organization()))
                .addRDN(BCStyle.OU, "CA from " + LocalDate.ofInstant(issuer.now(), ZoneOffset.UTC))
                .addRDN(BCStyle.CN, request.domain()).build();
        IssuedCertificate nextAuthority = issuer.createAuthority(subject,
                issuer.generateKeys(request.keyAlgorithm(), 1).get(0), request.caDays());
        try {
            AtomicFiles.write(nextKey, CertificateFiles.pem(new JcaPKCS8Generator(nextAuthority.privateKey(), null)), true);
            AtomicFiles.write(next, CertificateFiles.pem(nextAuthority.certificate()), false);
            String both = new String(CertificateFiles.pem(current.authority().certificate()), StandardCharsets.US_ASCII)
                    + new String(CertificateFiles.pem(nextAuthority.certificate()), StandardCharsets.US_ASCII);
            AtomicFiles.write(bundle, both.getBytes(StandardCharsets.US_ASCII), false);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not write the next CA to " + request.outputDirectory() + ": "
                    + e.getMessage(), e);
        }
        log.accept("rotation started: the next CA " + next.getFileName() + " (valid until "
                + nextAuthority.certificate().getNotAfter().toInstant() + ") and " + bundle.getFileName()
                + " with the current and the next CA; run the cluster steps on both clusters, then rotateCa 'issue'");
        return new Outcome(current, CertificateFiles.AUTHORITY_STEM, List.of(next, nextKey, bundle),
                List.of("ca-next", "trust-bundle"));
    }

    private static Outcome keepStarted(CertificateRequest request, Consumer<String> log) {
        Optional<CertificateSet> onNext = onNext(request);
        if (onNext.isPresent()) {
            throw InvalidInputException.problem("rotateCa", "the rotation in " + request.outputDirectory()
                    + " is past 'start': its certificates are from the next CA; expected 'finish'");
        }
        log.accept("rotation already started in " + request.outputDirectory() + ": nothing to do; run the cluster"
                + " steps on both clusters, then rotateCa 'issue'");
        return new Outcome(kept(request, CertificateFiles.AUTHORITY_STEM), CertificateFiles.AUTHORITY_STEM, List.of(),
                List.of());
    }

    private static IssuedCertificate requireStarted(CertificateRequest request, boolean started) {
        if (!started) {
            throw InvalidInputException.problem("rotateCa", "no rotation is under way in " + request.outputDirectory()
                    + " (no " + CertificateFiles.NEXT_AUTHORITY_STEM + ".crt); expected 'start' first");
        }
        Path dir = request.outputDirectory();
        X509Certificate certificate = PemMaterial.readCertificate("rotateCa", read(CertificateFiles.certificateFile(dir,
                CertificateFiles.NEXT_AUTHORITY_STEM)));
        PrivateKey key = PemMaterial.readPrivateKey("rotateCa", read(request.folder().keyFile(
                CertificateFiles.NEXT_AUTHORITY_STEM)));
        return new IssuedCertificate(certificate, key, List.of());
    }

    private static Outcome issue(CertificateRequest request, CertificateIssuer issuer, IssuedCertificate next,
                                 Consumer<String> log) {
        Optional<CertificateSet> done = onNext(request);
        if (done.isPresent()) {
            log.accept("the certificates in " + request.outputDirectory() + " are already from the next CA: nothing"
                    + " to do; run the cluster steps on both clusters, then rotateCa 'finish'");
            return new Outcome(done.get(), CertificateFiles.NEXT_AUTHORITY_STEM, List.of(), List.of());
        }
        // The current set must be whole and the one this request describes before it is replaced.
        kept(request, CertificateFiles.AUTHORITY_STEM);
        List<java.security.KeyPair> keys = issuer.generateKeys(request.keyAlgorithm(), 2);
        IssuedCertificate server = issuer.issueServer(next, request.domain(), request.organization(), keys.get(0),
                request.days());
        IssuedCertificate client = issuer.issueClient(next, request.client(), keys.get(1), request.days());
        log.accept("issued the server and client certificates from the next CA; run the cluster steps on both"
                + " clusters, then rotateCa 'finish'");
        return new Outcome(new CertificateSet(next, server, client, true), CertificateFiles.NEXT_AUTHORITY_STEM,
                List.of(), List.of("server", "client"));
    }

    private static Outcome finish(CertificateRequest request, Path next, Path nextKey, Path bundle, boolean started,
                                  Consumer<String> log) {
        if (!started) {
            CertificateSet current = kept(request, CertificateFiles.AUTHORITY_STEM);
            log.accept("no rotation under way in " + request.outputDirectory() + ": nothing to finish");
            return new Outcome(current, CertificateFiles.AUTHORITY_STEM, List.of(), List.of());
        }
        CertificateSet onNext = onNext(request).orElseThrow(() -> InvalidInputException.problem("rotateCa",
                "the certificates in " + request.outputDirectory() + " are not from the next CA yet; expected 'issue'"
                        + " first"));
        Path dir = request.outputDirectory();
        try {
            AtomicFiles.write(request.folder().keyFile(CertificateFiles.AUTHORITY_STEM), Files.readAllBytes(nextKey), true);
            AtomicFiles.write(CertificateFiles.certificateFile(dir, CertificateFiles.AUTHORITY_STEM),
                    Files.readAllBytes(next), false);
            Files.delete(bundle);
            Files.delete(next);
            Files.delete(nextKey);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not finish the rotation in " + dir + ": " + e.getMessage(), e);
        }
        log.accept("rotation finished: the next CA is now " + CertificateFiles.AUTHORITY_STEM + ".crt and "
                + bundle.getFileName() + " is gone; run the cluster steps on both clusters so they trust it alone");
        return new Outcome(onNext, CertificateFiles.AUTHORITY_STEM, List.of(CertificateFiles.certificateFile(dir,
                CertificateFiles.AUTHORITY_STEM), request.folder().keyFile(CertificateFiles.AUTHORITY_STEM)),
                List.of("ca"));
    }

    /** The set whose leaves chain to the next CA, when the folder holds one. */
    private static Optional<CertificateSet> onNext(CertificateRequest request) {
        Path dir = request.outputDirectory();
        X509Certificate next = PemMaterial.readCertificate("rotateCa", read(CertificateFiles.certificateFile(dir,
                CertificateFiles.NEXT_AUTHORITY_STEM)));
        X509Certificate server = PemMaterial.readCertificate("rotateCa", read(CertificateFiles.certificateFile(dir,
                request.domain())));
        return PemMaterial.issuerOf(server, List.of(next)) == null ? Optional.empty()
                : Optional.of(kept(request, CertificateFiles.NEXT_AUTHORITY_STEM));
    }

    private static CertificateSet kept(CertificateRequest request, String authorityStem) {
        CertificateSet set = CertificateReuse.existing(request, authorityStem).orElseThrow(() ->
                InvalidInputException.problem("rotateCa", "there is no set in " + request.outputDirectory()
                        + " to rotate; expected the folder of a certificate run"));
        if (!set.authorityGenerated()) {
            throw InvalidInputException.problem("rotateCa", "the CA comes from " + PemMaterial.CERTIFICATE_FIELD
                    + "; expected a CA this folder keeps");
        }
        return set;
    }

    private static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not read " + file + ": " + e.getMessage(), e);
        }
    }
}
