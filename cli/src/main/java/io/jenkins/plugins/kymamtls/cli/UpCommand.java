package io.jenkins.plugins.kymamtls.cli;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.jenkins.plugins.kymamtls.certificates.CertificateEngine;
import io.jenkins.plugins.kymamtls.certificates.CertificateResult;
import io.jenkins.plugins.kymamtls.engine.EgressEngine;
import io.jenkins.plugins.kymamtls.engine.ExposeEngine;
import io.jenkins.plugins.kymamtls.engine.LockEngine;
import io.jenkins.plugins.kymamtls.resources.CertificateMaterial;
import io.jenkins.plugins.kymamtls.resources.ClientIdentity;
import io.jenkins.plugins.kymamtls.resources.EgressParameters;
import io.jenkins.plugins.kymamtls.resources.ExposeParameters;
import io.jenkins.plugins.kymamtls.resources.LockParameters;
import io.jenkins.plugins.kymamtls.resources.Timeouts;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code certs}, {@code expose}, {@code egress} and {@code lock} in one process, with the same checks,
 * lines and exit codes. What does not depend on the target runs beside it: the egress route is
 * applied and waited for on the client cluster while the target is exposed, and verified after.
 */
@Command(name = "up", sortOptions = false, mixinStandardHelpOptions = true,
        description = "The whole flow in one process: certs, expose (target cluster), egress and lock (client cluster), "
                + "each verified as the single commands verify it; the egress route is applied while the target is exposed.")
final class UpCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    CertificateOptions certificates;

    @Mixin
    TwoClusterOptions clusters;

    @Option(names = "--certs-dir", paramLabel = "DIR", defaultValue = "mtls", order = 6,
            description = "Where the certificates are written, or reused from (default: ${DEFAULT-VALUE}).")
    Path certsDir;

    @Option(names = "--resolve", paramLabel = "IP", order = 7,
            description = "Connect to this address for the expose verification instead of resolving the domain.")
    String resolve;

    @Option(names = "--no-lock", negatable = false, order = 8, description = "Leave out the lock.")
    boolean noLock;

    @Option(names = "--dns-addresses", paramLabel = "IP", split = ",", order = 9,
            description = "DNS servers the lock allows (default: the kube-dns ClusterIP and 169.254.20.10).")
    List<String> dnsAddresses = List.of();

    @Option(names = "--blocked-url", paramLabel = "URL", defaultValue = LockParameters.DEFAULT_BLOCKED_URL, order = 10,
            description = "A URL the lock must block (default: ${DEFAULT-VALUE}).")
    String blockedUrl;

    @Option(names = "--verify-timeout", paramLabel = "SECONDS", defaultValue = "" + Timeouts.DEFAULT_VERIFY_SECONDS,
            order = 93, description = "How long to retry each verification (default: ${DEFAULT-VALUE}).")
    int verifyTimeout;

    @Override
    public Integer call() {
        // Every input checked before a file is written or a cluster contacted.
        Timeouts timeouts = Timeouts.ofSeconds(clusters.readyTimeout, verifyTimeout);
        String targetNamespace = clusters.targetNamespace();
        String clientNamespace = clusters.clientNamespace();
        LockParameters lock = noLock ? null : LockParameters.builder(clientNamespace).dnsAddresses(dnsAddresses)
                .blockedUrl(blockedUrl).allowedDomain(certificates.domain).timeouts(timeouts).build();
        String targetKubeconfig = clusters.readTarget();
        String clientKubeconfig = clusters.readClient();
        PrintWriter out = spec.commandLine().getOut();

        CertificateResult certs = new CertificateEngine().generate(certificates.request(certsDir), line -> { });
        CertsCommand.printSummary(out, certs);
        String domain = certificates.domain;
        CertificateMaterial client = CertificateMaterial.clientFromDirectory(certsDir, certificates.client);
        ExposeParameters expose = ExposeParameters.builder(domain, targetNamespace,
                        CertificateMaterial.fromDirectory("server", certsDir, domain))
                .resolve(resolve).timeouts(timeouts).build();
        EgressParameters egress = EgressParameters.builder(domain, clientNamespace, client).timeouts(timeouts).build();
        ClientIdentity verifier = ClientIdentity.of(client);

        try (KubernetesClient target = clusters.connectTarget(targetKubeconfig, out);
             KubernetesClient clientCluster = clusters.connectClient(clientKubeconfig, out)) {
            HeldLog egressLog = new HeldLog(out::println);
            Background<EgressEngine.Prepared> prepared = new Background<>("egress",
                    () -> new EgressEngine().prepare(clientCluster, egress, egressLog));
            ExposeEngine.Result exposed;
            try {
                exposed = new ExposeEngine().run(target, expose, verifier, out::println);
            } catch (RuntimeException failure) {
                prepared.stop();
                egressLog.release();
                throw failure;
            }
            out.println(ExposeCommand.summary(exposed));
            egressLog.release();
            EgressEngine.Result routed = new EgressEngine().verify(clientCluster, prepared.join(), out::println);
            out.println(EgressCommand.summary(domain, routed));
            if (lock != null) {
                out.println(LockCommand.summary(lock, new LockEngine().run(clientCluster, lock, out::println)));
            }
        }
        return 0;
    }
}
