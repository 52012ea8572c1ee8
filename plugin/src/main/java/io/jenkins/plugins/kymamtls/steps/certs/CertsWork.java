package io.jenkins.plugins.kymamtls.steps.certs;

import io.jenkins.plugins.kymamtls.work.StepWork;
import io.jenkins.plugins.kymamtls.work.Text;
import io.jenkins.plugins.kymamtls.work.Workspace;
import io.jenkins.plugins.kymamtls.certificates.CertificateEngine;
import io.jenkins.plugins.kymamtls.certificates.CertificateRequest;
import io.jenkins.plugins.kymamtls.certificates.CertificateResult;
import io.jenkins.plugins.kymamtls.certificates.CertificateSummary;
import io.jenkins.plugins.kymamtls.certificates.PemMaterial;
import io.jenkins.plugins.kymamtls.files.AtomicFiles;
import java.io.IOException;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Stream;

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
        CertificateRequest request(Workspace workspace, Text text, PemMaterial.Bundle authority);

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
    CertificateRequest request(Workspace workspace) {
        return spec.request(workspace, text, caBundle == null ? null
                : PemMaterial.splitBundle("caCredentialsId '" + caCredentialsId + "'", caBundle));
    }

    @Override
    protected Map<String, Object> perform(Path workspace, Consumer<String> log) {
        Workspace folder = workspace(workspace);
        CertificateRequest request = request(folder);
        settleKeys(request, log);
        CertificateResult result = new CertificateEngine().generate(request, log);
        Map<String, Object> values = new LinkedHashMap<>();
        values.put("certsDir", folder.relative(request.outputDirectory()));
        values.put("keysDir", folder.relative(request.keyDirectory()));
        values.put("reused", result.reused());
        values.put("renewed", result.renewed());
        values.put("files", result.files().stream().map(folder::relative).toList());
        values.put("publicFiles", result.publicFiles().stream().map(folder::relative).toList());
        values.put("keyFiles", result.keyFiles().stream().map(folder::relative).toList());
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

    /**
     * Before the engine looks at the set: keys kept apart from their certificates stay the set's.
     * Keys whose certificates folder is gone belong to no set (the workspace was cleaned; core may
     * delete its {@code @tmp} sibling with it, or may not): they go, as they went with the workspace
     * when they were kept in it, and the run makes a new set. A key found beside its certificate (an
     * earlier version kept them there) moves out of the workspace.
     */
    static void settleKeys(CertificateRequest request, Consumer<String> log) {
        Path certificates = request.outputDirectory();
        Path keys = request.keyDirectory();
        if (keys.equals(certificates)) {
            return;
        }
        try {
            if (Files.exists(certificates)) {
                moveKeysOut(certificates, keys, log);
            } else if (Files.isDirectory(keys)) {
                AtomicFiles.deleteTree(keys);
                log.accept("removed the keys left in " + keys + ": their certificates folder " + certificates
                        + " is gone");
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Could not settle the keys in " + keys + ": " + e.getMessage(), e);
        }
    }

    /** Keys beside their certificate, and not in the keys folder yet, move there. */
    private static void moveKeysOut(Path certificates, Path keys, Consumer<String> log) throws IOException {
        List<String> moved = new ArrayList<>();
        try (Stream<Path> files = Files.list(certificates)) {
            for (Path key : files.filter(file -> file.getFileName().toString().endsWith(".key")).sorted().toList()) {
                String name = key.getFileName().toString();
                Path certificate = certificates.resolve(name.substring(0, name.length() - ".key".length()) + ".crt");
                if (Files.isRegularFile(key) && Files.isRegularFile(certificate) && !Files.exists(keys.resolve(name))) {
                    AtomicFiles.createPrivateDirectories(keys);
                    Files.move(key, keys.resolve(name));
                    moved.add(name);
                }
            }
        }
        if (!moved.isEmpty()) {
            log.accept("moved " + String.join(", ", moved) + " out of the workspace to " + keys
                    + ", where the workspace browser does not serve them");
        }
    }

    @Override
    public String toString() {
        return spec.describe(text);
    }
}
