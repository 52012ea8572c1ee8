package io.jenkins.plugins.kymamtls.verification;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jenkins.plugins.kymamtls.testing.TestCertificates;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.Locale;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Finding the X-Forwarded-Client-Cert value in whatever a verification request got back. */
class XfccCheckTest {

    private static final String XFCC =
            "By=spiffe://cluster.local/ns/istio-system/sa/gw;Hash=ab12;Subject=\"CN=client.mtls.test\"";

    @Test
    void fromTheHeaderLineOfCurlOutput() {
        assertEquals(XFCC, XfccCheck.findInText("HTTP/1.1 200 OK\r\nx-forwarded-client-cert: " + XFCC + "\r\n\r\n{}"));
    }

    @Test
    void fromHttpbinsJsonBodyAfterInterimAnswers() {
        String body = "{\"headers\":{\"X-Forwarded-Client-Cert\":[\"" + XFCC.replace("\"", "\\\"") + "\"]}}";
        String curl = "HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 200 OK\r\ncontent-type: application/json\r\n"
                + "x-note: {curly}\r\n\r\n" + body;
        assertEquals(XFCC, XfccCheck.findInText(curl));
        assertEquals(XFCC, XfccCheck.fromResponse(null, body));
        assertEquals("from header", XfccCheck.fromResponse("from header", body));
    }

    @Test
    void nonJsonBodiesWithBracesGiveNoValueInsteadOfRecursingForever() {
        String html = "HTTP/1.1 503 Service Unavailable\r\ncontent-type: text/html\r\n\r\n<html><style>body { color: red }"
                + " {{{</style>upstream connect error</html>";
        assertNull(XfccCheck.findInText(html));
        assertNull(XfccCheck.fromResponse(null, "{ not json {"));
        assertNull(XfccCheck.findInText("{".repeat(200_000)));
        assertNull(XfccCheck.findInText("[".repeat(5_000) + "{"));
        assertNull(XfccCheck.findInText("{\"headers\":{\"X-Forwarded-Client-Cert\":[\"trunc"));
        assertNull(XfccCheck.findInText("HTTP/1.1 200 OK\r\nx-big: " + "a".repeat(1 << 20) + "\r\n\r\n{\"headers\":{}}"));
        assertNull(XfccCheck.findInText(""));
        assertNull(XfccCheck.fromResponse(null, null));
    }

    @Test
    void randomAndHostileTextsAlwaysGetAnAnswer() {
        Random random = new Random(20261126);
        String alphabet = "{}[]\":,\\\r\n HTTP/1.1 200x-forwarded-client-cert:headers";
        for (int i = 0; i < 5_000; i++) {
            StringBuilder text = new StringBuilder();
            int length = random.nextInt(400);
            for (int j = 0; j < length; j++) {
                text.append(random.nextInt(10) == 0 ? (char) random.nextInt(0x3000)
                        : alphabet.charAt(random.nextInt(alphabet.length())));
            }
            String found = XfccCheck.findInText(text.toString());
            assertTrue(found == null || text.indexOf(found) >= 0 || text.indexOf("{") >= 0, text::toString);
            XfccCheck.fromResponse(null, text.toString());
        }
    }

    @Test
    void namesTheCertificateByHashOrCommonName(@TempDir Path dir) {
        X509Certificate client = TestCertificates.client(TestCertificates.write(dir)).certificate();
        String hash = XfccCheck.sha256(client);
        assertTrue(XfccCheck.names("Hash=" + hash.toUpperCase(Locale.ROOT), client));
        assertTrue(XfccCheck.names("Subject=\"CN=client.mtls.test\"", client));
        assertFalse(XfccCheck.names("Hash=00;Subject=\"CN=someone.else\"", client));
        assertFalse(XfccCheck.names(null, client));
    }

    @org.junit.jupiter.api.Test
    void aBodyWithoutHeadersIsReadFromItsFirstCharacter() {
        assertEquals("Hash=abc;Subject=\"CN=client.mtls.test\"", XfccCheck.findInText(
                "{\"headers\": {\"X-Forwarded-Client-Cert\": [\"Hash=abc;Subject=\\\"CN=client.mtls.test\\\"\"]}}"));
        assertEquals(null, XfccCheck.findInText("no braces at all"));
        assertEquals(null, XfccCheck.findInText(null));
    }
}
