package io.jenkins.plugins.kymamtls.status;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.jenkins.plugins.kymamtls.certificates.CertificateFiles;
import io.jenkins.plugins.kymamtls.certificates.CertificateSummary;
import io.jenkins.plugins.kymamtls.input.InputChecks;
import io.jenkins.plugins.kymamtls.input.InvalidInputException;
import io.jenkins.plugins.kymamtls.resources.Names;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.function.Consumer;

/**
 * The work behind {@code kymaMtlsStatus} and {@code kyma-mtls status}: read what either or both
 * clusters hold, then judge it. Reading fails the run (a 403, no answer); what is read, however bad,
 * is a report.
 */
public final class StatusEngine {

    /**
     * What to look at, checked before any cluster is contacted.
     *
     * @param gatewayNamespace where the target's Gateway is; null for every namespace
     * @param domain the host the server certificate must name; null for the Gateway's hosts
     * @param certsDir a folder with the certificates.json of the last certificate run, or null
     */
    public record Parameters(String secretName, String clientSecretName, String gatewayNamespace, String domain,
                             int warnDays, Path certsDir) {
        public Parameters {
            if (gatewayNamespace != null) {
                InputChecks.namespace("namespace", gatewayNamespace);
            }
            // Blank takes the namespace's own names, as the steps do; without a namespace, a name is
            // needed only for the cluster that is read (see secretFor).
            secretName = named("secretName", secretName, gatewayNamespace, Names::targetSecret);
            clientSecretName = named("clientSecretName", clientSecretName, gatewayNamespace, Names::clientSecret);
            if (domain != null) {
                InputChecks.wildcardDnsName("domain", domain);
            }
            CertificateStatus.warnDays(warnDays);
            if (certsDir != null && !Files.isRegularFile(certsDir.resolve(CertificateFiles.SUMMARY_FILE))) {
                throw InvalidInputException.problem("certsDir", "there is no " + CertificateFiles.SUMMARY_FILE + " in "
                        + certsDir + "; expected the folder of a certificate run");
            }
        }
    }

    private static String named(String field, String given, String namespace,
                                java.util.function.UnaryOperator<String> perNamespace) {
        if (given != null && !given.isBlank()) {
            return InputChecks.serviceName(field, given.strip());
        }
        return namespace == null ? null : perNamespace.apply(namespace);
    }

    /** The Secret's name for a cluster that is read: given, or the namespace's own. */
    private static String secretFor(String field, String name, String perNamespace) {
        if (name == null) {
            throw InvalidInputException.problem(field, "is empty and so is namespace; expected the namespace the steps"
                    + " ran for (the Secret is then " + perNamespace + ") or the Secret's name");
        }
        return name;
    }

    /** At least one cluster; the other may be null. Fields are named as the caller knows them. */
    public static void checkClusters(String targetField, Object target, String clientField, Object client) {
        if (target == null && client == null) {
            throw InvalidInputException.problem(targetField, "is empty and so is " + clientField + "; expected the"
                    + " target cluster, the client cluster or both");
        }
    }

    public CertificateStatus.Report run(KubernetesClient target, KubernetesClient client, Parameters p, Instant now,
                                        Consumer<String> log) {
        String targetName = target == null ? null
                : secretFor("secretName", p.secretName(), Names.targetSecret("<namespace>"));
        String clientName = client == null ? null
                : secretFor("clientSecretName", p.clientSecretName(), Names.clientSecret("<namespace>"));
        DeployedSecret targetSecret = target == null ? null
                : new StatusReader(target, log).target(targetName, p.gatewayNamespace());
        DeployedSecret clientSecret = client == null ? null : new StatusReader(client, log).client(clientName);
        List<CertificateSummary> local = p.certsDir() == null ? List.of() : local(p.certsDir());
        return CertificateStatus.evaluate(targetSecret, clientSecret, p.domain(), p.warnDays(), now, local);
    }

    private static List<CertificateSummary> local(Path certsDir) {
        Path file = certsDir.resolve(CertificateFiles.SUMMARY_FILE);
        try {
            return CertificateSummary.fromJson(Files.readString(file, StandardCharsets.UTF_8));
        } catch (IOException | IllegalArgumentException e) {
            throw InvalidInputException.problem("certsDir", file + " cannot be read (" + e.getClass().getSimpleName()
                    + "); expected the certificates.json of a certificate run");
        }
    }
}
