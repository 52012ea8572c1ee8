package io.jenkins.plugins.kymamtls.testing;

import io.jenkins.plugins.kymamtls.steps.certs.CertsWork;
import io.jenkins.plugins.kymamtls.steps.certs.KymaMtlsCertsStep;
import io.jenkins.plugins.kymamtls.steps.cleanup.CleanupWork;
import io.jenkins.plugins.kymamtls.steps.cleanup.KymaMtlsCleanupStep;
import io.jenkins.plugins.kymamtls.steps.egress.EgressWork;
import io.jenkins.plugins.kymamtls.steps.egress.KymaEgressRouteStep;
import io.jenkins.plugins.kymamtls.steps.expose.ExposeWork;
import io.jenkins.plugins.kymamtls.steps.expose.KymaExposeMtlsStep;
import io.jenkins.plugins.kymamtls.steps.lock.KymaLockEgressStep;
import io.jenkins.plugins.kymamtls.steps.lock.LockWork;
import io.jenkins.plugins.kymamtls.steps.status.KymaMtlsStatusStep;
import io.jenkins.plugins.kymamtls.steps.status.StatusWork;
import io.jenkins.plugins.kymamtls.work.Text;
import java.util.function.Consumer;

/**
 * Each step's work, built from the step itself as Jenkins binds it (the step's fields are the only
 * parameter list), with its text as typed, as a Pipeline passes it.
 */
public final class Works {

    private Works() {
    }

    public static KymaMtlsCertsStep certsStep(String domain, String client, String certsDir, String keyAlgorithm, int days,
                                       String org, String caCredentialsId, boolean force, boolean selfTest) {
        KymaMtlsCertsStep step = new KymaMtlsCertsStep(domain, client);
        step.setCertsDir(certsDir);
        step.setKeyAlgorithm(keyAlgorithm);
        step.setDays(days);
        step.setOrg(org);
        step.setCaCredentialsId(caCredentialsId);
        step.setForce(force);
        step.setSelfTest(selfTest);
        return step;
    }

    public static CertsWork certs(String domain, String client, String certsDir, String keyAlgorithm, int days, String org,
                           String caBundle, String caCredentialsId, boolean force, boolean selfTest) {
        return new CertsWork(certsStep(domain, client, certsDir, keyAlgorithm, days, org, caCredentialsId, force,
                selfTest), Text.AS_TYPED, caBundle, caCredentialsId);
    }

    /** kymaMtlsCerts for the test names into a folder of the workspace, EC P-256, 30 days, self-tested. */
    public static CertsWork certs(String certsDir, String caBundle) {
        return certs(TestCertificates.DOMAIN, TestCertificates.CLIENT, certsDir, "ec-p256", 30, "example Inc.",
                caBundle, caBundle == null ? null : "team-ca", false, true);
    }

    public static ExposeWork expose(String kubeconfig, String credentialsId, String context, String domain, String namespace,
                             Consumer<KymaExposeMtlsStep> options, int readyTimeout, int verifyTimeout) {
        return new ExposeWork(exposeStep(credentialsId, context, domain, namespace, options, readyTimeout,
                verifyTimeout), Text.AS_TYPED, kubeconfig);
    }

    public static KymaExposeMtlsStep exposeStep(String credentialsId, String context, String domain, String namespace,
                                         Consumer<KymaExposeMtlsStep> options, int readyTimeout, int verifyTimeout) {
        KymaExposeMtlsStep step = new KymaExposeMtlsStep(credentialsId, domain, namespace);
        step.setContext(context);
        step.setReadyTimeout(readyTimeout);
        step.setVerifyTimeout(verifyTimeout);
        options.accept(step);
        return step;
    }

    public static EgressWork egress(String kubeconfig, String credentialsId, String context, String domain, String namespace,
                             Consumer<KymaEgressRouteStep> options, int readyTimeout, int verifyTimeout) {
        KymaEgressRouteStep step = new KymaEgressRouteStep(credentialsId, domain, namespace);
        step.setContext(context);
        step.setReadyTimeout(readyTimeout);
        step.setVerifyTimeout(verifyTimeout);
        options.accept(step);
        return new EgressWork(step, Text.AS_TYPED, kubeconfig);
    }

    public static LockWork lock(String kubeconfig, String credentialsId, String context, String namespace,
                         Consumer<KymaLockEgressStep> options, int readyTimeout, int verifyTimeout) {
        KymaLockEgressStep step = new KymaLockEgressStep(credentialsId, namespace);
        step.setContext(context);
        step.setReadyTimeout(readyTimeout);
        step.setVerifyTimeout(verifyTimeout);
        options.accept(step);
        return new LockWork(step, Text.AS_TYPED, kubeconfig);
    }

    public static CleanupWork cleanup(String kubeconfig, String credentialsId, String context, String namespace, String parts,
                               String secretName, String clientSecretName, int readyTimeout) {
        KymaMtlsCleanupStep step = new KymaMtlsCleanupStep(credentialsId, namespace);
        step.setContext(context);
        step.setParts(parts);
        step.setSecretName(secretName);
        step.setClientSecretName(clientSecretName);
        step.setReadyTimeout(readyTimeout);
        return new CleanupWork(step, Text.AS_TYPED, kubeconfig);
    }

    /** One cluster of the status step: its kubeconfig (null for none), its credential's id and context. */
    public record Cluster(String kubeconfig, String credentialsId, String context) {
    }

    public static StatusWork status(Cluster target, Cluster client, String secretName, String clientSecretName,
                             String namespace, String domain, int warnDays, String certsDir) {
        KymaMtlsStatusStep step = new KymaMtlsStatusStep();
        if (target != null) {
            step.setTargetCredentialsId(target.credentialsId());
            step.setTargetContext(target.context());
        }
        if (client != null) {
            step.setClientCredentialsId(client.credentialsId());
            step.setClientContext(client.context());
        }
        step.setSecretName(secretName);
        step.setClientSecretName(clientSecretName);
        step.setNamespace(namespace);
        step.setDomain(domain);
        step.setWarnDays(warnDays);
        step.setCertsDir(certsDir);
        return new StatusWork(step, Text.AS_TYPED, target == null ? null : target.kubeconfig(),
                client == null ? null : client.kubeconfig());
    }
}
