package hudson.model;

public abstract class AbstractBuild<P extends AbstractProject<P, R>, R extends AbstractBuild<P, R>> extends Run<P, R> {
    private AbstractBuild() {
        throw new UnsupportedOperationException("compile-only declaration");
    }
}
