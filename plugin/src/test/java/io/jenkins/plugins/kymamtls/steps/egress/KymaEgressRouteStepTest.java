package io.jenkins.plugins.kymamtls.steps.egress;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.jenkins.plugins.kymamtls.resources.EgressParameters;
import io.jenkins.plugins.kymamtls.testing.InWorkspace;
import io.jenkins.plugins.kymamtls.testing.Persistence;
import io.jenkins.plugins.kymamtls.testing.TestCertificates;
import io.jenkins.plugins.kymamtls.testing.Works;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** kymaEgressRoute and its build step: its fields reach the engine, a saved job. */
class KymaEgressRouteStepTest extends InWorkspace {

    @Test
    void egressOptionsReachTheParameters() throws Exception {
        Path set = TestCertificates.write(workspace.resolve("own"));
        EgressParameters p = (EgressParameters) parameters(Works.egress("kubeconfig", "client", null, TestCertificates.DOMAIN,
                "mtls-client", options -> {
                    options.setCertsDir("own");
                    options.setCaCert("own/egress.crt");
                    options.setClient(TestCertificates.CLIENT);
                    options.setClientCert("own/" + TestCertificates.CLIENT + ".crt");
                    options.setClientKey("own/" + TestCertificates.CLIENT + ".key");
                    options.setSecretName("cred");
                    options.setCurlWorkload(false);
                    options.setEnableEgressGateway(false);
                    options.setAccessLogging(false);
                    options.setCurlImage("registry.local/curl:8");
                }, 40, 30));
        assertEquals("cred", p.secretName());
        assertFalse(p.curlWorkload());
        assertFalse(p.enableEgressGateway());
        assertFalse(p.accessLogging());
        assertEquals("registry.local/curl:8", p.curlImage());
        assertEquals(Duration.ofSeconds(30), p.timeouts().verify());
        assertEquals(Files.readString(set.resolve("egress.crt")), p.client().caCertificatePem());
    }

    @Test
    void egressBuildStep() throws Exception {
        KymaEgressRouteStep step = new KymaEgressRouteStep("client-kubeconfig", "httpbin.example.com", "mtls-demo");
        step.setCurlWorkload(false);
        step.setSecretName("my-credential");
        step.setContext("prod");
        Persistence.roundTrip(new KymaEgressRouteBuilder(step), step);
    }

    /** The step's fields mapped to the engine's parameters, as the work does on the agent. */
    private Object parameters(EgressWork work) {
        return work.parameters(workspace);
    }
}
