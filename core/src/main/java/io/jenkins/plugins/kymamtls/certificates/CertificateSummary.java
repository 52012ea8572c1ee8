package io.jenkins.plugins.kymamtls.certificates;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.StringWriter;
import java.lang.reflect.RecordComponent;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.CertificateEncodingException;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import javax.security.auth.x500.X500Principal;
import org.bouncycastle.asn1.x500.X500Name;

/**
 * The public facts of one certificate, as written to {@code certificates.json}, printed by the
 * command line and returned by the pipeline step. Holds nothing derived from a private key.
 */
public record CertificateSummary(String role, String file, String subject, String issuer, List<String> dnsNames,
                                 String serial, String sha256Fingerprint, String notBefore, String notAfter,
                                 String keyAlgorithm) {

    public static CertificateSummary of(String role, String file, IssuedCertificate issued) {
        X509Certificate certificate = issued.certificate();
        return new CertificateSummary(role, file,
                inEncodedOrder(certificate.getSubjectX500Principal()),
                inEncodedOrder(certificate.getIssuerX500Principal()),
                dnsNamesOf(certificate),
                certificate.getSerialNumber().toString(16),
                fingerprint(certificate),
                certificate.getNotBefore().toInstant().toString(),
                certificate.getNotAfter().toInstant().toString(),
                issued.keyAlgorithm());
    }

    /**
     * Names in the order they are encoded, as openssl prints them; the JDK's RFC 2253 form reverses
     * them, which makes the CA's {@code O=…, CN=…} look like the server's {@code CN=…, O=…}.
     */
    public static String inEncodedOrder(X500Principal name) {
        return X500Name.getInstance(name.getEncoded()).toString();
    }

    /** The SHA-256 fingerprint in the form {@code openssl x509 -fingerprint -sha256} prints. */
    public static String fingerprint(X509Certificate certificate) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(certificate.getEncoded());
            return HexFormat.ofDelimiter(":").withUpperCase().formatHex(digest);
        } catch (NoSuchAlgorithmException | CertificateEncodingException e) {
            throw new IllegalStateException("Cannot fingerprint " + certificate.getSubjectX500Principal(), e);
        }
    }

    public static List<String> dnsNamesOf(X509Certificate certificate) {
        List<String> names = new ArrayList<>();
        try {
            Collection<List<?>> alternatives = certificate.getSubjectAlternativeNames();
            if (alternatives != null) {
                for (List<?> alternative : alternatives) {
                    // Entry 0 is the GeneralName tag; 2 is dNSName.
                    if (Integer.valueOf(2).equals(alternative.get(0))) {
                        names.add(String.valueOf(alternative.get(1)));
                    }
                }
            }
        } catch (CertificateParsingException e) {
            throw new IllegalStateException("Unreadable subjectAltName in " + certificate.getSubjectX500Principal(), e);
        }
        return List.copyOf(names);
    }

    /**
     * The summaries as {@code certificates.json}: {"certificates": [...]}, each with the record's
     * fields in their order, pretty-printed. Written with Jackson's streaming generator: the object
     * mapper would load some four hundred classes, a good part of a certificate run that starts a JVM.
     */
    public static String toJson(List<CertificateSummary> summaries) {
        StringWriter text = new StringWriter();
        try (JsonGenerator json = new JsonFactory().createGenerator(text)) {
            json.useDefaultPrettyPrinter();
            json.writeStartObject();
            json.writeArrayFieldStart("certificates");
            for (CertificateSummary summary : summaries) {
                json.writeStartObject();
                for (RecordComponent component : CertificateSummary.class.getRecordComponents()) {
                    json.writeFieldName(component.getName());
                    Object value = component.getAccessor().invoke(summary);
                    if (value instanceof List<?> list) {
                        json.writeStartArray();
                        for (Object item : list) {
                            json.writeString((String) item);
                        }
                        json.writeEndArray();
                    } else {
                        json.writeString((String) value);
                    }
                }
                json.writeEndObject();
            }
            json.writeEndArray();
            json.writeEndObject();
        } catch (IOException | ReflectiveOperationException e) {
            throw new IllegalStateException("Cannot render the certificate summary", e);
        }
        return text + "\n";
    }

    /** The summaries a {@link #toJson} text holds, e.g. a folder's certificates.json. */
    public static List<CertificateSummary> fromJson(String json) {
        try {
            ObjectMapper mapper = new ObjectMapper();
            return List.of(mapper.treeToValue(mapper.readTree(json).path("certificates"), CertificateSummary[].class));
        } catch (IOException | NullPointerException e) {
            throw new IllegalArgumentException("not a certificates.json summary: " + e.getMessage(), e);
        }
    }

    /** One line for logs: role, subject, fingerprint and expiry. */
    public String describe() {
        return String.format(Locale.ROOT, "%-6s %s  %s  sha256 %s  expires %s", role, file, subject,
                sha256Fingerprint, notAfter);
    }
}
