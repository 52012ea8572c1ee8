package io.jenkins.plugins.kymamtls.engine;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.jenkins.plugins.kymamtls.certificates.CertificateEngine;
import io.jenkins.plugins.kymamtls.certificates.CertificateRequest;
import io.jenkins.plugins.kymamtls.certificates.KeyAlgorithm;
import io.jenkins.plugins.kymamtls.resources.CertificateMaterial;
import io.jenkins.plugins.kymamtls.resources.ClientIdentity;
import io.jenkins.plugins.kymamtls.resources.EgressParameters;
import io.jenkins.plugins.kymamtls.resources.ExposeParameters;
import io.jenkins.plugins.kymamtls.resources.Names;
import io.jenkins.plugins.kymamtls.resources.Timeouts;
import io.jenkins.plugins.kymamtls.testing.SandboxCluster;
import java.nio.file.Path;
import java.util.Set;
import java.util.function.Consumer;

/**
 * One team's flow on the sandbox, for the tests that read Istio's view of it: its names (the
 * defaults, or explicit ones for the Secrets, the Gateway and the APIRule) and the engine calls.
 */
record SandboxFlow(String host, String target, String client, String serverSecret, String clientSecret,
                   String gateway, String apiRule) {

    private static final Timeouts TIMEOUTS =
            Timeouts.ofSeconds(120, 60);

    /** The names the steps choose when none are given. */
    static SandboxFlow withDefaultNames(String host, String target, String client) {
        return new SandboxFlow(host, target, client, Names.targetSecret(target), Names.clientSecret(client),
                ExposeParameters.DEFAULT_GATEWAY, ExposeParameters.DEFAULT_API_RULE);
    }

    String clientName() {
        return "client-" + host;
    }

    /** A fresh set for the host in {@code dir}/host, as kymaMtlsCerts writes it. */
    Path certificates(Path dir) {
        Path certs = dir.resolve(host);
        new CertificateEngine().generate(CertificateRequest.builder(host, clientName()).keyAlgorithm(KeyAlgorithm.EC_P256)
                .outputDirectory(certs).selfTest(false).build(), line -> { });
        return certs;
    }

    void expose(SandboxCluster sandbox, KubernetesClient kubernetes, Path certs, Consumer<String> log) {
        new ExposeEngine().run(kubernetes, ExposeParameters.builder(host, target,
                        CertificateMaterial.fromDirectory("server", certs, host))
                .secretName(serverSecret).gatewayName(gateway).apiRuleName(apiRule)
                .resolve(sandbox.ingressAddress()).timeouts(TIMEOUTS).build(),
                ClientIdentity.fromDirectory(certs, clientName()), log);
    }

    void egress(KubernetesClient kubernetes, Path certs, Consumer<String> log) {
        new EgressEngine().run(kubernetes, EgressParameters.builder(host, client,
                        CertificateMaterial.fromDirectory("client", certs, clientName()))
                .secretName(clientSecret).timeouts(TIMEOUTS).build(), log);
    }

    /** Both namespaces cleaned up, the client's lock included. */
    void cleanup(KubernetesClient kubernetes, Consumer<String> log) {
        new CleanupEngine().run(kubernetes, client, Set.of(CleanupEngine.Part.EGRESS, CleanupEngine.Part.LOCK), log);
        new CleanupEngine().run(kubernetes, target, Set.of(CleanupEngine.Part.EXPOSE), log);
    }

    static Timeouts timeouts() {
        return TIMEOUTS;
    }
}
