package io.jenkins.plugins.kymamtls.steps;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import hudson.model.TaskListener;
import io.jenkins.plugins.kymamtls.work.StepWork;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The agent side of every step. On an agent the build log's stream is buffered and emptied on a
 * timer (jenkinsci/workflow-api-plugin BufferedBuildListener, DelayBufferedOutputStream: 64 KiB,
 * flushed every 1 to 10 s, "does not set autoflush"); Jenkins expects a callable to flush what it
 * wrote before it returns (jenkinsci/jenkins PR 3961, workflow-api PR 83). Without the flush a step's
 * last lines came after the next step's, or never (seen on a real inbound agent).
 */
class AgentWorkTest {

    @TempDir
    Path workspace;

    /** The log as the listener holds it, and where flushes fell between its lines. */
    static final class RecordingLog extends PrintStream {
        final List<String> events = new ArrayList<>();
        private final ByteArrayOutputStream bytes;

        RecordingLog() {
            this(new ByteArrayOutputStream());
        }

        private RecordingLog(ByteArrayOutputStream bytes) {
            super(bytes, false, StandardCharsets.UTF_8);
            this.bytes = bytes;
        }

        @Override
        public void println(String line) {
            super.println(line);
            events.add("line: " + line);
        }

        @Override
        public void flush() {
            super.flush();
            events.add("flush");
        }

        String text() {
            return bytes.toString(StandardCharsets.UTF_8);
        }
    }

    /** A step's work that logs, then ends as told. */
    static final class Work extends StepWork {
        private static final long serialVersionUID = 1L;
        private final transient Runnable end;

        Work(Runnable end) {
            this.end = end;
        }

        @Override
        protected Map<String, Object> perform(Path workspace, Consumer<String> log) {
            log.accept("wrote mtls/egress.crt");
            log.accept("verified: HTTP 200");
            end.run();
            return Map.of("done", true);
        }

        @Override
        public String functionName() {
            return "kymaTest";
        }

        @Override
        public String toString() {
            return "kymaTest";
        }
    }

    private static TaskListener listener(RecordingLog log) {
        return () -> log;
    }

    @Test
    void theLogIsFlushedAfterTheLastLineWhenTheWorkSucceeds() throws Exception {
        RecordingLog log = new RecordingLog();
        AgentWork.Outcome outcome = new AgentWork(new Work(() -> { }), listener(log)).attempt(workspace.toFile());
        assertEquals(true, outcome.result().get("done"));
        assertEquals(List.of("line: [kyma-mtls] wrote mtls/egress.crt", "line: [kyma-mtls] verified: HTTP 200", "flush"),
                log.events);
    }

    @Test
    void theLogIsFlushedBeforeTheFailureLineLeavesTheAgent() {
        RecordingLog log = new RecordingLog();
        AgentWork.Outcome failed = new AgentWork(new Work(() -> {
            throw new IllegalStateException("boom");
        }), listener(log)).attempt(workspace.toFile());
        assertEquals("[kyma-mtls] kymaTest: IllegalStateException: boom", failed.failure());
        assertEquals("flush", log.events.get(log.events.size() - 1));
    }

    /** C4: an Error on the agent (a class remote loading could not define, memory) ends in one line too. */
    @Test
    void anErrorOnTheAgentEndsTheBuildWithOneLineAndNoTrace() {
        RecordingLog log = new RecordingLog();
        AgentWork.Outcome failed = new AgentWork(new Work(() -> {
            throw new NoClassDefFoundError("io/fabric8/kubernetes/client/KubernetesClientBuilder");
        }), listener(log)).attempt(new File(workspace.toString()));
        assertEquals("[kyma-mtls] kymaTest: NoClassDefFoundError: io/fabric8/kubernetes/client/KubernetesClientBuilder",
                failed.failure());
        assertTrue(!log.text().contains("\tat "), log.text());
        assertEquals("flush", log.events.get(log.events.size() - 1));
    }
}
