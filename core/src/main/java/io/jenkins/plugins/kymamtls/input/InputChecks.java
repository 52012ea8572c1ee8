package io.jenkins.plugins.kymamtls.input;

import java.util.regex.Pattern;

/**
 * The checks every front end (pipeline step, build step form, command line) runs before any file
 * is written or any cluster is contacted. Each returns the accepted value or throws
 * {@link InvalidInputException}.
 */
public final class InputChecks {

    public static final String DNS_NAME_FORM =
            "a DNS name of lowercase letters, digits, '-' and '.' (labels 1-63 characters, not starting"
                    + " or ending with '-', at most 253 characters in all), e.g. httpbin.example.com";
    public static final String WILDCARD_DNS_NAME_FORM =
            DNS_NAME_FORM + ", optionally starting with '*.' (e.g. *.example.com)";
    public static final String DAYS_FORM = "a whole number of days from 1 to 3650";
    public static final String ORG_FORM =
            "free text of 1-64 characters without '/', '=', ',', '+', ';', '<', '>', '\"', '\\' or control characters";

    private static final Pattern LABEL = Pattern.compile("[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?");
    private static final Pattern ALL_DIGITS_AND_DOTS = Pattern.compile("[0-9.]+");
    private static final Pattern ORG_FORBIDDEN = Pattern.compile("[/=,+;<>\"\\\\\\p{Cntrl}]");

    private InputChecks() {
    }

    /** A host name as used in certificates and Istio hosts: RFC 1123, lowercase, not an IP literal. */
    public static String dnsName(String field, String value) {
        if (value == null || value.isEmpty() || value.length() > 253 || value.endsWith(".")
                || ALL_DIGITS_AND_DOTS.matcher(value).matches()) {
            throw new InvalidInputException(field, value, DNS_NAME_FORM);
        }
        for (String label : value.split("\\.", -1)) {
            if (!LABEL.matcher(label).matches()) {
                throw new InvalidInputException(field, value, DNS_NAME_FORM);
            }
        }
        return value;
    }

    /** Like {@link #dnsName} but a leading {@code *.} is allowed, as Istio gateway hosts allow. */
    public static String wildcardDnsName(String field, String value) {
        if (value != null && value.startsWith("*.")) {
            try {
                dnsName(field, value.substring(2));
            } catch (InvalidInputException e) {
                throw new InvalidInputException(field, value, WILDCARD_DNS_NAME_FORM);
            }
            return value;
        }
        try {
            return dnsName(field, value);
        } catch (InvalidInputException e) {
            throw new InvalidInputException(field, value, WILDCARD_DNS_NAME_FORM);
        }
    }

    public static int days(String field, int value) {
        if (value < 1 || value > 3650) {
            throw new InvalidInputException(field, Integer.toString(value), DAYS_FORM);
        }
        return value;
    }

    /**
     * Organisation names go into a distinguished name; characters with a meaning there are refused
     * rather than escaped so that what openssl prints is what the user typed.
     */
    public static String organization(String field, String value) {
        if (value == null || value.isBlank() || value.length() > 64 || !value.equals(value.strip())
                || ORG_FORBIDDEN.matcher(value).find()) {
            throw new InvalidInputException(field, value, ORG_FORM);
        }
        return value;
    }
}
