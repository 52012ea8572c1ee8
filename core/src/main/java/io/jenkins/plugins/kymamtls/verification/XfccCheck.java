package io.jenkins.plugins.kymamtls.verification;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Map;

/**
 * The X-Forwarded-Client-Cert header Envoy adds after a MUTUAL handshake, as httpbin echoes it.
 * Its presence proves little; that it names our client certificate (its hash or its subject)
 * proves the gateway saw exactly that certificate.
 */
public final class XfccCheck {

    private static final ObjectMapper JSON = new ObjectMapper();

    private XfccCheck() {
    }

    /** The XFCC value from a response header, or from httpbin's {@code /headers} JSON body. */
    static String fromResponse(String header, String body) {
        if (header != null) {
            return header;
        }
        try {
            JsonNode headers = JSON.readTree(body).path("headers");
            for (Map.Entry<String, JsonNode> field : headers.properties()) {
                if (field.getKey().equalsIgnoreCase("x-forwarded-client-cert")) {
                    JsonNode value = field.getValue();
                    return value.isArray() ? value.path(0).asText() : value.asText();
                }
            }
        } catch (Exception notJson) {
            return findInText(body);
        }
        return null;
    }

    /** curl -i output: header lines, then the body. */
    public static String findInText(String text) {
        if (text == null) {
            return null;
        }
        for (String line : text.split("\r?\n")) {
            if (line.toLowerCase(Locale.ROOT).startsWith("x-forwarded-client-cert:")) {
                return line.substring(line.indexOf(':') + 1).strip();
            }
        }
        int body = text.indexOf('{');
        return body >= 0 && body < text.length() - 1 ? fromResponse(null, text.substring(body)) : null;
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
