package io.jenkins.plugins.kymamtls.work;

import io.jenkins.plugins.kymamtls.certificates.CertificateEngine;
import io.jenkins.plugins.kymamtls.certificates.CertificateRequest;
import io.jenkins.plugins.kymamtls.certificates.CertificateResult;
import io.jenkins.plugins.kymamtls.certificates.CertificateSummary;
import io.jenkins.plugins.kymamtls.certificates.KeyAlgorithm;
import io.jenkins.plugins.kymamtls.certificates.PemMaterial;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/** {@code kymaMtlsCerts}: the certificate engine writing into a folder of the workspace. */
public final class CertsWork extends StepWork {

    private static final long serialVersionUID = 1L;

    private final String domain;
    private final String client;
    private final String certsDir;
    private final String keyAlgorithm;
    private final int days;
    private final String org;
    /** CA certificate and key in one PEM text, from a credential; travels to the agent, never printed. */
    private final String caBundle;
    private final String caCredentialsId;
    private final boolean force;
    private final boolean selfTest;
    private final Lifetime lifetime;

    /**
     * How long the CA lives and what of a kept set to renew.
     *
     * @param renewBefore leaves ending within this many days are re-issued; 0: off
     */
    public record Lifetime(int caDays, int renewBefore, boolean renew, boolean renewCa, String rotateCa)
            implements java.io.Serializable {
        public static final Lifetime DEFAULT = new Lifetime(CertificateRequest.DEFAULT_CA_DAYS, 0, false, false, null);
    }

    public CertsWork(String domain, String client, String certsDir, String keyAlgorithm, int days, String org,
                     String caBundle, String caCredentialsId, boolean force, boolean selfTest) {
        this(domain, client, certsDir, keyAlgorithm, days, org, caBundle, caCredentialsId, force, selfTest,
                Lifetime.DEFAULT);
    }

    public CertsWork(String domain, String client, String certsDir, String keyAlgorithm, int days, String org,
                     String caBundle, String caCredentialsId, boolean force, boolean selfTest, Lifetime lifetime) {
        this.lifetime = lifetime;
        this.domain = domain;
        this.client = client;
        this.certsDir = certsDir;
        this.keyAlgorithm = keyAlgorithm;
        this.days = days;
        this.org = org;
        this.caBundle = caBundle;
        this.caCredentialsId = caCredentialsId;
        this.force = force;
        this.selfTest = selfTest;
    }

    @Override
    public String functionName() {
        return "kymaMtlsCerts";
    }

    /** Checks every value before anything is written; the same checks the build step form runs. */
    CertificateRequest request(Path workspace) {
        CertificateRequest.Builder builder = CertificateRequest.builder(domain, client)
                .keyAlgorithm(KeyAlgorithm.parse("keyAlgorithm", keyAlgorithm))
                .days(days)
                .caDays(lifetime.caDays())
                .renewBefore(lifetime.renewBefore())
                .renew(lifetime.renew())
                .renewCa(lifetime.renewCa())
                .rotateCa(io.jenkins.plugins.kymamtls.certificates.CertificateRotation.Phase.parse("rotateCa",
                        lifetime.rotateCa()))
                .organization(org)
                .outputDirectory(inside(workspace, "certsDir", certsDir))
                .force(force)
                .selfTest(selfTest);
        if (caBundle != null) {
            PemMaterial.Bundle bundle = PemMaterial.splitBundle("caCredentialsId '" + caCredentialsId + "'", caBundle);
            builder.authority(bundle.certificatePem(), bundle.keyPem());
        }
        return builder.build();
    }

    @Override
    protected Map<String, Object> perform(Path workspace, Consumer<String> log) {
        CertificateResult result = new CertificateEngine().generate(request(workspace), log);
        Map<String, Object> values = new LinkedHashMap<>();
        values.put("certsDir", relative(workspace, inside(workspace, "certsDir", certsDir)));
        values.put("reused", result.reused());
        values.put("renewed", result.renewed());
        values.put("files", result.files().stream().map(file -> relative(workspace, file)).toList());
        values.put("publicFiles", result.publicFiles().stream().map(file -> relative(workspace, file)).toList());
        values.put("keyFiles", result.keyFiles().stream().map(file -> relative(workspace, file)).toList());
        List<Map<String, Object>> certificates = new ArrayList<>();
        for (CertificateSummary summary : result.certificates()) {
            Map<String, Object> certificate = new LinkedHashMap<>();
            certificate.put("role", summary.role());
            certificate.put("file", summary.file());
            certificate.put("subject", summary.subject());
            certificate.put("dnsNames", summary.dnsNames());
            certificate.put("serial", summary.serial());
            certificate.put("sha256Fingerprint", summary.sha256Fingerprint());
            certificate.put("notBefore", summary.notBefore());
            certificate.put("notAfter", summary.notAfter());
            certificate.put("keyAlgorithm", summary.keyAlgorithm());
            certificates.add(certificate);
        }
        values.put("certificates", certificates);
        values.put("selfTest", result.selfTest().stream().map(outcome -> outcome.check()).toList());
        for (CertificateSummary summary : result.certificates()) {
            log.accept(summary.describe());
        }
        return values;
    }

    @Override
    public String toString() {
        return functionName() + " for " + domain + " and " + client + " in " + certsDir;
    }
}
