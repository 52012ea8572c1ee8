package io.jenkins.plugins.kymamtls.steps;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.Map;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

/** A freestyle build step runs with the build's variables expanded; the saved step keeps what the user wrote. */
class ExpansionTest {

    /** Stands in for EnvVars.expand of a build with these variables. */
    private static final UnaryOperator<String> BUILD = text -> {
        String expanded = text;
        for (Map.Entry<String, String> variable : Map.of("BUILD_NUMBER", "42", "NAMESPACE", "team-a").entrySet()) {
            expanded = expanded.replace("${" + variable.getKey() + "}", variable.getValue())
                    .replace("$" + variable.getKey(), variable.getValue());
        }
        return expanded;
    };

    @Test
    void everyTextParameterIsExpandedAndNothingElseChanges() {
        KymaLockEgressStep step = new KymaLockEgressStep("client-kubeconfig", "${NAMESPACE}");
        step.setBlockedUrl("http://blocked-$BUILD_NUMBER.example.com/");
        step.setVerifyTimeout(30);

        LockSettings expanded = Expansion.of(LockSettings.class, step, BUILD);

        assertEquals("team-a", expanded.getNamespace());
        assertEquals("http://blocked-42.example.com/", expanded.getBlockedUrl());
        assertEquals("client-kubeconfig", expanded.getCredentialsId());
        assertEquals(30, expanded.getVerifyTimeout());
        assertNull(expanded.getDomain());
        assertEquals("${NAMESPACE}", step.getNamespace(), "the saved step keeps the text as written");
    }

    @Test
    void certificateParametersToo() {
        KymaMtlsCertsStep step = new KymaMtlsCertsStep("httpbin.example.com", "client.example.com");
        step.setCertsDir("certs/${BUILD_NUMBER}");
        step.setDays(90);
        CertsSettings expanded = Expansion.of(CertsSettings.class, step, BUILD);
        assertEquals("certs/42", expanded.getCertsDir());
        assertEquals(90, expanded.getDays());
        assertEquals(false, expanded.isArchiveKeys());
    }

    /**
     * M2: a credentials id is never expanded. The credentials plugin resolves a credentials parameter
     * given as ${NAME} itself, checking that the user who started the build may use that credential
     * (CredentialsProvider.findCredentialById with the run, credentials plugin 1408, as
     * credentials-binding passes the id as typed); expanding it first skipped those rules.
     */
    @Test
    void credentialsIdsStayAsTyped() {
        KymaLockEgressStep lock = new KymaLockEgressStep("${KUBECONFIG_ID}", "team-a");
        assertEquals("${KUBECONFIG_ID}", Expansion.of(LockSettings.class, lock, text -> "expanded").getCredentialsId());
        KymaMtlsCertsStep certs = new KymaMtlsCertsStep("httpbin.example.com", "client.example.com");
        certs.setCaCredentialsId("$CA_ID");
        assertEquals("$CA_ID", Expansion.of(CertsSettings.class, certs, text -> "expanded").getCaCredentialsId());
        KymaMtlsStatusStep status = new KymaMtlsStatusStep();
        status.setTargetCredentialsId("${TARGET}");
        status.setClientCredentialsId("${CLIENT}");
        StatusSettings expanded = Expansion.of(StatusSettings.class, status, text -> "expanded");
        assertEquals("${TARGET}", expanded.getTargetCredentialsId());
        assertEquals("${CLIENT}", expanded.getClientCredentialsId());
    }
}
