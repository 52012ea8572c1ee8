package io.jenkins.plugins.kymamtls.work;

import io.jenkins.plugins.kymamtls.certificates.CertificateFolder;
import io.jenkins.plugins.kymamtls.certificates.SelfTestFailedException;
import io.jenkins.plugins.kymamtls.cluster.ClusterFailure;
import io.jenkins.plugins.kymamtls.input.InvalidInputException;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * What one step does, as plain values that travel to the agent holding the workspace; the same
 * for the pipeline step and the freestyle build step. No Jenkins type appears here, so every
 * unit of work is tested without Jenkins.
 */
public abstract class StepWork implements Serializable {

    private static final long serialVersionUID = 1L;

    /** The build's environment, for exec credential plugins; never printed. */
    private TreeMap<String, String> environment = new TreeMap<>();

    /** The build's environment, which an exec credential plugin named in a kubeconfig runs with. */
    public final void environment(Map<String, String> env) {
        this.environment = env == null ? new TreeMap<>() : new TreeMap<>(env);
    }

    protected final Map<String, String> environment() {
        return environment == null ? Map.of() : environment;
    }

    /**
     * Runs on the agent; returns plain values a Jenkinsfile can use, in lists and maps it may
     * change ({@code certs.files << 'x'}).
     */
    public final Map<String, Object> run(Path workspace, Consumer<String> log) {
        @SuppressWarnings("unchecked")
        Map<String, Object> values = (Map<String, Object>) mutable(perform(workspace, log));
        return values;
    }

    /** The step's work; its result may hold immutable collections. */
    protected abstract Map<String, Object> perform(Path workspace, Consumer<String> log);

    private static Object mutable(Object value) {
        if (value instanceof Map<?, ?> map) {
            Map<String, Object> copy = new LinkedHashMap<>();
            map.forEach((key, item) -> copy.put(String.valueOf(key), mutable(item)));
            return copy;
        }
        if (value instanceof Collection<?> collection) {
            List<Object> copy = new ArrayList<>();
            collection.forEach(item -> copy.add(mutable(item)));
            return copy;
        }
        return value;
    }

    /** Set to true (on the agent) to have a failed step print its stack trace to the build log. */
    public static final String VERBOSE_PROPERTY = "io.jenkins.plugins.kymamtls.verbose";

    /**
     * The line a failure ends the build with: the step and the reason, never a stack trace. Our own
     * failures carry their reason (and their diagnostics, if any); anything else is named by its
     * type and message on one line.
     */
    public String failureLine(Throwable failure) {
        String message = failure.getMessage();
        boolean ours = failure instanceof InvalidInputException || failure instanceof ClusterFailure
                || failure instanceof SelfTestFailedException || failure instanceof UncheckedIOException;
        if (message == null || message.isBlank()) {
            return functionName() + ": " + failure.getClass().getSimpleName();
        }
        // Our messages may go on with diagnostics lines (status, conditions, events); others get one line.
        return functionName() + ": " + (ours ? message.strip()
                : failure.getClass().getSimpleName() + ": " + message.strip().replace('\n', ' '));
    }

    /** The step's own name, for messages: {@code kymaMtlsCerts}. */
    public abstract String functionName();

    /** A folder inside the workspace; absolute paths and '..' would write outside it. */
    public static Path inside(Path workspace, String field, String relative) {
        return inside(workspace, field, relative, "a folder relative to the workspace, e.g. mtls");
    }

    /**
     * The folder in the workspace's {@code @tmp} sibling that keeps the keys of the certificates
     * folders: the workspace browser serves the workspace, not its siblings. It is core's
     * {@code WorkspaceList.tempDir} ({@code ws.sibling(ws.getName() + "@tmp")}), the folder
     * credentials-binding keeps secret files in; the agent has no Jenkins class to ask, so the rule
     * is written here with core's default separator.
     */
    public static Path keysRoot(Path workspace) {
        Path normal = workspace.toAbsolutePath().normalize();
        return normal.resolveSibling(normal.getFileName() + TMP_SUFFIX).resolve(KEYS_FOLDER);
    }

    /** Core's {@code WorkspaceList.TMP_DIR_SUFFIX} with the default separator. */
    static final String TMP_SUFFIX = "@tmp";
    /** Our folder in the workspace's temporary sibling; certificates folders map into it by their path. */
    static final String KEYS_FOLDER = "kyma-mtls-keys";

    /**
     * A certificates folder of the workspace and the folder that keeps its keys: the same relative
     * path under {@link #keysRoot}.
     */
    public static CertificateFolder certificates(Path workspace, String field, String relative) {
        Path certificates = inside(workspace, field, relative);
        Path normal = workspace.toAbsolutePath().normalize();
        return new CertificateFolder(certificates,
                keysRoot(workspace).resolve(normal.relativize(certificates.toAbsolutePath().normalize())).normalize());
    }

    /** An optional file inside the workspace; null when not given. */
    public static Path file(Path workspace, String field, String relative) {
        return relative == null || relative.isBlank() ? null
                : inside(workspace, field, relative, "a file relative to the workspace, e.g. certs/ca.crt");
    }

    private static Path inside(Path workspace, String field, String relative, String form) {
        if (relative == null || relative.isBlank()) {
            throw new InvalidInputException(field, relative, form);
        }
        Path resolved = workspace.resolve(relative).normalize();
        if (Path.of(relative).isAbsolute() || !resolved.startsWith(workspace.normalize())) {
            throw new InvalidInputException(field, relative, form);
        }
        return resolved;
    }

    /** Paths in results are relative to the workspace, as archiving and later steps use them. */
    protected static String relative(Path workspace, Path file) {
        return workspace.normalize().relativize(file.normalize()).toString().replace('\\', '/');
    }
}
