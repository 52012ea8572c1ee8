package io.jenkins.plugins.kymamtls.verification;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The X-Forwarded-Client-Cert header Envoy adds after a MUTUAL handshake, as httpbin echoes it.
 * Its presence proves little; that it names our client certificate (its hash or its subject)
 * proves the gateway saw exactly that certificate.
 */
public final class XfccCheck {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern STATUS_LINE = Pattern.compile("(?m)^HTTP/[0-9.]+ [0-9]{3}");
    private static final Pattern BLANK_LINE = Pattern.compile("\\r?\\n\\r?\\n");

    private XfccCheck() {
    }

    /** The XFCC value from a response header, or from httpbin's {@code /headers} JSON body. */
    static String fromResponse(String header, String body) {
        return header != null ? header : fromJson(body);
    }

    /**
     * curl -i output: the XFCC header line if the answer has one, else the value in the JSON body
     * after the headers. Whatever the text is (an HTML error page, truncated JSON), the answer is a
     * value or null.
     */
    public static String findInText(String text) {
        if (text == null) {
            return null;
        }
        for (String line : text.split("\r?\n")) {
            if (line.toLowerCase(Locale.ROOT).startsWith("x-forwarded-client-cert:")) {
                return line.substring(line.indexOf(':') + 1).strip();
            }
        }
        // The body starts after the blank line that ends the last header block (a proxy's interim
        // answers come first); one parse attempt, however many braces the text holds.
        Matcher lastStatus = STATUS_LINE.matcher(text);
        int from = 0;
        while (lastStatus.find()) {
            from = lastStatus.start();
        }
        Matcher blank = BLANK_LINE.matcher(text);
        int body = blank.find(from) ? blank.end() : from;
        int brace = text.indexOf('{', body);
        return brace < 0 ? null : fromJson(text.substring(brace));
    }

    /** httpbin's {@code {"headers": {"X-Forwarded-Client-Cert": [...]}}}; null for anything else. */
    private static String fromJson(String body) {
        if (body == null || body.isBlank()) {
            return null;
        }
        JsonNode headers;
        try {
            headers = JSON.readTree(body).path("headers");
        } catch (IOException | RuntimeException notJson) {
            return null;
        }
        for (Map.Entry<String, JsonNode> field : headers.properties()) {
            if (field.getKey().equalsIgnoreCase("x-forwarded-client-cert")) {
                JsonNode value = field.getValue();
                return value.isArray() ? value.path(0).asText() : value.asText();
            }
        }
        return null;
    }

    /** Whether the XFCC value names this certificate, by its SHA-256 hash or its subject's CN. */
    public static boolean names(String xfcc, X509Certificate certificate) {
        if (xfcc == null) {
            return false;
        }
        String lower = xfcc.toLowerCase(Locale.ROOT);
        if (lower.contains("hash=" + sha256(certificate))) {
            return true;
        }
        String subject = certificate.getSubjectX500Principal().getName();
        String cn = subject.startsWith("CN=") ? subject.split(",", 2)[0] : null;
        return cn != null && xfcc.contains(cn);
    }

    static String sha256(X509Certificate certificate) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(certificate.getEncoded()));
        } catch (NoSuchAlgorithmException | CertificateEncodingException e) {
            throw new IllegalStateException(e);
        }
    }
}
