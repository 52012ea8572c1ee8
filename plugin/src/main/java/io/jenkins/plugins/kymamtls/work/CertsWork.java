package io.jenkins.plugins.kymamtls.work;

import io.jenkins.plugins.kymamtls.certificates.CertificateEngine;
import io.jenkins.plugins.kymamtls.certificates.CertificateRequest;
import io.jenkins.plugins.kymamtls.certificates.CertificateResult;
import io.jenkins.plugins.kymamtls.certificates.CertificateSummary;
import io.jenkins.plugins.kymamtls.certificates.PemMaterial;
import java.io.Serializable;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/** {@code kymaMtlsCerts}: the certificate engine writing into a folder of the workspace. */
public final class CertsWork extends StepWork {

    private static final long serialVersionUID = 1L;

    /** What kymaMtlsCerts maps its fields to: the engine's request. */
    public interface Spec extends Serializable {

        /**
         * The engine's request, writing into the workspace; checked.
         *
         * @param authority the CA from {@code caCredentialsId}, or null to keep or make one in the folder
         */
        CertificateRequest request(Path workspace, Text text, PemMaterial.Bundle authority);

        /** The line the build log starts the step with. */
        String describe(Text text);
    }

    private final Spec spec;
    private final Text text;
    /** CA certificate and key in one PEM text, from a credential; travels to the agent, never printed. */
    private final String caBundle;
    private final String caCredentialsId;

    /** @param caBundle the CA credential's PEM text (certificate and key), or null */
    public CertsWork(Spec spec, Text text, String caBundle, String caCredentialsId) {
        this.spec = spec;
        this.text = text;
        this.caBundle = caBundle;
        this.caCredentialsId = caCredentialsId;
    }

    @Override
    public String functionName() {
        return "kymaMtlsCerts";
    }

    /** Checks every value before anything is written; the same checks the build step form runs. */
    CertificateRequest request(Path workspace) {
        return spec.request(workspace, text, caBundle == null ? null
                : PemMaterial.splitBundle("caCredentialsId '" + caCredentialsId + "'", caBundle));
    }

    @Override
    protected Map<String, Object> perform(Path workspace, Consumer<String> log) {
        CertificateRequest request = request(workspace);
        CertificateResult result = new CertificateEngine().generate(request, log);
        Map<String, Object> values = new LinkedHashMap<>();
        values.put("certsDir", relative(workspace, request.outputDirectory()));
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
        return spec.describe(text);
    }
}
