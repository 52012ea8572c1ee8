package io.jenkins.plugins.kymamtls.work;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.jenkins.plugins.kymamtls.cluster.ClusterAccess;
import io.jenkins.plugins.kymamtls.status.CertificateStatus;
import io.jenkins.plugins.kymamtls.status.StatusEngine;
import java.io.Serializable;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * {@code kymaMtlsStatus}: reads the certificates deployed on either or both clusters and reports on
 * them, as {@code kyma-mtls status} does. What is read, however bad, is a result; only a cluster
 * that cannot be read fails the step.
 */
public final class StatusWork extends StepWork {

    private static final long serialVersionUID = 1L;

    /** One cluster: the kubeconfig from its credential (never printed), the credential's id, its context. */
    public record Cluster(String kubeconfig, String credentialsId, String context) implements Serializable {
        @Override
        public String toString() {
            return "credentials '" + credentialsId + "'";
        }
    }

    /** What to look at besides the clusters. */
    public record Options(String secretName, String clientSecretName, String namespace, String domain, int warnDays,
                          String certsDir) implements Serializable {
    }

    private final Cluster target;
    private final Cluster client;
    private final Options options;

    /** @param target null to read the client cluster only; client null to read the target only */
    public StatusWork(Cluster target, Cluster client, Options options) {
        this.target = target;
        this.client = client;
        this.options = options;
    }

    @Override
    public String functionName() {
        return "kymaMtlsStatus";
    }

    @Override
    protected Map<String, Object> perform(Path workspace, Consumer<String> log) {
        StatusEngine.checkClusters("targetCredentialsId", target, "clientCredentialsId", client);
        StatusEngine.Parameters parameters = new StatusEngine.Parameters(options.secretName(), options.clientSecretName(),
                options.namespace(), options.domain(), options.warnDays(),
                options.certsDir() == null ? null : inside(workspace, "certsDir", options.certsDir()));
        check("targetCredentialsId", target);
        check("clientCredentialsId", client);
        CertificateStatus.Report report;
        try (KubernetesClient targetClient = connect(target, log); KubernetesClient clientClient = connect(client, log)) {
            report = new StatusEngine().run(targetClient, clientClient, parameters, Instant.now(), log);
        }
        for (CertificateStatus.Check check : report.checks()) {
            if (!check.passed()) {
                log.accept((check.expiry() ? "expiring: " : "failed: ") + check.name()
                        + (check.detail().isEmpty() ? "" : ": " + check.detail()));
            }
        }
        log.accept(report.health() + (report.expiresInDays() == null ? ""
                : ": the soonest certificate ends in " + report.expiresInDays() + " days"));
        return values(report);
    }

    /** The report as the step returns it: plain values only. */
    static Map<String, Object> values(CertificateStatus.Report report) {
        Map<String, Object> values = new LinkedHashMap<>();
        values.put("healthy", report.health() == CertificateStatus.Health.HEALTHY);
        values.put("health", report.health().name());
        values.put("expiresInDays", report.expiresInDays());
        List<Map<String, Object>> certificates = new ArrayList<>();
        for (CertificateStatus.Entry entry : report.certificates()) {
            Map<String, Object> certificate = new LinkedHashMap<>();
            certificate.put("role", entry.role());
            certificate.put("source", entry.source());
            certificate.put("subject", entry.subject());
            certificate.put("dnsNames", entry.dnsNames());
            certificate.put("issuer", entry.issuer());
            certificate.put("serial", entry.serial());
            certificate.put("sha256Fingerprint", entry.sha256Fingerprint());
            certificate.put("notBefore", entry.notBefore());
            certificate.put("notAfter", entry.notAfter());
            certificate.put("daysLeft", entry.daysLeft());
            certificates.add(certificate);
        }
        values.put("certificates", certificates);
        values.put("failedChecks", report.failed().stream().map(check -> check.name()
                + (check.detail().isEmpty() ? "" : ": " + check.detail())).toList());
        values.put("checks", report.checks().stream().map(CertificateStatus.Check::name).toList());
        return values;
    }

    private static void check(String field, Cluster cluster) {
        if (cluster != null) {
            ClusterWork.checkKubeconfig(field, cluster.kubeconfig(), cluster.credentialsId(), cluster.context());
        }
    }

    private KubernetesClient connect(Cluster cluster, Consumer<String> log) {
        return cluster == null ? null : ClusterAccess.connect(cluster.kubeconfig(), cluster.context(), environment(),
                log);
    }

    @Override
    public String toString() {
        return functionName() + " of " + (target == null ? "" : "target " + target) + (target != null && client != null
                ? " and " : "") + (client == null ? "" : "client " + client);
    }
}
