package io.jenkins.plugins.kymamtls.certificates;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** certificates.json, which status reads back and users' scripts read with jq. */
class CertificateSummaryTest {

    private static List<CertificateSummary> summaries() {
        CertificateSet set = new CertificateEngine().issue(CertificateRequest.builder("httpbin.mtls.test",
                "client.mtls.test").keyAlgorithm(KeyAlgorithm.EC_P256).selfTest(false).build());
        List<CertificateSummary> summaries = new ArrayList<>(List.of(
                CertificateSummary.of("ca", "egress.crt", set.authority()),
                CertificateSummary.of("server", "httpbin.mtls.test.crt", set.server()),
                CertificateSummary.of("client", "client.mtls.test.crt", set.client())));
        // Characters JSON must escape, and a field left empty.
        summaries.add(new CertificateSummary("client", "odd \"name\"\\.crt", "CN=a\tb", null, List.of(), "1", "AA",
                "2026-11-26T10:00:00Z", "2027-11-26T10:00:00Z", "ec-p256"));
        return summaries;
    }

    @Test
    void theFileHasTheFormItAlwaysHadEveryFieldInTheRecordsOrder() throws Exception {
        List<CertificateSummary> summaries = summaries();
        String mapped = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
                .writeValueAsString(Map.of("certificates", summaries)) + "\n";
        assertEquals(mapped, CertificateSummary.toJson(summaries));
    }

    @Test
    void whatIsWrittenReadsBackAsItWas() {
        List<CertificateSummary> summaries = summaries();
        assertEquals(summaries, CertificateSummary.fromJson(CertificateSummary.toJson(summaries)));
    }
}
