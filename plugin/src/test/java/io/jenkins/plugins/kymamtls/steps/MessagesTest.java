package io.jenkins.plugins.kymamtls.steps;

import io.jenkins.plugins.kymamtls.testing.Features;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.ResourceBundle;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** What Jenkins shows users comes from the message bundle, as in Jenkins plugins, not from literals. */
class MessagesTest {

    private static final List<String> STEPS = List.of("KymaMtlsCertsStep", "KymaExposeMtlsStep", "KymaEgressRouteStep",
            "KymaLockEgressStep", "KymaMtlsCleanupStep");

    @Test
    void displayNamesOfStepsAndBuildStepsAreTheBundlesOwn() throws Exception {
        ResourceBundle bundle = ResourceBundle.getBundle("io.jenkins.plugins.kymamtls.steps.Messages");
        for (String step : STEPS) {
            String expected = bundle.getString(step + ".DisplayName");
            for (String type : List.of(step, step.replace("Step", "Builder"))) {
                Object descriptor = Class.forName(Features.type(type).getName() + "$DescriptorImpl")
                        .getDeclaredConstructor().newInstance();
                assertEquals(expected, descriptor.getClass().getMethod("getDisplayName").invoke(descriptor), type);
            }
        }
    }

    @Test
    void noFormVerdictOrDisplayNameIsALiteral() throws Exception {
        Pattern literal = Pattern.compile("FormValidation\\.(error|warning)\\(\"|getDisplayName\\(\\) \\{\\s+return \"");
        try (Stream<Path> sources = Files.walk(Path.of("src/main/java"))) {
            for (Path source : sources.filter(file -> file.toString().endsWith(".java")).toList()) {
                assertFalse(literal.matcher(Files.readString(source)).find(), source + " has a user-facing literal");
            }
        }
    }
}
