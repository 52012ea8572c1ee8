package io.jenkins.plugins.kymamtls.steps;

import io.jenkins.plugins.kymamtls.steps.certs.KymaMtlsCertsStep;
import io.jenkins.plugins.kymamtls.certificates.CertificateRequest;
import io.jenkins.plugins.kymamtls.certificates.CertificateRotation;
import io.jenkins.plugins.kymamtls.certificates.KeyAlgorithm;
import io.jenkins.plugins.kymamtls.engine.CleanupEngine;
import io.jenkins.plugins.kymamtls.input.InputChecks;
import io.jenkins.plugins.kymamtls.input.InvalidInputException;
import io.jenkins.plugins.kymamtls.status.CertificateStatus;
import java.util.function.Consumer;
import java.util.function.IntConsumer;

/**
 * The engine's own input checks, for the build step forms: null when the value is fine, otherwise
 * the engine's message. Blank values pass here when the field is optional (the default applies);
 * a text holding {@code $} passes too, because a freestyle build expands its variables before the
 * engine checks it. Numbers are checked as typed, so a value that is not a number is named as such
 * (the form's binding would turn it into the default).
 */
public final class FieldChecks {

    private FieldChecks() {
    }

    private static String check(Runnable check) {
        try {
            check.run();
            return null;
        } catch (InvalidInputException e) {
            return e.getMessage();
        }
    }

    /** A text field: blank is "not given", {@code $…} is checked once the build has expanded it. */
    private static String text(String field, String value, boolean required, Consumer<String> check) {
        if (value == null || value.isBlank()) {
            return required ? field + ": is required" : null;
        }
        if (value.contains("$")) {
            return null;
        }
        return check(() -> check.accept(value.trim()));
    }

    /** A number field as typed: blank takes the default; anything else must be a whole number. */
    private static String number(String field, String value, IntConsumer check) {
        if (value == null || value.isBlank()) {
            return null;
        }
        Integer number = parsed(value);
        if (number == null) {
            return new InvalidInputException(field, value.strip(), "a whole number").getMessage();
        }
        return check(() -> check.accept(number));
    }

    private static Integer parsed(String value) {
        try {
            return value == null || value.isBlank() ? null : Integer.valueOf(value.strip());
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** The leaves' days as the form has them, or their default when blank or not a number. */
    private static int daysOrDefault(String days) {
        Integer given = parsed(days);
        return given == null ? KymaMtlsCertsStep.DEFAULT_DAYS : given;
    }

    public static String domain(String value) {
        return text("domain", value, true, v -> InputChecks.wildcardDnsName("domain", v));
    }

    public static String optionalDomain(String value) {
        return text("domain", value, false, v -> InputChecks.wildcardDnsName("domain", v));
    }

    public static String optionalNamespace(String value) {
        return text("namespace", value, false, v -> InputChecks.namespace("namespace", v));
    }

    public static String warnDays(String value) {
        return number("warnDays", value, CertificateStatus::warnDays);
    }

    public static String client(String value) {
        return text("client", value, false, v -> InputChecks.dnsName("client", v));
    }

    public static String requiredClient(String value) {
        return text("client", value, true, v -> InputChecks.dnsName("client", v));
    }

    public static String namespace(String value) {
        return text("namespace", value, true, v -> InputChecks.namespace("namespace", v));
    }

    public static String days(String value) {
        return number("days", value, v -> InputChecks.days("days", v));
    }

    /**
     * The CA's days, and whether the leaves' days (as the form has them) fit in them; a problem is
     * named after this field, caDays, whichever of the two the user changes next.
     */
    public static String caDays(String value, String days) {
        return number("caDays", value, caDays -> {
            InputChecks.days("caDays", caDays);
            int leaves = daysOrDefault(days);
            if (leaves > caDays) {
                throw new InvalidInputException("caDays", Integer.toString(caDays), "at least days (" + leaves
                        + "), so no leaf outlives the CA it is issued from");
            }
        });
    }

    public static String renewBefore(String value, String days) {
        return number("renewBefore", value, v -> CertificateRequest.checkRenewBefore(v, daysOrDefault(days)));
    }

    public static String rotateCa(String value) {
        return check(() -> CertificateRotation.Phase.parse("rotateCa", value));
    }

    public static String org(String value) {
        return text("org", value, false, v -> InputChecks.organization("org", v));
    }

    public static String keyAlgorithm(String value) {
        return text("keyAlgorithm", value, false, v -> KeyAlgorithm.parse("keyAlgorithm", v));
    }

    public static String port(String field, String value) {
        return number(field, value, v -> InputChecks.port(field, v));
    }

    public static String name(String field, String value) {
        return text(field, value, false, v -> InputChecks.serviceName(field, v));
    }

    public static String methods(String value) {
        return text("methods", value, false, v -> InputChecks.methods("methods", v));
    }

    public static String path(String value) {
        return text("path", value, false, v -> InputChecks.apiPath("path", v));
    }

    public static String ipv4(String field, String value) {
        return text(field, value, false, v -> InputChecks.ipv4(field, v));
    }

    public static String ipList(String field, String value) {
        return text(field, value, false, list -> {
            for (String address : list.split(",")) {
                InputChecks.ipAddress(field, address.strip());
            }
        });
    }

    public static String parts(String value) {
        return text("parts", value, false, v -> CleanupEngine.parts("parts", v));
    }

    public static String url(String field, String value) {
        return text(field, value, false, v -> InputChecks.url(field, v));
    }

    public static String image(String field, String value) {
        return text(field, value, false, v -> InputChecks.image(field, v));
    }

    public static String timeout(String field, String value) {
        return number(field, value, v -> InputChecks.timeoutSeconds(field, v));
    }
}
