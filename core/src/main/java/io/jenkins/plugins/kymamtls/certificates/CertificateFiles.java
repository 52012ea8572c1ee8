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
import java.util.Set;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;

/**
 * Writes the set under the tutorial's file names, so commands copied from the tutorial work on
 * them: {@code egress.crt/key}, {@code <domain>.crt/key}, {@code <client>.crt/key}.
 */
public final class CertificateFiles {

    public static final String AUTHORITY_STEM = "egress";
    public static final String SUMMARY_FILE = "certificates.json";
    /** The CA a rotation brings in, beside the current one until the rotation finishes. */
    public static final String NEXT_AUTHORITY_STEM = "egress-next";
    /** The current and the next CA in one file, which both gateways trust while a CA is rotated. */
    public static final String TRUST_BUNDLE_FILE = "trust-bundle.crt";

    private CertificateFiles() {
    }

    /** A wildcard host gets a file name without '*', which shells would expand. */
    public static String fileStem(String dnsName) {
        return dnsName.startsWith("*.") ? "wildcard." + dnsName.substring(2) : dnsName;
    }

    public static Path certificateFile(Path directory, String dnsNameOrStem) {
        return directory.resolve(fileStem(dnsNameOrStem) + ".crt");
    }

    /**
     * The CA file a cluster step puts into its Secret: the trust bundle while a CA rotation is under
     * way in this folder, the CA otherwise.
     */
    public static Path trustFile(Path directory) {
        Path bundle = directory.resolve(TRUST_BUNDLE_FILE);
        return Files.isRegularFile(bundle) ? bundle : certificateFile(directory, AUTHORITY_STEM);
    }

    public static Path keyFile(Path directory, String dnsNameOrStem) {
        return directory.resolve(fileStem(dnsNameOrStem) + ".key");
    }

    /** Key files this request would write; checked before any work so a refusal leaves nothing behind. */
    static List<Path> keyFilesFor(CertificateRequest request) {
        CertificateFolder folder = request.folder();
        List<Path> keys = new ArrayList<>();
        if (!request.hasSuppliedAuthority()) {
            keys.add(folder.keyFile(AUTHORITY_STEM));
        }
        keys.add(folder.keyFile(request.domain()));
        keys.add(folder.keyFile(request.client()));
        return keys;
    }

    /** One file of the set: where, for which role, and whether it holds the key. */
    private record SetFile(Path path, String role, IssuedCertificate issued, boolean key) {
    }

    /** The set's files, certificates before keys; a supplied CA has no key file here. */
    private static List<SetFile> layout(CertificateRequest request, CertificateSet set) {
        CertificateFolder folder = request.folder();
        List<SetFile> files = new ArrayList<>(List.of(
                new SetFile(folder.certificateFile(AUTHORITY_STEM), "ca", set.authority(), false),
                new SetFile(folder.certificateFile(request.domain()), "server", set.server(), false),
                new SetFile(folder.certificateFile(request.client()), "client", set.client(), false)));
        if (set.authorityGenerated()) {
            files.add(new SetFile(folder.keyFile(AUTHORITY_STEM), "ca", set.authority(), true));
        }
        files.add(new SetFile(folder.keyFile(request.domain()), "server", set.server(), true));
        files.add(new SetFile(folder.keyFile(request.client()), "client", set.client(), true));
        return files;
    }

    /** The files that writing these roles replaces: certificate and key of each (a re-issued CA's key is the same). */
    static List<Path> filesOf(CertificateRequest request, CertificateSet set, Set<String> roles) {
        return layout(request, set).stream().filter(file -> roles.contains(file.role())).map(SetFile::path).toList();
    }

    /**
     * Writes the files of the given roles and the summary, and returns the paths of every file of
     * the set, certificates before keys. Files of other roles are an earlier run's and stay as they
     * are; the summary is always written, so it matches the files.
     */
    static List<Path> write(CertificateRequest request, CertificateSet set, String summaryJson, Set<String> roles) {
        Path dir = request.outputDirectory();
        List<Path> written = new ArrayList<>();
        try {
            AtomicFiles.createPrivateDirectories(dir);
            AtomicFiles.createPrivateDirectories(request.keyDirectory());
            List<Path> replaced = filesOf(request, set, roles);
            for (SetFile file : layout(request, set)) {
                if (replaced.contains(file.path())) {
                    replace(file.path(), file.key() ? pem(new JcaPKCS8Generator(file.issued().privateKey(), null))
                            : pem(file.issued().certificate()), file.key());
                }
                written.add(file.path());
            }
            Path summary = dir.resolve(SUMMARY_FILE);
            replace(summary, summaryJson.getBytes(StandardCharsets.UTF_8), false);
            written.add(summary);
            return written;
        } catch (IOException e) {
            throw new UncheckedIOException("Could not write the certificates to " + dir + ": " + e.getMessage(), e);
        }
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
