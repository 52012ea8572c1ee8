package io.jenkins.plugins.kymamtls.work;

import io.jenkins.plugins.kymamtls.certificates.CertificateFolder;
import io.jenkins.plugins.kymamtls.input.InvalidInputException;
import java.nio.file.Path;
import java.util.Map;

/**
 * The folder a step runs in on the agent (the node's workspace, or a {@code dir} inside it), which
 * its folder and file fields are relative to, and where {@code kymaMtlsCerts} keeps the keys: in the
 * workspace's temporary folder, which the workspace browser does not serve.
 *
 * @param path the step's folder
 * @param base the workspace the certificates folders' paths are taken relative to
 * @param keysRoot where the keys of each certificates folder are kept, under that relative path
 */
public record Workspace(Path path, Path base, Path keysRoot) {

    /** Our folder in the workspace's temporary folder. */
    static final String KEYS_FOLDER = "kyma-mtls-keys";

    /**
     * The step's folder, and the build's {@code WORKSPACE} and {@code WORKSPACE_TMP}: core's
     * AbstractBuild.getEnvironment (2.479.3 l.960-963) and workflow-durable-task-step's {@code node}
     * (ExecutorStepExecution, {@code env.put("WORKSPACE_TMP", WorkspaceList.tempDir(workspace)...)},
     * JENKINS-60634) set both; {@code dir} changes the step's folder, not them. The keys then stay out
     * of the workspace in a {@code dir} block too. Without them (or for a folder outside that
     * workspace) the step's own folder is the workspace and its temporary folder is core's rule for
     * it, WorkspaceList.tempDir ({@code ws.sibling(ws.getName() + "@tmp")}, 2.479.3 l.312-327).
     */
    public static Workspace of(Path path, Map<String, String> environment) {
        Path folder = path.toAbsolutePath().normalize();
        String workspace = environment.get("WORKSPACE");
        String temporary = environment.get("WORKSPACE_TMP");
        if (workspace != null && temporary != null && !workspace.isBlank() && !temporary.isBlank()) {
            Path root = Path.of(workspace).toAbsolutePath().normalize();
            if (folder.startsWith(root)) {
                return new Workspace(folder, root, Path.of(temporary).toAbsolutePath().normalize().resolve(KEYS_FOLDER));
            }
        }
        return new Workspace(folder, folder, folder.resolveSibling(folder.getFileName() + "@tmp").resolve(KEYS_FOLDER));
    }

    /** A folder on its own, without a build's environment. */
    public static Workspace of(Path path) {
        return of(path, Map.of());
    }

    /** A folder inside the step's folder; absolute paths and '..' would write outside it. */
    public Path inside(String field, String relative) {
        return inside(field, relative, "a folder relative to the workspace, e.g. mtls");
    }

    /** An optional file inside the step's folder; null when not given. */
    public Path file(String field, String relative) {
        return relative == null || relative.isBlank() ? null
                : inside(field, relative, "a file relative to the workspace, e.g. certs/ca.crt");
    }

    /** A certificates folder and the folder that keeps its keys: the same path under {@link #keysRoot}. */
    public CertificateFolder certificates(String field, String relative) {
        Path certificates = inside(field, relative);
        return new CertificateFolder(certificates, keysRoot.resolve(base.relativize(certificates)).normalize());
    }

    /** Paths in results are relative to the step's folder, as archiving and later steps use them. */
    public String relative(Path file) {
        return path.relativize(file.toAbsolutePath().normalize()).toString().replace('\\', '/');
    }

    private Path inside(String field, String relative, String form) {
        if (relative == null || relative.isBlank()) {
            throw new InvalidInputException(field, relative, form);
        }
        Path resolved = path.resolve(relative).normalize();
        if (Path.of(relative).isAbsolute() || !resolved.startsWith(path)) {
            throw new InvalidInputException(field, relative, form);
        }
        return resolved;
    }
}
