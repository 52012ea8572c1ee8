package io.jenkins.plugins.kymamtls.steps;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.jenkins.plugins.kymamtls.steps.certs.KymaMtlsCertsStep;
import io.jenkins.plugins.kymamtls.steps.lock.KymaLockEgressStep;
import io.jenkins.plugins.kymamtls.steps.status.KymaMtlsStatusStep;
import io.jenkins.plugins.kymamtls.certificates.CertificateRequest;
import io.jenkins.plugins.kymamtls.resources.LockParameters;
import io.jenkins.plugins.kymamtls.status.StatusEngine;
import io.jenkins.plugins.kymamtls.steps.lock.LockWork;
import io.jenkins.plugins.kymamtls.steps.status.StatusWork;
import io.jenkins.plugins.kymamtls.work.Text;
import io.jenkins.plugins.kymamtls.work.Workspace;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A freestyle build step runs with the build's variables expanded; the saved step keeps what the user
 * wrote. The step's fields map once to the engine's parameters, each text field read through the
 * build's {@link Text}.
 */
class ExpansionTest {

    @TempDir
    Path workspace;

    /** Stands in for EnvVars.expand of a build with these variables, and records what it was given. */
    private static final class Build implements Text {
        private static final long serialVersionUID = 1L;
        final List<String> given = new ArrayList<>();

        @Override
        public String of(String typed) {
            given.add(typed);
            if (typed == null) {
                return null;
            }
            String expanded = typed;
            for (Map.Entry<String, String> variable : Map.of("BUILD_NUMBER", "42", "NAMESPACE", "team-a").entrySet()) {
                expanded = expanded.replace("${" + variable.getKey() + "}", variable.getValue())
                        .replace("$" + variable.getKey(), variable.getValue());
            }
            return expanded;
        }
    }

    @Test
    void everyTextParameterIsExpandedAndNothingElseChanges() {
        KymaLockEgressStep step = new KymaLockEgressStep("client-kubeconfig", "${NAMESPACE}");
        step.setBlockedUrl("http://blocked-$BUILD_NUMBER.example.com/");
        step.setVerifyTimeout(30);

        LockParameters expanded = step.parameters(new Build());

        assertEquals("team-a", expanded.namespace());
        assertEquals("http://blocked-42.example.com/", expanded.blockedUrl());
        assertEquals(Duration.ofSeconds(30), expanded.timeouts().verify());
        assertNull(expanded.allowedUrl());
        assertEquals("${NAMESPACE}", step.getNamespace(), "the saved step keeps the text as written");
    }

    @Test
    void certificateParametersToo() {
        KymaMtlsCertsStep step = new KymaMtlsCertsStep("httpbin.example.com", "client.example.com");
        step.setCertsDir("certs/${BUILD_NUMBER}");
        step.setDays(90);
        CertificateRequest expanded = step.request(Workspace.of(workspace), new Build(), null);
        assertEquals(workspace.resolve("certs/42"), expanded.outputDirectory());
        assertEquals(90, expanded.days());
        assertEquals("kymaMtlsCerts for httpbin.example.com and client.example.com in certs/42",
                step.describe(new Build()));
    }

    /**
     * M2: a credentials id is never expanded. The credentials plugin resolves a credentials parameter
     * given as ${NAME} itself, checking that the user who started the build may use that credential
     * (CredentialsProvider.findCredentialById with the run, credentials plugin 1408, as
     * credentials-binding passes the id as typed); expanding it first skipped those rules.
     */
    @Test
    void credentialsIdsStayAsTyped() {
        Build build = new Build();
        KymaLockEgressStep lock = new KymaLockEgressStep("${KUBECONFIG_ID}", "team-a");
        lock.parameters(build);
        assertEquals("kymaLockEgress with credentials '${KUBECONFIG_ID}'",
                new LockWork(lock, build, "kubeconfig").toString());
        KymaMtlsCertsStep certs = new KymaMtlsCertsStep("httpbin.example.com", "client.example.com");
        certs.setCaCredentialsId("$CA_ID");
        certs.request(Workspace.of(workspace), build, null);
        KymaMtlsStatusStep status = new KymaMtlsStatusStep();
        status.setTargetCredentialsId("${TARGET}");
        status.setClientCredentialsId("${CLIENT}");
        StatusEngine.Parameters parameters = status.parameters(Workspace.of(workspace), build);
        assertEquals(StatusEngine.Parameters.class, parameters.getClass());
        assertEquals("kymaMtlsStatus of target credentials '${TARGET}' and client credentials '${CLIENT}'",
                new StatusWork(status, build, "a", "b").toString());
        for (String id : List.of("${KUBECONFIG_ID}", "$CA_ID", "${TARGET}", "${CLIENT}")) {
            assertFalse(build.given.contains(id), id + " went through the build's expansion: " + build.given);
        }
    }
}
