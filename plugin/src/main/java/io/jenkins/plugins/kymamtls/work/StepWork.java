package io.jenkins.plugins.kymamtls.work;

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

    /** The step's folder with the build's environment, which says where the workspace keeps its temporary files. */
    protected final Workspace workspace(Path path) {
        return Workspace.of(path, environment());
    }
}
