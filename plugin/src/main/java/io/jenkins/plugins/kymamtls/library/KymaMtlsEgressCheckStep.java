package io.jenkins.plugins.kymamtls.library;

import hudson.Extension;
import io.jenkins.plugins.kymamtls.flow.EgressFlowCheck;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.jenkinsci.plugins.workflow.steps.Step;
import org.jenkinsci.plugins.workflow.steps.StepContext;
import org.jenkinsci.plugins.workflow.steps.StepDescriptor;
import org.jenkinsci.plugins.workflow.steps.StepExecution;
import org.jenkinsci.plugins.workflow.steps.SynchronousNonBlockingStepExecution;
import org.kohsuke.stapler.DataBoundConstructor;

/**
 * {@code kymaMtlsEgressCheck(parameters: [...])}: the shared library's pre-check of the whole flow,
 * as a step, so that the library calls steps only and runs in the sandbox (an untrusted global or a
 * folder library rejects every call to a plugin class). Returns the one line naming what is wrong,
 * or null; it touches no cluster and no file.
 */
public final class KymaMtlsEgressCheckStep extends Step {

    private final Map<String, String> parameters;

    @DataBoundConstructor
    public KymaMtlsEgressCheckStep(Map<String, Object> parameters) {
        // As text: a GString stays no Groovy object, and the step holds nothing it cannot save.
        this.parameters = new LinkedHashMap<>();
        if (parameters != null) {
            parameters.forEach((name, value) -> this.parameters.put(String.valueOf(name),
                    value == null ? null : String.valueOf(value)));
        }
    }

    public Map<String, String> getParameters() {
        return parameters;
    }

    /** Null when the flow can run, otherwise the reason on one line. */
    public String problem() {
        return EgressFlowCheck.problem(parameters);
    }

    @Override
    public StepExecution start(StepContext context) {
        return new Execution(this, context);
    }

    static final class Execution extends SynchronousNonBlockingStepExecution<String> {

        private static final long serialVersionUID = 1L;

        private final transient KymaMtlsEgressCheckStep step;

        Execution(KymaMtlsEgressCheckStep step, StepContext context) {
            super(context);
            this.step = step;
        }

        @Override
        protected String run() {
            return step.problem();
        }
    }

    @Extension
    public static final class DescriptorImpl extends StepDescriptor {

        @Override
        public String getFunctionName() {
            return "kymaMtlsEgressCheck";
        }

        @Override
        public String getDisplayName() {
            return Messages.KymaMtlsEgressCheckStep_DisplayName();
        }

        /** The library calls it; the Snippet Generator lists it under the advanced steps. */
        @Override
        public boolean isAdvanced() {
            return true;
        }

        @Override
        public Set<? extends Class<?>> getRequiredContext() {
            return Set.of();
        }
    }
}
