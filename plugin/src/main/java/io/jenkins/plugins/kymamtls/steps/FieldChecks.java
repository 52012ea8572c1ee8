package io.jenkins.plugins.kymamtls.steps;

import io.jenkins.plugins.kymamtls.certificates.CertificateRequest;
import io.jenkins.plugins.kymamtls.certificates.CertificateRotation;
import io.jenkins.plugins.kymamtls.certificates.KeyAlgorithm;
import io.jenkins.plugins.kymamtls.engine.CleanupEngine;
import io.jenkins.plugins.kymamtls.input.InputChecks;
import io.jenkins.plugins.kymamtls.status.CertificateStatus;
import io.jenkins.plugins.kymamtls.input.InvalidInputException;
import java.util.function.Consumer;

/**
 * The engine's own input checks, for the build step forms: null when the value is fine, otherwise
 * the engine's message. Blank values pass here when the field is optional; the run reports them.
 */
final class FieldChecks {

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

    private static String required(String field, String value, Consumer<String> check) {
        if (value == null || value.isBlank()) {
            return field + ": is required";
        }
        return check(() -> check.accept(value.trim()));
    }

    static String domain(String value) {
        return required("domain", value, v -> InputChecks.wildcardDnsName("domain", v));
    }

    static String optionalDomain(String value) {
        return value == null || value.isBlank() ? null
                : check(() -> InputChecks.wildcardDnsName("domain", value.trim()));
    }

    static String optionalNamespace(String value) {
        return value == null || value.isBlank() ? null : check(() -> InputChecks.namespace("namespace", value.trim()));
    }

    static String warnDays(int value) {
        return check(() -> CertificateStatus.warnDays(value));
    }

    static String client(String value) {
        return value == null || value.isBlank() ? null : check(() -> InputChecks.dnsName("client", value.trim()));
    }

    static String requiredClient(String value) {
        return required("client", value, v -> InputChecks.dnsName("client", v));
    }

    static String namespace(String value) {
        return required("namespace", value, v -> InputChecks.namespace("namespace", v));
    }

    static String days(int value) {
        return check(() -> InputChecks.days("days", value));
    }

    /** The CA's days, and whether the leaves' days (as the form has them) fit in them. */
    static String caDays(int value, int days) {
        return check(() -> CertificateRequest.checkCaDays(value, days));
    }

    static String renewBefore(int value, int days) {
        return check(() -> CertificateRequest.checkRenewBefore(value, days));
    }

    static String rotateCa(String value) {
        return check(() -> CertificateRotation.Phase.parse("rotateCa", value));
    }

    static String org(String value) {
        return value == null || value.isBlank() ? null : check(() -> InputChecks.organization("org", value.trim()));
    }

    static String keyAlgorithm(String value) {
        return value == null || value.isBlank() ? null : check(() -> KeyAlgorithm.parse("keyAlgorithm", value));
    }

    static String port(String field, int value) {
        return check(() -> InputChecks.port(field, value));
    }

    static String name(String field, String value) {
        return value == null || value.isBlank() ? null : check(() -> InputChecks.serviceName(field, value.trim()));
    }

    static String methods(String value) {
        return value == null || value.isBlank() ? null : check(() -> InputChecks.methods("methods", value));
    }

    static String path(String value) {
        return value == null || value.isBlank() ? null : check(() -> InputChecks.apiPath("path", value.trim()));
    }

    static String ipv4(String field, String value) {
        return value == null || value.isBlank() ? null : check(() -> InputChecks.ipv4(field, value.trim()));
    }

    static String ipList(String field, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        for (String address : value.split(",")) {
            String problem = check(() -> InputChecks.ipAddress(field, address.strip()));
            if (problem != null) {
                return problem;
            }
        }
        return null;
    }

    static String parts(String value) {
        return check(() -> CleanupEngine.parts("parts", value));
    }

    static String url(String field, String value) {
        return value == null || value.isBlank() ? null : check(() -> InputChecks.url(field, value.trim()));
    }

    static String image(String field, String value) {
        return value == null || value.isBlank() ? null : check(() -> InputChecks.image(field, value.trim()));
    }

    static String timeout(String field, int value) {
        return check(() -> InputChecks.timeoutSeconds(field, value));
    }
}
