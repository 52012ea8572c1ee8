package io.jenkins.plugins.kymamtls.status;

import io.jenkins.plugins.kymamtls.certificates.CertificateSummary;
import io.jenkins.plugins.kymamtls.certificates.PemMaterial;
import io.jenkins.plugins.kymamtls.input.InputChecks;
import io.jenkins.plugins.kymamtls.input.InvalidInputException;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Judges what is deployed: each certificate's facts and the checks the mTLS route depends on. The
 * server certificate names the domain and chains to a CA the client side trusts; the client
 * certificate chains to a CA the target side trusts; each key is its certificate's (compared by
 * public key, never shown); nothing is expired or not yet valid; and nothing ends within
 * {@code warnDays}. Only the last makes the route EXPIRING rather than BROKEN.
 */
public final class CertificateStatus {

    public static final int DEFAULT_WARN_DAYS = 30;

    /** Healthy; working but a certificate ends within warnDays; or broken now. */
    public enum Health { HEALTHY, EXPIRING, BROKEN }

    /** The public facts of one deployed certificate. */
    public record Entry(String role, String source, String subject, List<String> dnsNames, String issuer, String serial,
                        String sha256Fingerprint, String notBefore, String notAfter, long daysLeft) {
    }

    /** @param expiry whether this check is about time left only (EXPIRING, not BROKEN) */
    public record Check(String name, boolean passed, String detail, boolean expiry) {
    }

    /** @param expiresInDays whole days until the soonest end; null when no certificate was read */
    public record Report(Health health, Long expiresInDays, List<Entry> certificates, List<Check> checks) {
        public List<Check> failed() {
            return checks.stream().filter(check -> !check.passed()).toList();
        }
    }

    /** Where a Secret keeps the leaf, its key and the CAs it trusts, in the order it lists them. */
    private record Layout(String certificate, String key, String authority, List<String> all) {
    }

    private static final Layout TARGET = new Layout("cert", "key", "cacert", List.of("cacert", "cert", "key"));
    private static final Layout CLIENT = new Layout("tls.crt", "tls.key", "ca.crt", List.of("tls.crt", "tls.key", "ca.crt"));

    private final Instant now;
    private final int warnDays;
    private final List<Entry> entries = new ArrayList<>();
    private final List<Check> checks = new ArrayList<>();

    private CertificateStatus(Instant now, int warnDays) {
        this.now = now;
        this.warnDays = warnDays;
    }

    /** 1-3650, like the certificates' own days. */
    public static int warnDays(int value) {
        return InputChecks.days("warnDays", value);
    }

    /**
     * @param target the target cluster's Secret, or null when only the client cluster was read
     * @param client the client cluster's Secret, or null when only the target cluster was read
     * @param domain the host the server certificate must name; null to take the Gateway's hosts
     * @param local what the last certificate run made (certificates.json), or empty
     */
    public static Report evaluate(DeployedSecret target, DeployedSecret client, String domain, int warnDays,
                                  Instant now, List<CertificateSummary> local) {
        CertificateStatus status = new CertificateStatus(now, warnDays(warnDays));
        Side targetSide = status.read(target, TARGET, "server", "target-ca");
        Side clientSide = status.read(client, CLIENT, "client", "client-ca");
        if (targetSide != null) {
            List<String> names = domain != null ? List.of(domain) : target.hosts();
            if (names.isEmpty()) {
                status.check("the server certificate names the domain", false,
                        "no domain given and no Gateway names a host with this Secret");
            }
            for (String name : names) {
                List<String> dnsNames = CertificateSummary.dnsNamesOf(targetSide.leaf());
                status.check("the server certificate names " + name, dnsNames.contains(name)
                        || dnsNames.stream().anyMatch(san -> san.startsWith("*.") && name.endsWith(san.substring(1))
                        && name.indexOf('.') == name.length() - san.length() + 1), "it names " + dnsNames);
            }
        }
        if (targetSide != null && clientSide != null) {
            status.chains("the server certificate chains to a CA in the client's ca.crt", targetSide.leaf(),
                    clientSide.authorities());
            status.chains("the client certificate chains to a CA in the target's cacert", clientSide.leaf(),
                    targetSide.authorities());
        }
        if (!local.isEmpty()) {
            status.compare(local, "server", targetSide);
            status.compare(local, "client", clientSide);
        }
        boolean broken = status.checks.stream().anyMatch(check -> !check.passed() && !check.expiry());
        boolean expiring = status.checks.stream().anyMatch(check -> !check.passed() && check.expiry());
        Long soonest = status.entries.stream().map(Entry::daysLeft).min(Long::compare).orElse(null);
        return new Report(broken ? Health.BROKEN : expiring ? Health.EXPIRING : Health.HEALTHY, soonest,
                List.copyOf(status.entries), List.copyOf(status.checks));
    }

    /** One cluster's leaf with its key, and the CAs it trusts. */
    private record Side(X509Certificate leaf, List<X509Certificate> authorities) {
    }

    private Side read(DeployedSecret secret, Layout layout, String leafRole, String authorityRole) {
        if (secret == null) {
            return null;
        }
        String certificateKey = layout.certificate();
        String privateKeyKey = layout.key();
        String authorityKey = layout.authority();
        if (secret.data() == null) {
            check(secret.where() + " exists", false, "not found");
            return null;
        }
        List<String> missing = layout.all().stream().filter(key -> !secret.data().containsKey(key)).toList();
        check(secret.where() + " holds " + String.join(", ", layout.all()), missing.isEmpty(),
                missing.isEmpty() ? "" : "missing " + missing);
        check(secret.where() + " is used by a " + (secret.side().equals("target") ? "Gateway" : "DestinationRule"),
                !secret.referencedBy().isEmpty(), secret.referencedBy().isEmpty() ? "nothing names it as credentialName"
                        : String.join(", ", secret.referencedBy()));
        // Istio's server-name check: the egress gateway trusts only a server certificate that names
        // the host (the UpstreamTlsContext's match_subject_alt_names istiod makes of subjectAltNames);
        // without it, any certificate from the CA is trusted.
        secret.subjectAltNames().forEach((host, names) -> check("the DestinationRule for " + host
                + " checks the server's name (subjectAltNames)", names.contains(host), names.isEmpty()
                ? "none: any certificate from the CA is trusted; run kymaEgressRoute / kyma-mtls egress again"
                : "subjectAltNames " + names + (names.contains(host) ? "" : " do not name " + host)));
        if (!missing.isEmpty()) {
            return null;
        }
        try {
            List<X509Certificate> leafChain = PemMaterial.readCertificates(certificateKey, secret.data().get(certificateKey));
            List<X509Certificate> authorities = PemMaterial.readCertificates(authorityKey,
                    secret.data().get(authorityKey));
            X509Certificate leaf = leafChain.get(0);
            entry(leafRole, secret.where() + " " + certificateKey, leaf);
            for (X509Certificate authority : authorities) {
                entry(authorityRole, secret.where() + " " + authorityKey, authority);
            }
            PrivateKey key = PemMaterial.readPrivateKey(privateKeyKey, secret.data().get(privateKeyKey));
            check("the " + leafRole + " key in " + secret.where() + " matches its certificate",
                    PemMaterial.keyMatches(privateKeyKey, key, leaf.getPublicKey()), "");
            return new Side(leaf, authorities);
        } catch (InvalidInputException e) {
            check(secret.where() + " holds readable PEM", false, e.getMessage());
            return null;
        }
    }

    private void entry(String role, String source, X509Certificate certificate) {
        Instant notAfter = certificate.getNotAfter().toInstant();
        long daysLeft = Math.floorDiv(Duration.between(now, notAfter).toSeconds(), 86_400L);
        String subject = CertificateSummary.inEncodedOrder(certificate.getSubjectX500Principal());
        entries.add(new Entry(role, source, subject, CertificateSummary.dnsNamesOf(certificate),
                CertificateSummary.inEncodedOrder(certificate.getIssuerX500Principal()),
                certificate.getSerialNumber().toString(16), CertificateSummary.fingerprint(certificate),
                certificate.getNotBefore().toInstant().toString(), notAfter.toString(), daysLeft));
        boolean valid = !now.isAfter(notAfter) && !now.isBefore(certificate.getNotBefore().toInstant());
        check(role + " " + subject + " is valid now", valid, "valid " + certificate.getNotBefore().toInstant() + " to "
                + notAfter);
        if (valid) {
            checks.add(new Check(role + " " + subject + " has at least " + warnDays + " days left", daysLeft >= warnDays,
                    daysLeft + " days left, until " + notAfter, true));
        }
    }

    private void chains(String name, X509Certificate leaf, List<X509Certificate> authorities) {
        X509Certificate issuer = PemMaterial.issuerOf(leaf, authorities);
        check(name, issuer != null, issuer != null
                ? "issued by " + CertificateSummary.inEncodedOrder(issuer.getSubjectX500Principal())
                : "issued by " + CertificateSummary.inEncodedOrder(leaf.getIssuerX500Principal())
                        + ", which is not among the " + authorities.size() + " trusted");
    }

    private void compare(List<CertificateSummary> local, String role, Side side) {
        Optional<CertificateSummary> made = local.stream().filter(summary -> summary.role().equals(role)).findFirst();
        if (made.isEmpty() || side == null) {
            return;
        }
        String deployed = CertificateSummary.fingerprint(side.leaf());
        check("the deployed " + role + " certificate is the one in certificates.json",
                deployed.equals(made.get().sha256Fingerprint()), "deployed " + deployed + ", the folder has "
                        + made.get().sha256Fingerprint() + " (run the cluster step again to roll it out)");
    }

    private void check(String name, boolean passed, String detail) {
        checks.add(new Check(name, passed, detail, false));
    }
}
