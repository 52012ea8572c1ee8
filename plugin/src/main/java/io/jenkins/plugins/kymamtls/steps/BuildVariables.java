package io.jenkins.plugins.kymamtls.steps;

import hudson.EnvVars;
import io.jenkins.plugins.kymamtls.work.Text;

/**
 * A freestyle build's text fields with the build's variables expanded ({@code ${BUILD_NUMBER}},
 * {@code $NAMESPACE}, parameters), as Jenkins' own build steps expand theirs (EnvVars.expand). The
 * step, which the job saves, keeps the text as the user wrote it.
 */
final class BuildVariables implements Text {

    private static final long serialVersionUID = 1L;

    /** The build's environment; it travels to the agent with the work and is never printed. */
    private final EnvVars env;

    BuildVariables(EnvVars env) {
        this.env = env;
    }

    @Override
    public String of(String typed) {
        return typed == null ? null : env.expand(typed);
    }
}
