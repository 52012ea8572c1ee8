package io.jenkins.plugins.kymamtls.certificates;

import io.jenkins.plugins.kymamtls.files.AtomicFiles;
import io.jenkins.plugins.kymamtls.input.InvalidInputException;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;

/**
 * Writes the set under the tutorial's file names, so commands copied from the tutorial work on
 * them: {@code egress.crt/key}, {@code <domain>.crt/key}, {@code <client>.crt/key}.
 */
public final class CertificateFiles {

    public static final String AUTHORITY_STEM = "egress";
    public static final String SUMMARY_FILE = "certificates.json";

    private CertificateFiles() {
    }

    /** A wildcard host gets a file name without '*', which shells would expand. */
    public static String fileStem(String dnsName) {
        return dnsName.startsWith("*.") ? "wildcard." + dnsName.substring(2) : dnsName;
    }

    public static Path certificateFile(Path directory, String dnsNameOrStem) {
        return directory.resolve(fileStem(dnsNameOrStem) + ".crt");
    }

    public static Path keyFile(Path directory, String dnsNameOrStem) {
        return directory.resolve(fileStem(dnsNameOrStem) + ".key");
    }

    /** Key files this request would write; checked before any work so a refusal leaves nothing behind. */
    static List<Path> keyFilesFor(CertificateRequest request) {
        Path dir = request.outputDirectory();
        List<Path> keys = new ArrayList<>();
        if (!request.hasSuppliedAuthority()) {
            keys.add(keyFile(dir, AUTHORITY_STEM));
        }
        keys.add(keyFile(dir, request.domain()));
        keys.add(keyFile(dir, request.client()));
        return keys;
    }

    /**
     * Writes every file of the set and returns their paths, certificates before keys. A set kept
     * from an earlier run is not written again; only its summary is, so it always matches the files.
     */
    static List<Path> write(CertificateRequest request, CertificateSet set, String summaryJson, boolean kept) {
        Path dir = request.outputDirectory();
        List<Path> written = new ArrayList<>();
        try {
            AtomicFiles.createPrivateDirectories(dir);
            written.add(writeCertificate(certificateFile(dir, AUTHORITY_STEM), set.authority(), kept));
            written.add(writeCertificate(certificateFile(dir, request.domain()), set.server(), kept));
            written.add(writeCertificate(certificateFile(dir, request.client()), set.client(), kept));
            if (set.authorityGenerated()) {
                written.add(writeKey(keyFile(dir, AUTHORITY_STEM), set.authority(), kept));
            }
            written.add(writeKey(keyFile(dir, request.domain()), set.server(), kept));
            written.add(writeKey(keyFile(dir, request.client()), set.client(), kept));
            Path summary = dir.resolve(SUMMARY_FILE);
            replace(summary, summaryJson.getBytes(StandardCharsets.UTF_8), false);
            written.add(summary);
            return written;
        } catch (IOException e) {
            throw new UncheckedIOException("Could not write the certificates to " + dir + ": " + e.getMessage(), e);
        }
    }

    private static Path writeCertificate(Path file, IssuedCertificate issued, boolean kept) throws IOException {
        if (!kept) {
            replace(file, pem(issued.certificate()), false);
        }
        return file;
    }

    private static Path writeKey(Path file, IssuedCertificate issued, boolean kept) throws IOException {
        if (!kept) {
            replace(file, pem(new JcaPKCS8Generator(issued.privateKey(), null)), true);
        }
        return file;
    }

    static byte[] pem(Object object) throws IOException {
        StringWriter text = new StringWriter();
        try (JcaPEMWriter writer = new JcaPEMWriter(text)) {
            writer.writeObject(object);
        }
        return text.toString().getBytes(StandardCharsets.US_ASCII);
    }

    private static void replace(Path target, byte[] content, boolean secret) throws IOException {
        AtomicFiles.write(target, content, secret);
    }
}
