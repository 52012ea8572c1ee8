package io.jenkins.plugins.kymamtls.steps.status;

import io.jenkins.plugins.kymamtls.work.ClusterWork;
import io.jenkins.plugins.kymamtls.work.StepWork;
import io.jenkins.plugins.kymamtls.work.Text;
import io.jenkins.plugins.kymamtls.work.Workspace;
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

    /** What kymaMtlsStatus maps its fields to: the two clusters' credentials and the engine's parameters. */
    public interface Spec extends Serializable {

        /** The target cluster's credential; null to read the client cluster only. */
        String getTargetCredentialsId();

        String getTargetContext();

        /** The client cluster's credential; null to read the target cluster only. */
        String getClientCredentialsId();

        String getClientContext();

        /** The engine's parameters, with the local certificates' folder in the workspace; checked. */
        StatusEngine.Parameters parameters(Workspace workspace, Text text);
    }

    /** One cluster: the kubeconfig from its credential (never printed), the credential's id, its context. */
    private record Cluster(String kubeconfig, String credentialsId, String context) implements Serializable {
        @Override
        public String toString() {
            return "credentials '" + credentialsId + "'";
        }
    }

    private final Spec spec;
    private final Text text;
    private final Cluster target;
    private final Cluster client;

    /** @param targetKubeconfig the target credential's kubeconfig, null when the spec names none; clientKubeconfig alike */
    public StatusWork(Spec spec, Text text, String targetKubeconfig, String clientKubeconfig) {
        this.spec = spec;
        this.text = text;
        this.target = cluster(spec.getTargetCredentialsId(), targetKubeconfig, text.of(spec.getTargetContext()));
        this.client = cluster(spec.getClientCredentialsId(), clientKubeconfig, text.of(spec.getClientContext()));
    }

    private static Cluster cluster(String credentialsId, String kubeconfig, String context) {
        return credentialsId == null ? null : new Cluster(kubeconfig, credentialsId, context);
    }

    @Override
    public String functionName() {
        return "kymaMtlsStatus";
    }

    @Override
    protected Map<String, Object> perform(Path workspace, Consumer<String> log) {
        StatusEngine.checkClusters("targetCredentialsId", target, "clientCredentialsId", client);
        StatusEngine.Parameters parameters = spec.parameters(workspace(workspace), text);
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
