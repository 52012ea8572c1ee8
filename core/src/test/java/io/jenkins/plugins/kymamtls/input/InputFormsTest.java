package io.jenkins.plugins.kymamtls.input;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.function.BiFunction;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The forms every field accepts, at their edges: each check keeps an accepted value as given (or
 * normalised as documented) and refuses the value just outside with one line naming the field, the
 * value and the allowed form.
 */
class InputFormsTest {

    private static void refused(BiFunction<String, String, ?> check, String value, String form) {
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> check.apply("field", value));
        assertEquals("field", e.field());
        String shown = value == null ? "no value"
                : value.isEmpty() ? "an empty value"
                : value.length() > 80 ? "'" + value.substring(0, 80) + "…(" + value.length() + " characters)'"
                : "'" + value + "'";
        assertEquals("field: " + shown + " is not allowed; expected " + form, e.getMessage());
    }

    private static void refusedNumber(BiFunction<String, Integer, ?> check, int value, String form) {
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> check.apply("field", value));
        assertEquals("field: '" + value + "' is not allowed; expected " + form, e.getMessage());
    }

    @Test
    void numbersAreAcceptedFromOneToTheirLimitInclusive() {
        assertEquals(1, InputChecks.days("f", 1));
        assertEquals(3650, InputChecks.days("f", 3650));
        refusedNumber(InputChecks::days, 0, InputChecks.DAYS_FORM);
        refusedNumber(InputChecks::days, 3651, InputChecks.DAYS_FORM);

        assertEquals(1, InputChecks.port("f", 1));
        assertEquals(65535, InputChecks.port("f", 65535));
        refusedNumber(InputChecks::port, 0, InputChecks.PORT_FORM);
        refusedNumber(InputChecks::port, 65536, InputChecks.PORT_FORM);

        assertEquals(1, InputChecks.timeoutSeconds("f", 1));
        assertEquals(3600, InputChecks.timeoutSeconds("f", 3600));
        refusedNumber(InputChecks::timeoutSeconds, 0, InputChecks.TIMEOUT_FORM);
        refusedNumber(InputChecks::timeoutSeconds, 3601, InputChecks.TIMEOUT_FORM);
    }

    @Test
    void dnsNamesAreAcceptedUpTo253CharactersAndRefusedBeyond() {
        String label = "a".repeat(63);
        String longest = label + "." + label + "." + label + "." + "a".repeat(61);
        assertEquals(253, longest.length());
        assertEquals(longest, InputChecks.dnsName("f", longest));
        refused(InputChecks::dnsName, longest + "a", InputChecks.DNS_NAME_FORM);
        refused(InputChecks::dnsName, null, InputChecks.DNS_NAME_FORM);
        refused(InputChecks::dnsName, "1.2.3", InputChecks.DNS_NAME_FORM);
        assertEquals("1.2.3.example", InputChecks.dnsName("f", "1.2.3.example"));
    }

    @Test
    void wildcardNamesAreRefusedWithTheWildcardForm() {
        refused(InputChecks::wildcardDnsName, null, InputChecks.WILDCARD_DNS_NAME_FORM);
        refused(InputChecks::wildcardDnsName, "*.Example.com", InputChecks.WILDCARD_DNS_NAME_FORM);
        refused(InputChecks::wildcardDnsName, "Example.com", InputChecks.WILDCARD_DNS_NAME_FORM);
    }

    @Test
    void organisationsAreUpTo64CharactersWithoutSurroundingSpace() {
        assertEquals("o".repeat(64), InputChecks.organization("f", "o".repeat(64)));
        refused(InputChecks::organization, "o".repeat(65), InputChecks.ORG_FORM);
        refused(InputChecks::organization, "trailing ", InputChecks.ORG_FORM);
        refused(InputChecks::organization, null, InputChecks.ORG_FORM);
        for (String forbidden : List.of("/", "=", ",", "+", ";", "<", ">", "\"", "\\")) {
            assertThrows(InvalidInputException.class, () -> InputChecks.organization("f", "a" + forbidden + "b"),
                    forbidden);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"a", "0", "mtls-client", "a1-b2", "x23456789012345678901234567890123456789012345678901234567890123"})
    void namespacesAreDns1123Labels(String name) {
        assertEquals(name, InputChecks.namespace("f", name));
    }

    @ParameterizedTest
    @NullSource
    @ValueSource(strings = {"", "-a", "a-", "A", "a.b", "a_b", "x234567890123456789012345678901234567890123456789012345678901234"})
    void namespacesOutsideTheLabelFormAreRefused(String name) {
        refused(InputChecks::namespace, name, InputChecks.NAMESPACE_FORM);
    }

    @ParameterizedTest
    @ValueSource(strings = {"a", "httpbin", "egress-gw1", "x23456789012345678901234567890123456789012345678901234567890123"})
    void serviceNamesAreDns1035Labels(String name) {
        assertEquals(name, InputChecks.serviceName("f", name));
    }

    @ParameterizedTest
    @NullSource
    @ValueSource(strings = {"", "1a", "a-", "-a", "A", "a.b",
            "x234567890123456789012345678901234567890123456789012345678901234"})
    void serviceNamesOutsideTheLabelFormAreRefused(String name) {
        refused(InputChecks::serviceName, name, InputChecks.SERVICE_NAME_FORM);
    }

    @ParameterizedTest
    @ValueSource(strings = {"0.0.0.0", "10.96.0.10", "169.254.20.10", "255.255.255.255", "199.249.100.9"})
    void ipv4AddressesAreDottedQuads(String address) {
        assertEquals(address, InputChecks.ipv4("f", address));
        assertEquals(address, InputChecks.ipAddress("f", address));
    }

    @ParameterizedTest
    @NullSource
    @ValueSource(strings = {"", "256.0.0.1", "10.0.0", "10.0.0.1.2", "010.0.0.1", "a.b.c.d", "fd00::a"})
    void otherTextIsNotAnIpv4Address(String address) {
        refused(InputChecks::ipv4, address, InputChecks.IPV4_FORM);
    }

    @Test
    void ipv6AddressesAreAcceptedInLowerCase() {
        assertEquals("fd00::a", InputChecks.ipAddress("f", "fd00::a"));
        assertEquals("fd00::a", InputChecks.ipAddress("f", "FD00::A"));
        assertEquals("::a:10.0.0.1", InputChecks.ipAddress("f", "::a:10.0.0.1"));
        String longest = "fd00:0000:0000:0000:0000:0000:255.255.255.255";
        assertEquals(45, longest.length());
        assertEquals(longest, InputChecks.ipAddress("f", longest));
    }

    // An IPv4-mapped IPv6 address is an IPv4 address in disguise: the IPv4 form is asked for.
    @ParameterizedTest
    @NullSource
    @ValueSource(strings = {"::ffff:10.0.0.1", "", "localhost", "fd00::g", "fd00:", ":", "1:2:3:4:5:6:7:8:9", "256.0.0.1",
            "0000:0000:0000:0000:0000:ffff:255.255.255.2555"})
    void otherTextIsNotAnIpAddress(String address) {
        refused(InputChecks::ipAddress, address, InputChecks.IP_FORM);
    }

    @ParameterizedTest
    @ValueSource(strings = {"/*", "/headers", "/", "/api/{**}", "/api/{*}/x", "/a%2Fb", "/a:b@c"})
    void apiPathsFollowTheApiRuleSchema(String path) {
        assertEquals(path, InputChecks.apiPath("f", path));
    }

    @ParameterizedTest
    @NullSource
    @ValueSource(strings = {"", "headers", "/a b", "/%zz", "/{***}", "/*x"})
    void otherPathsAreRefused(String path) {
        refused(InputChecks::apiPath, path, InputChecks.API_PATH_FORM);
    }

    @Test
    void aDoubleWildcardMustBeTheLastOperatorAndPathsAreBounded() {
        refused(InputChecks::apiPath, "/{**}/{*}", InputChecks.API_PATH_FORM + "; {**} must be the last operator");
        assertEquals("/{*}/{**}", InputChecks.apiPath("f", "/{*}/{**}"));
        String longest = "/" + "a".repeat(1023);
        assertEquals(longest, InputChecks.apiPath("f", longest));
        assertThrows(InvalidInputException.class, () -> InputChecks.apiPath("f", longest + "a"));
    }

    @Test
    void methodsAreUpperCasedWithoutRepeatsInTheGivenOrder() {
        assertEquals(List.of("GET"), InputChecks.methods("f", "GET"));
        assertEquals(List.of("POST", "GET"), InputChecks.methods("f", " post , get,GET"));
        assertEquals(List.of("GET", "HEAD", "POST", "PUT", "DELETE", "CONNECT", "OPTIONS", "TRACE", "PATCH"),
                InputChecks.methods("f", "get,head,post,put,delete,connect,options,trace,patch"));
        refused(InputChecks::methods, null, InputChecks.METHODS_FORM);
        refused(InputChecks::methods, " ", InputChecks.METHODS_FORM);
        refused(InputChecks::methods, "GET,", InputChecks.METHODS_FORM);
        refused(InputChecks::methods, "FETCH", InputChecks.METHODS_FORM);
    }

    @Test
    void imagesAreReferencesWithoutSpaces() {
        assertEquals("docker.io/mccutchen/go-httpbin:v2.15.0",
                InputChecks.image("f", "docker.io/mccutchen/go-httpbin:v2.15.0"));
        assertEquals("kennethreitz/httpbin@sha256:599fe5e5",
                InputChecks.image("f", "kennethreitz/httpbin@sha256:599fe5e5"));
        String longest = "a".repeat(255);
        assertEquals(longest, InputChecks.image("f", longest));
        refused(InputChecks::image, longest + "a", InputChecks.IMAGE_FORM);
        refused(InputChecks::image, null, InputChecks.IMAGE_FORM);
        refused(InputChecks::image, "nginx latest", InputChecks.IMAGE_FORM);
        refused(InputChecks::image, "Nginx", InputChecks.IMAGE_FORM);
        refused(InputChecks::image, "-nginx", InputChecks.IMAGE_FORM);
    }

    @Test
    void urlsAreHttpOrHttpsWithAHost() {
        assertEquals("https://www.example.com", InputChecks.url("f", "https://www.example.com"));
        assertEquals("http://httpbin.example.com/headers", InputChecks.url("f", "http://httpbin.example.com/headers"));
        String longest = "https://example.com/" + "a".repeat(2048 - 20);
        assertEquals(2048, longest.length());
        assertEquals(longest, InputChecks.url("f", longest));
        refused(InputChecks::url, longest + "a", InputChecks.URL_FORM);
        refused(InputChecks::url, null, InputChecks.URL_FORM);
        refused(InputChecks::url, "ftp://example.com", InputChecks.URL_FORM);
        refused(InputChecks::url, "https:///path", InputChecks.URL_FORM);
        refused(InputChecks::url, "example.com", InputChecks.URL_FORM);
        refused(InputChecks::url, "https://exa mple.com", InputChecks.URL_FORM);
    }

    @Test
    void longValuesAreShortenedInTheMessage() {
        String value = "A".repeat(100);
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> InputChecks.namespace("f", value));
        assertEquals("f: '" + "A".repeat(80) + "…(100 characters)' is not allowed; expected "
                + InputChecks.NAMESPACE_FORM, e.getMessage());
        InvalidInputException problem = InvalidInputException.problem("kubeconfig", "is not a kubeconfig");
        assertEquals("kubeconfig", problem.field());
        assertEquals("kubeconfig: is not a kubeconfig", problem.getMessage());
    }
}
