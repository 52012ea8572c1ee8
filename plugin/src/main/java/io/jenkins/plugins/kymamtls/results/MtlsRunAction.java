package io.jenkins.plugins.kymamtls.results;

import hudson.model.Action;
import hudson.model.Run;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What the plugin's steps established in one build: one section per step call (several calls in one
 * build, parallel branches for several namespaces say, each get their own), a summary box on the
 * build page (workflow-job WorkflowRun/index.jelly, like core's build page, includes each action's
 * summary.jelly with it="${a}") and a page of its own. Saved with the build, so it survives a restart; a build made
 * before it existed simply has none.
 */
public final class MtlsRunAction implements Action {

    private List<Section> sections = new ArrayList<>();

    /** Adds what a step call returned to its build's action, made on first use. */
    public static void record(Run<?, ?> run, String step, String title, Map<String, Object> result, int warnDays) {
        Section section = Section.of(step, title, result, warnDays);
        // Parallel branches finish their steps on several threads: one action per build, sections in order.
        synchronized (run) {
            MtlsRunAction action = run.getAction(MtlsRunAction.class);
            if (action == null) {
                action = new MtlsRunAction();
                run.addAction(action);
            }
            action.add(section);
        }
    }

    synchronized void add(Section section) {
        if (sections == null) {
            sections = new ArrayList<>();
        }
        sections.add(section);
    }

    public synchronized List<Section> getSections() {
        return sections == null ? List.of() : List.copyOf(sections);
    }

    /** The build page's one line, e.g. "server certificate httpbin.example.com expires in 364 days · egress verified HTTP 200 · lock proven". */
    public String getSummary() {
        List<String> parts = getSections().stream().map(Section::summary).filter(Objects::nonNull).toList();
        return parts.isEmpty() ? "no step reported" : String.join(" · ", parts);
    }

    /** The latest status section, for the job page's health; null when the build ran no status step. */
    public Section getStatus() {
        Section status = null;
        for (Section section : getSections()) {
            if ("kymaMtlsStatus".equals(section.getStep())) {
                status = section;
            }
        }
        return status;
    }

    @Override
    public String getIconFileName() {
        return "document.png";
    }

    @Override
    public String getDisplayName() {
        return Messages.MtlsRunAction_DisplayName();
    }

    @Override
    public String getUrlName() {
        return "kyma-mtls";
    }
}
