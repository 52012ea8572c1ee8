package io.jenkins.plugins.kymamtls.work;

import io.jenkins.plugins.kymamtls.input.InvalidInputException;
import java.io.Serializable;
import java.nio.file.Path;
import java.util.Map;
import java.util.function.Consumer;

/**
 * What one step does, as plain values that travel to the agent holding the workspace; the same
 * for the pipeline step and the freestyle build step. No Jenkins type appears here, so every
 * unit of work is tested without Jenkins.
 */
public abstract class StepWork implements Serializable {

    private static final long serialVersionUID = 1L;

    /** Runs on the agent; returns plain values a Jenkinsfile can use. */
    public abstract Map<String, Object> run(Path workspace, Consumer<String> log);

    /** The step's own name, for messages: {@code kymaMtlsCerts}. */
    public abstract String functionName();

    /** A folder inside the workspace; absolute paths and '..' would write outside it. */
    static Path inside(Path workspace, String field, String relative) {
        return inside(workspace, field, relative, "a folder relative to the workspace, e.g. mtls");
    }

    /** An optional file inside the workspace; null when not given. */
    static Path file(Path workspace, String field, String relative) {
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
    static String relative(Path workspace, Path file) {
        return workspace.normalize().relativize(file.normalize()).toString().replace('\\', '/');
    }
}
