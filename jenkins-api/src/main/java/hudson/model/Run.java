package hudson.model;

import hudson.security.ACL;
import hudson.security.AccessControlled;
import jenkins.model.ArtifactManager;

public abstract class Run<JobT, RunT extends Run<JobT, RunT>> extends Actionable implements AccessControlled {
    Run() {
    }

    public final ArtifactManager getArtifactManager() {
        throw new UnsupportedOperationException("compile-only declaration");
    }

    public final ArtifactManager pickArtifactManager() throws java.io.IOException {
        throw new UnsupportedOperationException("compile-only declaration");
    }

    public RunT getPreviousBuild() {
        throw new UnsupportedOperationException("compile-only declaration");
    }

    public int getNumber() {
        throw new UnsupportedOperationException("compile-only declaration");
    }

    public String getExternalizableId() {
        throw new UnsupportedOperationException("compile-only declaration");
    }

    @Override
    public ACL getACL() {
        throw new UnsupportedOperationException("compile-only declaration");
    }
}
