package io.jenkins.plugins.kymamtls.results;

import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What one call of one step established, as the build page shows it: the certificates, the cluster
 * objects applied, and each verification with its result and proof. Plain text and numbers only,
 * taken from the step's returned map: no key, no kubeconfig, no token ever reaches it.
 */
public final class Section {

    private final String step;
    private final String title;
    private final List<Certificate> certificates;
    private final List<String> applied;
    private final List<Verification> verifications;
    /** kymaMtlsStatus only: HEALTHY, EXPIRING or BROKEN. */
    private final String health;
    /** kymaMtlsStatus only: days left of the soonest certificate. */
    private final Long expiresInDays;
    /** Days left below which a certificate shows as ending soon (renewBefore or warnDays; 30 otherwise). */
    private final int warnDays;

    /**
     * One certificate, as the step reported it. A class, not a record: Jenkins saves it with the build
     * through XStream's reflection provider, which writes fields of plain classes.
     */
    public static final class Certificate {
        private final String role;
        private final String subject;
        private final List<String> dnsNames;
        private final String serial;
        private final String fingerprint;
        private final String notAfter;

        Certificate(String role, String subject, List<String> dnsNames, String serial, String fingerprint,
                    String notAfter) {
            this.role = role;
            this.subject = subject;
            this.dnsNames = new ArrayList<>(dnsNames);
            this.serial = serial;
            this.fingerprint = fingerprint;
            this.notAfter = notAfter;
        }

        /** Whole days from {@code now} to notAfter; null when notAfter is not a time. */
        public Long daysLeftAt(Instant now) {
            if (notAfter == null) {
                return null;
            }
            try {
                return Duration.between(now, Instant.parse(notAfter)).toDays();
            } catch (DateTimeParseException e) {
                return null;
            }
        }

        public Long getDaysLeft() {
            return daysLeftAt(Instant.now());
        }

        public String getRole() {
            return role;
        }

        public String getSubject() {
            return subject;
        }

        public String getDnsNames() {
            return dnsNames == null ? "" : String.join(", ", dnsNames);
        }

        public String getSerial() {
            return serial;
        }

        public String getFingerprint() {
            return fingerprint;
        }

        public String getNotAfter() {
            return notAfter;
        }
    }

    /** One check the step proved, or failed to (a plain class, as Certificate). */
    public static final class Verification {
        private final String name;
        private final boolean passed;
        private final String proof;

        Verification(String name, boolean passed, String proof) {
            this.name = name;
            this.passed = passed;
            this.proof = proof;
        }

        public String getName() {
            return name;
        }

        public boolean isPassed() {
            return passed;
        }

        public String getProof() {
            return proof;
        }
    }

    Section(String step, String title, List<Certificate> certificates, List<String> applied,
            List<Verification> verifications, String health, Long expiresInDays, int warnDays) {
        this.step = step;
        this.title = title;
        // ArrayLists: Jenkins' XStream saves them; the JDK's immutable lists it cannot read on Java 17.
        this.certificates = new ArrayList<>(certificates);
        this.applied = new ArrayList<>(applied);
        this.verifications = new ArrayList<>(verifications);
        this.health = health;
        this.expiresInDays = expiresInDays;
        this.warnDays = warnDays;
    }

    /** The section a step's returned map gives; {@code title} is the step's first log line. */
    static Section of(String step, String title, Map<String, Object> result, int warnDays) {
        List<Certificate> certificates = new ArrayList<>();
        for (Object item : list(result.get("certificates"))) {
            if (item instanceof Map<?, ?> certificate) {
                certificates.add(new Certificate(text(certificate.get("role")), text(certificate.get("subject")),
                        list(certificate.get("dnsNames")).stream().map(String::valueOf).toList(),
                        text(certificate.get("serial")), text(certificate.get("sha256Fingerprint")),
                        text(certificate.get("notAfter"))));
            }
        }
        List<String> applied = new ArrayList<>();
        list(result.get("applied")).forEach(item -> applied.add(String.valueOf(item)));
        list(result.get("deleted")).forEach(item -> applied.add("deleted " + item));
        List<Verification> verifications = new ArrayList<>();
        switch (step) {
            case "kymaMtlsCerts" -> list(result.get("selfTest")).forEach(check ->
                    verifications.add(new Verification("self-test", true, String.valueOf(check))));
            case "kymaExposeMtls" -> {
                verifications.add(new Verification("without a client certificate: refused", true,
                        text(result.get("withoutClientCertificate"))));
                verifications.add(new Verification("with the client certificate", Objects.equals(
                        result.get("withClientCertificate"), 200), "HTTP " + result.get("withClientCertificate")
                        + " " + text(result.get("url")) + "; X-Forwarded-Client-Cert: "
                        + text(result.get("xForwardedClientCert"))));
            }
            case "kymaEgressRoute" -> verifications.add(new Verification("plain HTTP from a pod leaves as mTLS",
                    Objects.equals(result.get("status"), 200), "HTTP " + result.get("status") + " through "
                    + list(result.get("egressGatewayPods")) + "; X-Forwarded-Client-Cert: "
                    + text(result.get("xForwardedClientCert"))));
            case "kymaLockEgress" -> verifications.add(new Verification("the namespace reaches only DNS and"
                    + " istio-system", Boolean.TRUE.equals(result.get("proven")), text(result.get("proof"))));
            case "kymaMtlsStatus" -> list(result.get("failedChecks")).forEach(check ->
                    verifications.add(new Verification(String.valueOf(check), false, "")));
            default -> { }
        }
        Object days = result.get("expiresInDays");
        return new Section(step, title, certificates, applied, verifications,
                result.get("health") == null ? null : String.valueOf(result.get("health")),
                days instanceof Number number ? number.longValue() : null, warnDays);
    }

    private static List<?> list(Object value) {
        return value instanceof List<?> items ? items : List.of();
    }

    private static String text(Object value) {
        return value == null ? "" : String.valueOf(value);
    }

    public String getStep() {
        return step;
    }

    public String getTitle() {
        return title;
    }

    public List<Certificate> getCertificates() {
        return certificates == null ? List.of() : Collections.unmodifiableList(certificates);
    }

    public List<String> getApplied() {
        return applied == null ? List.of() : Collections.unmodifiableList(applied);
    }

    public List<Verification> getVerifications() {
        return verifications == null ? List.of() : Collections.unmodifiableList(verifications);
    }

    public String getHealth() {
        return health;
    }

    public Long getExpiresInDays() {
        return expiresInDays;
    }

    public int getWarnDays() {
        return warnDays;
    }

    /** The colour class of a certificate row: ended, ending within warnDays, or fine. */
    public String colour(Certificate certificate) {
        Long left = certificate.getDaysLeft();
        return left == null ? "" : left < 0 ? "kyma-mtls-ended" : left < warnDays ? "kyma-mtls-ending" : "kyma-mtls-fine";
    }

    /** What this call adds to the build's summary line, or null. */
    String summary() {
        return switch (step) {
            case "kymaMtlsCerts" -> getCertificates().stream().filter(c -> "server".equals(c.getRole())).findFirst()
                    .map(c -> "server certificate " + c.getDnsNames() + " expires in " + c.getDaysLeft() + " days")
                    .orElse(null);
            case "kymaExposeMtls" -> verified("expose");
            case "kymaEgressRoute" -> verified("egress");
            case "kymaLockEgress" -> getVerifications().stream().allMatch(Verification::isPassed) ? "lock proven"
                    : "lock not proven";
            case "kymaMtlsStatus" -> health + (expiresInDays == null ? "" : ", " + expiresInDays + " days left");
            default -> null;
        };
    }

    /** "expose verified HTTP 200": the proof of a verified route starts with its HTTP status. */
    private String verified(String what) {
        List<Verification> checks = getVerifications();
        if (checks.isEmpty() || !checks.stream().allMatch(Verification::isPassed)) {
            return what + " not verified";
        }
        Matcher status = HTTP_STATUS.matcher(checks.get(checks.size() - 1).getProof());
        return what + " verified" + (status.lookingAt() ? " " + status.group() : "");
    }

    private static final Pattern HTTP_STATUS = Pattern.compile("HTTP \\d+");
}
