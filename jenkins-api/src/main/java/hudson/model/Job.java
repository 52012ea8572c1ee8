package hudson.model;

public abstract class Job<JobT extends Job<JobT, RunT>, RunT extends Run<JobT, RunT>> extends Actionable {
    private Job() {
        throw new UnsupportedOperationException("compile-only declaration");
    }

    public RunT getLastCompletedBuild() {
        throw new UnsupportedOperationException("compile-only declaration");
    }
}
