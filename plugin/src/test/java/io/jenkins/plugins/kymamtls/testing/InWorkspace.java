package io.jenkins.plugins.kymamtls.testing;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

/**
 * A test that runs steps' work in a workspace of its own, one level down in the test's folder (the
 * keys go to the workspace's @tmp sibling, which goes with that folder), and keeps what they log.
 */
public abstract class InWorkspace {

    /** The workspace's folder. */
    @TempDir
    protected Path builds;

    protected Path workspace;

    protected final List<String> log = new ArrayList<>();

    @BeforeEach
    void createWorkspace() {
        workspace = Workspaces.in(builds);
    }
}
