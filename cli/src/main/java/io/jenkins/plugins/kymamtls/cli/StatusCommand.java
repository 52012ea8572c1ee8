package io.jenkins.plugins.kymamtls.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.jenkins.plugins.kymamtls.cluster.ClusterAccess;
import io.jenkins.plugins.kymamtls.resources.EgressParameters;
import io.jenkins.plugins.kymamtls.resources.ExposeParameters;
import io.jenkins.plugins.kymamtls.status.CertificateStatus;
import io.jenkins.plugins.kymamtls.status.StatusEngine;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "status", sortOptions = false, mixinStandardHelpOptions = true,
        description = "Show the certificates deployed on the target cluster (the gateway's Secret), the client cluster"
                + " (the egress Secret) or both, and check what the mTLS route depends on. Exit 0 healthy, 3 a"
                + " certificate ends within --warn-days, 1 broken or unreadable, 2 bad input.")
final class StatusCommand implements Callable<Integer> {

    static final int EXPIRING = 3;

    @Spec
    CommandSpec spec;

    @Option(names = "--target-kubeconfig", paramLabel = "FILE", order = 1,
            description = "Kubeconfig of the target cluster (the workload's); omit to read the client cluster only.")
    Path targetKubeconfig;

    @Option(names = "--target-context", paramLabel = "NAME", order = 2, description = "Context in it.")
    String targetContext;

    @Option(names = "--client-kubeconfig", paramLabel = "FILE", order = 3,
            description = "Kubeconfig of the client cluster; omit to read the target cluster only.")
    Path clientKubeconfig;

    @Option(names = "--client-context", paramLabel = "NAME", order = 4, description = "Context in it.")
    String clientContext;

    @Option(names = "--namespace", paramLabel = "NS", order = 5,
            description = "Namespace of the target's Gateway (default: look in every namespace).")
    String namespace;

    @Option(names = "--domain", paramLabel = "HOST", order = 6,
            description = "Host the server certificate must name (default: the Gateway's hosts).")
    String domain;

    @Option(names = "--secret-name", paramLabel = "NAME", order = 7,
            description = "The gateway's Secret in istio-system (default: kyma-mtls-certs-<namespace>, from --namespace).")
    String secretName;

    @Option(names = "--client-secret-name", paramLabel = "NAME", order = 8,
            description = "The egress Secret in istio-system (default: client-credential-<namespace>, from --namespace).")
    String clientSecretName;

    @Option(names = "--warn-days", paramLabel = "N", defaultValue = "" + CertificateStatus.DEFAULT_WARN_DAYS, order = 9,
            description = "Expiring when a certificate ends within N days (default: ${DEFAULT-VALUE}).")
    int warnDays;

    @Option(names = "--certs-dir", paramLabel = "DIR", order = 10,
            description = "Compare with the certificates.json of the last certs run in DIR.")
    Path certsDir;

    @Option(names = "--output", paramLabel = "FORMAT", defaultValue = "table", order = 11,
            description = "table or json (default: ${DEFAULT-VALUE}).")
    Format output;

    enum Format { TABLE, JSON }

    @Override
    public Integer call() throws JsonProcessingException {
        StatusEngine.checkClusters("targetKubeconfig", targetKubeconfig, "--client-kubeconfig", clientKubeconfig);
        StatusEngine.Parameters parameters = new StatusEngine.Parameters(secretName, clientSecretName, namespace, domain,
                warnDays, certsDir);
        String target = targetKubeconfig == null ? null
                : ClusterOptions.readKubeconfig("targetKubeconfig", targetKubeconfig, targetContext);
        String client = clientKubeconfig == null ? null
                : ClusterOptions.readKubeconfig("clientKubeconfig", clientKubeconfig, clientContext);
        PrintWriter out = spec.commandLine().getOut();
        // Progress goes to stderr, so --output json stays machine-readable.
        PrintWriter err = spec.commandLine().getErr();
        CertificateStatus.Report report;
        try (KubernetesClient targetClient = target == null ? null : ClusterAccess.connect(target, targetContext, err::println);
             KubernetesClient clientClient = client == null ? null : ClusterAccess.connect(client, clientContext, err::println)) {
            report = new StatusEngine().run(targetClient, clientClient, parameters, Instant.now(), err::println);
        }
        if (output == Format.JSON) {
            out.println(new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(report));
        } else {
            print(out, report);
        }
        return switch (report.health()) {
            case HEALTHY -> 0;
            case EXPIRING -> EXPIRING;
            case BROKEN -> KymaMtlsCommand.FAILURE;
        };
    }

    private static void print(PrintWriter out, CertificateStatus.Report report) {
        out.println(String.format(Locale.ROOT, "%-10s %-9s %-25s %-40s %s", "ROLE", "DAYS LEFT", "NOT AFTER", "SUBJECT",
                "SOURCE"));
        for (CertificateStatus.Entry entry : report.certificates()) {
            out.println(String.format(Locale.ROOT, "%-10s %-9d %-25s %-40s %s", entry.role(), entry.daysLeft(),
                    entry.notAfter(), entry.subject(), entry.source()));
            out.println("           sha256 " + entry.sha256Fingerprint() + "  serial " + entry.serial()
                    + (entry.dnsNames().isEmpty() ? "" : "  DNS " + String.join(",", entry.dnsNames())));
        }
        out.println();
        for (CertificateStatus.Check check : report.checks()) {
            out.println((check.passed() ? "ok    " : check.expiry() ? "WARN  " : "FAIL  ") + check.name()
                    + (check.detail().isEmpty() ? "" : ": " + check.detail()));
        }
        out.println();
        out.println(report.health() + (report.expiresInDays() == null ? ""
                : " (the soonest certificate ends in " + report.expiresInDays() + " days)"));
    }
}
