package io.jenkins.plugins.kymamtls.files;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AtomicFilesTest {

    @TempDir
    Path dir;

    @Test
    void deleteTreeRemovesAFolderWithEverythingInItAndLeavesItsNeighbours() throws Exception {
        Path tree = dir.resolve("keys");
        AtomicFiles.createPrivateDirectories(tree.resolve("mtls"));
        AtomicFiles.write(tree.resolve("mtls/egress.key"), new byte[] {1}, true);
        Files.writeString(dir.resolve("keys.txt"), "neighbour");

        AtomicFiles.deleteTree(tree);

        assertFalse(Files.exists(tree));
        assertTrue(Files.exists(dir.resolve("keys.txt")));
        AtomicFiles.deleteTree(tree);
        assertFalse(Files.exists(tree), "a folder that is not there is nothing to do");
    }
}
