package io.jenkins.plugins.kymamtls.input;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class InputChecksTest {

    @ParameterizedTest
    @ValueSource(strings = {"httpbin.example.com", "a", "x1.y-2.z", "nginx.c-1a2b3c.kyma.ondemand.com",
            "a23456789012345678901234567890123456789012345678901234567890123.example.com"})
    void acceptsDnsNames(String name) {
        assertEquals(name, InputChecks.dnsName("domain", name));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "Httpbin.example.com", "httpbin_1.example.com", "-a.example.com", "a-.example.com",
            "a..example.com", ".example.com", "example.com.", "10.0.0.1", "*.example.com", "a.*.example.com",
            "exa mple.com", "example.com\nkind: Secret", "a\"b.com", "$(id).example.com", "ex;ample.com",
            "a234567890123456789012345678901234567890123456789012345678901234.example.com"})
    void rejectsMalformedDnsNamesNamingFieldAndForm(String name) {
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> InputChecks.dnsName("client", name));
        assertEquals("client", e.field());
        assertTrue(e.getMessage().startsWith("client: "), e.getMessage());
        assertTrue(e.getMessage().contains("expected a DNS name"), e.getMessage());
        assertTrue(!e.getMessage().contains("\n"), "one line: " + e.getMessage());
    }

    @ParameterizedTest
    @ValueSource(ints = {254, 300})
    void rejectsNamesLongerThan253Characters(int length) {
        String name = ("a".repeat(62) + ".").repeat(5).substring(0, length - 1) + "b";
        assertThrows(InvalidInputException.class, () -> InputChecks.dnsName("domain", name));
    }

    @ParameterizedTest
    @ValueSource(strings = {"*.example.com", "httpbin.example.com"})
    void acceptsLeadingWildcardOnlyWhereAllowed(String name) {
        assertEquals(name, InputChecks.wildcardDnsName("domain", name));
    }

    @ParameterizedTest
    @ValueSource(strings = {"*", "*.", "**.example.com", "*example.com", "a.*.example.com", "*.*.example.com"})
    void rejectsWildcardsInTheWrongPlace(String name) {
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> InputChecks.wildcardDnsName("domain", name));
        assertTrue(e.getMessage().contains("optionally starting with '*.'"), e.getMessage());
    }

    @ParameterizedTest
    @ValueSource(ints = {0, -1, 3651, Integer.MAX_VALUE})
    void rejectsDaysOutsideOneToTenYears(int days) {
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> InputChecks.days("days", days));
        assertTrue(e.getMessage().contains("1 to 3650"), e.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " ", "a/b", "O=evil", "a,b", "a+b", "tab\there", " padded"})
    void rejectsOrganizationsThatWouldAlterTheDistinguishedName(String org) {
        assertThrows(InvalidInputException.class, () -> InputChecks.organization("org", org));
    }

    @ParameterizedTest
    @ValueSource(strings = {"example Inc.", "Some Organisation GmbH & Co. KG", "Ünïcödé AG"})
    void acceptsOrdinaryOrganizationNames(String org) {
        assertEquals(org, InputChecks.organization("org", org));
    }

    @org.junit.jupiter.api.Test
    void showsControlCharactersEscapedSoTheMessageStaysOneLine() {
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> InputChecks.dnsName("domain", "a\nb"));
        assertTrue(e.getMessage().contains("'a\\u000ab'"), e.getMessage());
    }
}
