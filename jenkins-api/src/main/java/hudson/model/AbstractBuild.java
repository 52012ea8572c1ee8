package hudson.model;

import hudson.EnvVars;
import hudson.FilePath;
import java.io.IOException;

public abstract class AbstractBuild<P extends AbstractProject<P, R>, R extends AbstractBuild<P, R>> extends Run<P, R> {
    private AbstractBuild() {
        throw new UnsupportedOperationException("compile-only declaration");
    }

    public final FilePath getWorkspace() {
        throw new UnsupportedOperationException("compile-only declaration");
    }

    public EnvVars getEnvironment(TaskListener listener) throws IOException, InterruptedException {
        throw new UnsupportedOperationException("compile-only declaration");
    }
}
