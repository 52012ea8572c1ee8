package io.jenkins.plugins.kymamtls.flow;

import io.jenkins.plugins.kymamtls.certificates.CertificateRequest;
import io.jenkins.plugins.kymamtls.certificates.KeyAlgorithm;
import io.jenkins.plugins.kymamtls.input.InputChecks;
import io.jenkins.plugins.kymamtls.input.InvalidInputException;
import io.jenkins.plugins.kymamtls.resources.LockParameters;
import io.jenkins.plugins.kymamtls.resources.Timeouts;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The parameters of the whole flow (certificates, expose, egress route, lock), as the shared
 * library's {@code kymaMtlsEgress} takes them, checked with the engine's own checks before the first
 * step changes anything: the target cluster is not touched for a flow the client cluster would refuse.
 */
public final class EgressFlowCheck {

    public static final List<String> REQUIRED =
            List.of("domain", "client", "namespace", "targetCredentialsId", "clientCredentialsId");
    public static final List<String> OPTIONAL = List.of("certsDir", "keyAlgorithm", "days", "org", "caCredentialsId",
            "archiveKeys", "force", "targetNamespace", "clientNamespace", "targetContext", "clientContext", "resolve",
            "lock", "dnsAddresses", "blockedUrl", "readyTimeout", "verifyTimeout");

    private static final String FLOW = "kymaMtlsEgress";

    private EgressFlowCheck() {
    }

    /**
     * Null when the parameters are usable, otherwise the one line that names what is wrong. Values
     * may be any object a Pipeline passes (String, GString, Integer, Boolean); null or empty is
     * "not given".
     */
    public static String problem(Map<?, ?> params) {
        List<String> missing = REQUIRED.stream().filter(name -> text(params, name) == null).toList();
        if (!missing.isEmpty()) {
            return FLOW + ": missing " + String.join(", ", missing) + "; required: " + String.join(", ", REQUIRED);
        }
        List<String> unknown = params.keySet().stream().map(String::valueOf)
                .filter(name -> !REQUIRED.contains(name) && !OPTIONAL.contains(name)).toList();
        if (!unknown.isEmpty()) {
            return FLOW + ": unknown parameter " + String.join(", ", unknown) + "; known: "
                    + String.join(", ", REQUIRED) + ", " + String.join(", ", OPTIONAL);
        }
        try {
            check(params);
        } catch (InvalidInputException e) {
            return FLOW + ": " + e.getMessage();
        }
        return null;
    }

    /** Whether the flow ends with the namespace lock: unless {@code lock} is given as false. */
    public static boolean locks(Map<?, ?> params) {
        Object lock = params.get("lock");
        return lock == null || !"false".equalsIgnoreCase(String.valueOf(lock).strip());
    }

    private static void check(Map<?, ?> params) {
        String domain = text(params, "domain");
        CertificateRequest.Builder certificates = CertificateRequest.builder(domain, text(params, "client"));
        if (text(params, "keyAlgorithm") != null) {
            certificates.keyAlgorithm(KeyAlgorithm.parse("keyAlgorithm", text(params, "keyAlgorithm")));
        }
        if (text(params, "days") != null) {
            certificates.days(number(params, "days", InputChecks.DAYS_FORM));
        }
        if (text(params, "org") != null) {
            certificates.organization(text(params, "org"));
        }
        certificates.build();
        // The egress route needs one concrete host, where expose alone would take a wildcard.
        InputChecks.dnsName("domain", domain);
        String targetNamespace = Objects.requireNonNullElse(text(params, "targetNamespace"), text(params, "namespace"));
        String clientNamespace = Objects.requireNonNullElse(text(params, "clientNamespace"), text(params, "namespace"));
        InputChecks.namespace(text(params, "targetNamespace") == null ? "namespace" : "targetNamespace", targetNamespace);
        InputChecks.namespace(text(params, "clientNamespace") == null ? "namespace" : "clientNamespace", clientNamespace);
        if (text(params, "resolve") != null) {
            InputChecks.ipv4("resolve", text(params, "resolve"));
        }
        Timeouts timeouts = Timeouts.ofSeconds(
                text(params, "readyTimeout") == null ? Timeouts.DEFAULT_READY_SECONDS
                        : number(params, "readyTimeout", InputChecks.TIMEOUT_FORM),
                text(params, "verifyTimeout") == null ? Timeouts.DEFAULT_VERIFY_SECONDS
                        : number(params, "verifyTimeout", InputChecks.TIMEOUT_FORM));
        if (locks(params)) {
            LockParameters.Builder lock = LockParameters.builder(clientNamespace).allowedDomain(domain).timeouts(timeouts);
            if (text(params, "dnsAddresses") != null) {
                lock.dnsAddresses(Arrays.stream(text(params, "dnsAddresses").split(",")).map(String::strip).toList());
            }
            if (text(params, "blockedUrl") != null) {
                lock.blockedUrl(text(params, "blockedUrl"));
            }
            lock.build();
        }
    }

    /** The value as text; null when not given or empty. */
    private static String text(Map<?, ?> params, String name) {
        Object value = params.get(name);
        if (value == null) {
            return null;
        }
        String text = String.valueOf(value).strip();
        return text.isEmpty() ? null : text;
    }

    private static int number(Map<?, ?> params, String name, String form) {
        String text = text(params, name);
        try {
            return Integer.parseInt(text);
        } catch (NumberFormatException e) {
            throw new InvalidInputException(name, text, form);
        }
    }
}
