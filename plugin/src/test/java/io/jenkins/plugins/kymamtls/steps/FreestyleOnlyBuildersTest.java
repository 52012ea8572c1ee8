package io.jenkins.plugins.kymamtls.steps;

import io.jenkins.plugins.kymamtls.testing.Features;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import hudson.Launcher;
import hudson.model.AbstractBuild;
import hudson.model.BuildListener;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * C1: the six build steps are freestyle only. workflow-basic-steps' CoreStep.DescriptorImpl
 * .getApplicableDescriptors (l.139-153) offers every Builder descriptor whose class is a
 * jenkins.tasks.SimpleBuildStep as Pipeline {@code step([$class: ...])}, a second name for each of our
 * steps that, unlike the step, would expand {@code $...} through the Pipeline's environment. A builder
 * that is no SimpleBuildStep runs through BuildStep.perform(AbstractBuild, Launcher, BuildListener),
 * which only an AbstractBuild (freestyle, matrix) calls: core Build.BuildExecution.build runs each
 * builder through AbstractBuild.AbstractBuildExecution.perform(BuildStep, BuildListener), which calls
 * BuildStepMonitor.perform and so bs.perform(build, launcher, listener).
 */
class FreestyleOnlyBuildersTest {

    @ParameterizedTest
    @ValueSource(strings = {"KymaMtlsCertsBuilder", "KymaExposeMtlsBuilder", "KymaEgressRouteBuilder",
        "KymaLockEgressBuilder", "KymaMtlsCleanupBuilder", "KymaMtlsStatusBuilder"})
    void noBuilderIsASimpleBuildStepAndEachRunsAsAFreestyleBuildStep(String name) throws Exception {
        Class<?> builder = Features.type(name);
        assertFalse(interfaces(builder).contains("jenkins.tasks.SimpleBuildStep"), name + " " + interfaces(builder));
        assertEquals(KymaBuilder.class, builder.getMethod("perform", AbstractBuild.class, Launcher.class,
                BuildListener.class).getDeclaringClass(), name + " runs through KymaBuilder.perform(AbstractBuild, ...)");
        assertTrue(KymaStep.class.isAssignableFrom(builder.getMethod("getStep").getReturnType()), name);
    }

    private static List<String> interfaces(Class<?> type) {
        List<String> names = new ArrayList<>();
        for (Class<?> current = type; current != null; current = current.getSuperclass()) {
            for (Class<?> implemented : current.getInterfaces()) {
                names.add(implemented.getName());
                names.addAll(interfaces(implemented));
            }
        }
        return names;
    }
}
