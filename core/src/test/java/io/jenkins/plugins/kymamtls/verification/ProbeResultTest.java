package io.jenkins.plugins.kymamtls.verification;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Which answers count as success, and how each outcome is told. */
class ProbeResultTest {

    @Test
    void onlyTwoHundredsSucceed() {
        assertFalse(new ProbeResult(199, "", null, null).succeeded());
        assertTrue(new ProbeResult(200, "", null, null).succeeded());
        assertTrue(new ProbeResult(299, "", null, null).succeeded());
        assertFalse(new ProbeResult(300, "", null, null).succeeded());
        assertFalse(new ProbeResult(503, "", null, null).succeeded());
    }

    @Test
    void noAnswerIsToldWithItsReason() {
        ProbeResult refused = new ProbeResult(0, "", null, "SSLHandshakeException: bad_certificate");
        assertFalse(refused.answered());
        assertEquals("no HTTP answer (SSLHandshakeException: bad_certificate)", refused.describe());
        ProbeResult answered = new ProbeResult(1, "", null, null);
        assertTrue(answered.answered());
        assertEquals("HTTP 403", new ProbeResult(403, "", null, null).describe());
    }
}
