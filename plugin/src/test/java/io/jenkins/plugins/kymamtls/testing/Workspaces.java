package io.jenkins.plugins.kymamtls.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A workspace one level down in a test's own folder: its {@code @tmp} sibling, where kymaMtlsCerts
 * keeps the keys, then sits in that folder too and goes with it.
 */
public final class Workspaces {

    private Workspaces() {
    }

    public static Path in(Path folder) {
        try {
            return Files.createDirectories(folder.resolve("workspace"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
