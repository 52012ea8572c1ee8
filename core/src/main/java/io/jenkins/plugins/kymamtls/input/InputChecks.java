package io.jenkins.plugins.kymamtls.input;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
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

    public static final String NAMESPACE_FORM =
            "a DNS-1123 label: 1-63 lowercase letters, digits or '-', starting and ending with a letter or digit";
    public static final String SERVICE_NAME_FORM =
            "a DNS-1035 label: 1-63 lowercase letters, digits or '-', starting with a letter, not ending with '-'";
    public static final String PORT_FORM = "a port number from 1 to 65535";
    public static final String IPV4_FORM = "an IPv4 address such as 10.0.0.10";
    public static final String IP_FORM = "an IPv4 address such as 10.96.0.10 or an IPv6 address such as fd00::a";
    public static final String API_PATH_FORM =
            "'/*', or a path of '/'-separated segments (letters, digits, -._~!$&'()+,;=:@ or %XX) with {*} or {**}"
                    + " operators, e.g. /headers or /api/{**}";
    public static final String METHODS_FORM = "HTTP methods from GET, HEAD, POST, PUT, DELETE, CONNECT, OPTIONS,"
            + " TRACE, PATCH, e.g. GET or GET,POST";
    public static final String IMAGE_FORM =
            "a container image reference without spaces, e.g. docker.io/mccutchen/go-httpbin:v2.15.0";
    public static final String URL_FORM = "an http:// or https:// URL with a host, e.g. https://www.example.com";
    public static final String TIMEOUT_FORM = "a whole number of seconds from 1 to 3600";

    private static final Pattern NAMESPACE = Pattern.compile("[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?");
    private static final Pattern SERVICE_NAME = Pattern.compile("[a-z]([a-z0-9-]{0,61}[a-z0-9])?");
    private static final Pattern IPV4 =
            Pattern.compile("((25[0-5]|2[0-4][0-9]|1[0-9]{2}|[1-9]?[0-9])\\.){3}(25[0-5]|2[0-4][0-9]|1[0-9]{2}|[1-9]?[0-9])");
    private static final Pattern IPV6_CHARACTERS = Pattern.compile("[0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*");
    // The pattern the APIRule CRD (v2, as v2alpha1 before it) enforces on spec.rules[].path.
    private static final Pattern API_PATH = Pattern.compile(
            "((/([A-Za-z0-9-._~!$&'()+,;=:@]|%[0-9a-fA-F]{2})*)|(/\\{\\*{1,2}\\}))+|/\\*");
    private static final Set<String> METHODS =
            Set.of("GET", "HEAD", "POST", "PUT", "DELETE", "CONNECT", "OPTIONS", "TRACE", "PATCH");
    private static final Pattern IMAGE = Pattern.compile("[a-z0-9][a-z0-9._\\-/:@]{0,254}");
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

    public static String namespace(String field, String value) {
        if (value == null || !NAMESPACE.matcher(value).matches()) {
            throw new InvalidInputException(field, value, NAMESPACE_FORM);
        }
        return value;
    }

    /** Services, ServiceAccounts, Gateways and the other objects named here share the strictest form. */
    public static String serviceName(String field, String value) {
        if (value == null || !SERVICE_NAME.matcher(value).matches()) {
            throw new InvalidInputException(field, value, SERVICE_NAME_FORM);
        }
        return value;
    }

    public static int port(String field, int value) {
        if (value < 1 || value > 65535) {
            throw new InvalidInputException(field, Integer.toString(value), PORT_FORM);
        }
        return value;
    }

    public static String ipv4(String field, String value) {
        if (value == null || !IPV4.matcher(value).matches()) {
            throw new InvalidInputException(field, value, IPV4_FORM);
        }
        return value;
    }

    /** An IPv4 address, or an IPv6 address (node-local DNS caches on IPv6 clusters listen on one). */
    public static String ipAddress(String field, String value) {
        if (value != null && IPV4.matcher(value).matches()) {
            return value;
        }
        // Only hex digits, ':' and '.' (an embedded IPv4 tail), so the parse below never resolves a name.
        if (value == null || value.length() > 45 || !IPV6_CHARACTERS.matcher(value).matches()) {
            throw new InvalidInputException(field, value, IP_FORM);
        }
        try {
            if (InetAddress.getByName(value) instanceof Inet6Address) {
                return value.toLowerCase(Locale.ROOT);
            }
        } catch (UnknownHostException notAnAddress) {
            // refused below
        }
        throw new InvalidInputException(field, value, IP_FORM);
    }

    public static String apiPath(String field, String value) {
        if (value == null || value.length() > 1024 || !API_PATH.matcher(value).matches()) {
            throw new InvalidInputException(field, value, API_PATH_FORM);
        }
        int doubleWildcard = value.indexOf("{**}");
        if (doubleWildcard >= 0 && value.indexOf('{', doubleWildcard + 1) >= 0) {
            throw new InvalidInputException(field, value, API_PATH_FORM + "; {**} must be the last operator");
        }
        return value;
    }

    /** Accepts a comma-separated list; returns the methods in upper case, without repeats. */
    public static List<String> methods(String field, String value) {
        if (value == null || value.isBlank()) {
            throw new InvalidInputException(field, value, METHODS_FORM);
        }
        LinkedHashSet<String> methods = new LinkedHashSet<>();
        for (String method : value.split(",", -1)) {
            String upper = method.strip().toUpperCase(Locale.ROOT);
            if (!METHODS.contains(upper)) {
                throw new InvalidInputException(field, value, METHODS_FORM);
            }
            methods.add(upper);
        }
        return List.copyOf(methods);
    }

    public static String image(String field, String value) {
        if (value == null || !IMAGE.matcher(value).matches()) {
            throw new InvalidInputException(field, value, IMAGE_FORM);
        }
        return value;
    }

    public static String url(String field, String value) {
        try {
            URI uri = new URI(value);
            String scheme = uri.getScheme();
            if (("http".equals(scheme) || "https".equals(scheme)) && uri.getHost() != null
                    && value.length() <= 2048 && value.chars().noneMatch(c -> c <= 0x20 || c == 0x7f)) {
                return value;
            }
        } catch (URISyntaxException | NullPointerException e) {
            // falls through to the common message
        }
        throw new InvalidInputException(field, value, URL_FORM);
    }

    public static int timeoutSeconds(String field, int value) {
        if (value < 1 || value > 3600) {
            throw new InvalidInputException(field, Integer.toString(value), TIMEOUT_FORM);
        }
        return value;
    }
}
