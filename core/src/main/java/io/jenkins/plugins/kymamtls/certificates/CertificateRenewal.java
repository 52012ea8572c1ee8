package io.jenkins.plugins.kymamtls.certificates;

import io.jenkins.plugins.kymamtls.input.InvalidInputException;
import java.io.IOException;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.bouncycastle.asn1.x509.AuthorityKeyIdentifier;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;

/**
 * What a kept set needs before it is used again: leaves re-issued from the same CA when they end
 * within {@code renewBefore} days (or all, with {@code renew}), and the CA certificate re-issued for
 * the same key with {@code renewCa}. Because the CA's key stays, old and new leaves are both
 * accepted while the new ones roll out. Anything not valid now that the request does not renew
 * stops the run, naming what to set.
 */
final class CertificateRenewal {

    /** The set to use and the roles ("ca", "server", "client") re-issued in this run. */
    record Outcome(CertificateSet set, List<String> renewed) {
    }

    private CertificateRenewal() {
    }

    static Outcome apply(CertificateRequest request, CertificateSet kept, CertificateIssuer issuer,
                         Consumer<String> log) {
        Instant now = issuer.now();
        List<String> renewed = new ArrayList<>();
        IssuedCertificate authority = kept.authority();
        boolean renewServer = due("server", kept.server(), request, now);
        boolean renewClient = due("client", kept.client(), request, now);
        if (request.renewCa()) {
            authority = issuer.renewAuthority(kept.authority(), request.caDays());
            renewed.add("ca");
            // Leaves made before key-identifier-only AKIs name the old CA certificate's serial, which
            // the re-issued CA does not have; OpenSSL then refuses the chain, so they go too.
            renewServer |= namesIssuerSerial(kept.server(), "server", log);
            renewClient |= namesIssuerSerial(kept.client(), "client", log);
        } else if (!validAt(kept.authority().certificate(), now)) {
            throw InvalidInputException.problem("renewCa", "the CA " + CertificateFiles.AUTHORITY_STEM + ".crt in "
                    + request.outputDirectory() + " is not valid now (" + validity(kept.authority().certificate())
                    + "); expected renewCa to re-issue it for the same key (its leaves stay valid), or force for a"
                    + " new set");
        }
        Instant caEnds = authority.certificate().getNotAfter().toInstant();
        Instant leavesWouldEnd = now.plus(Duration.ofDays(request.days()));
        if ((renewServer || renewClient) && leavesWouldEnd.isAfter(caEnds)) {
            throw InvalidInputException.problem("renewCa", "the CA " + CertificateFiles.AUTHORITY_STEM + ".crt ends on "
                    + caEnds + ", before leaves renewed for " + request.days() + " days would (" + leavesWouldEnd
                    + "); expected renewCa to re-issue the CA for the same key first, or fewer days");
        }
        List<java.security.KeyPair> keys = issuer.generateKeys(request.keyAlgorithm(),
                (renewServer ? 1 : 0) + (renewClient ? 1 : 0));
        int next = 0;
        IssuedCertificate server = renewServer
                ? issuer.issueServer(authority, request.domain(), request.organization(), keys.get(next++), request.days())
                : new IssuedCertificate(kept.server().certificate(), kept.server().privateKey(),
                        List.of(authority.certificate()));
        IssuedCertificate client = renewClient
                ? issuer.issueClient(authority, request.client(), keys.get(next), request.days())
                : new IssuedCertificate(kept.client().certificate(), kept.client().privateKey(),
                        List.of(authority.certificate()));
        if (renewServer) {
            renewed.add("server");
        }
        if (renewClient) {
            renewed.add("client");
        }
        return new Outcome(new CertificateSet(authority, server, client, kept.authorityGenerated()), renewed);
    }

    /** Due when asked for, or ending within renewBefore; not valid now and not asked for stops the run. */
    private static boolean due(String role, IssuedCertificate leaf, CertificateRequest request, Instant now) {
        X509Certificate certificate = leaf.certificate();
        if (request.renew()) {
            return true;
        }
        if (request.renewBefore() > 0) {
            if (certificate.getNotAfter().toInstant().isBefore(now.plus(Duration.ofDays(request.renewBefore())))) {
                return true;
            }
        }
        if (!validAt(certificate, now)) {
            throw InvalidInputException.problem("renewBefore", "the " + role + " certificate in "
                    + request.outputDirectory() + " is not valid now (" + validity(certificate) + "); expected"
                    + " renewBefore or renew to re-issue it from the same CA, or force for a new set");
        }
        return false;
    }

    private static boolean namesIssuerSerial(IssuedCertificate leaf, String role, Consumer<String> log) {
        byte[] value = leaf.certificate().getExtensionValue(Extension.authorityKeyIdentifier.getId());
        if (value == null) {
            return false;
        }
        try {
            AuthorityKeyIdentifier aki = AuthorityKeyIdentifier.getInstance(
                    JcaX509ExtensionUtils.parseExtensionValue(value));
            if (aki.getAuthorityCertSerialNumber() != null) {
                log.accept("renewing the " + role + " certificate too: it names the old CA certificate's serial");
                return true;
            }
            return false;
        } catch (IOException e) {
            return true;
        }
    }

    static boolean validAt(X509Certificate certificate, Instant now) {
        return !now.isAfter(certificate.getNotAfter().toInstant()) && !now.isBefore(certificate.getNotBefore().toInstant());
    }

    private static String validity(X509Certificate certificate) {
        return certificate.getNotBefore().toInstant() + " to " + certificate.getNotAfter().toInstant();
    }
}
