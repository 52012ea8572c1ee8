package io.jenkins.plugins.kymamtls.cli;

import io.jenkins.plugins.kymamtls.certificates.CertificateEngine;
import io.jenkins.plugins.kymamtls.certificates.CertificateResult;
import io.jenkins.plugins.kymamtls.resources.CertificateMaterial;
import io.jenkins.plugins.kymamtls.resources.EgressParameters;
import io.jenkins.plugins.kymamtls.resources.ExposeParameters;
import io.jenkins.plugins.kymamtls.resources.LockParameters;
import io.jenkins.plugins.kymamtls.resources.Manifests;
import io.jenkins.plugins.kymamtls.resources.PlanWriter;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** Everything the steps would apply, as files, with no cluster: the README's main job. */
@Command(name = "plan", sortOptions = false, mixinStandardHelpOptions = true,
        description = "Generate the certificates and render every resource the cluster steps would apply, "
                + "as YAML files under DIR/target (kymaExposeMtls), DIR/client (kymaEgressRoute) and DIR/lock "
                + "(kymaLockEgress). No cluster is contacted. Files holding keys are written 0600.")
final class PlanCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    CertificateOptions certificates;

    @Option(names = "--namespace", required = true, paramLabel = "NS", order = 3,
            description = "Namespace of the workload on the target cluster and of the client on the client cluster.")
    String namespace;

    @Option(names = "--out", paramLabel = "DIR", defaultValue = "plan", order = 4,
            description = "Directory for the certificates and manifests (default: ${DEFAULT-VALUE}).")
    Path out;

    @Option(names = {"--dns-address", "--dns-addresses"}, paramLabel = "IP", order = 5,
            description = "A DNS server the locked namespace may reach, IPv4 or IPv6 (repeat it, or separate by commas;"
                    + " default: ${DEFAULT-VALUE}; on a cluster the lock step adds the kube-dns ClusterIP itself).",
            defaultValue = LockParameters.NODE_LOCAL_DNS, split = ",")
    List<String> dnsAddresses;

    @Override
    public Integer call() {
        // Parameters are checked before the certificates are written, so bad input leaves nothing behind.
        LockParameters lock = LockParameters.builder(namespace).dnsAddresses(dnsAddresses)
                .allowedDomain(certificates.domain.startsWith("*.") ? "mtls-check." + certificates.domain.substring(2)
                        : certificates.domain)
                .build();
        Path certs = out.resolve("certs");
        CertificateResult result = new CertificateEngine().generate(certificates.request(certs), line -> { });
        ExposeParameters expose = ExposeParameters.builder(certificates.domain, namespace,
                CertificateMaterial.fromDirectory("server", certs, certificates.domain)).build();
        List<PlanWriter.WrittenFile> files = new ArrayList<>();
        for (Path file : result.files()) {
            files.add(new PlanWriter.WrittenFile(file, result.keyFiles().contains(file)));
        }
        files.addAll(PlanWriter.write(out.resolve("target"), Manifests.target(expose)));
        if (!certificates.domain.startsWith("*.")) {
            EgressParameters egress = EgressParameters.builder(certificates.domain, namespace,
                    CertificateMaterial.fromDirectory("client", certs, certificates.client)).build();
            files.addAll(PlanWriter.write(out.resolve("client"), Manifests.client(egress, "default")));
        }
        files.addAll(PlanWriter.write(out.resolve("lock"), Manifests.lock(lock, lock.dnsAddresses()),
                String.join("\n",
                "# NetworkPolicy of kymaLockEgress. DNS servers allowed here: " + String.join(", ", lock.dnsAddresses())
                        + ".",
                "# On a cluster the lock step adds the kube-dns ClusterIP itself; applying this file by hand, add it",
                "# as one more ipBlock (<ClusterIP>/32) beside these, or pods lose DNS:",
                "#   kubectl -n kube-system get service kube-dns -o jsonpath='{.spec.clusterIP}'",
                "")));

        PrintWriter stdout = spec.commandLine().getOut();
        stdout.println("Wrote " + files.size() + " files to " + out + ":");
        for (PlanWriter.WrittenFile written : files) {
            stdout.println("  " + out.relativize(written.file()) + (written.secret() ? "  (key material, 0600)" : ""));
        }
        if (certificates.domain.startsWith("*.")) {
            stdout.println("No client/ manifests: the egress route needs one concrete host, not " + certificates.domain + ".");
        }
        stdout.println("Self-test " + (result.selfTest().isEmpty() ? "skipped." : "passed."));
        return 0;
    }
}
