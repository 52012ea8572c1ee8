package io.jenkins.plugins.kymamtls.resources;

import io.jenkins.plugins.kymamtls.files.AtomicFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes rendered resources as YAML files for review or for {@code kubectl apply -f}, one file per
 * template under its own name. Files that hold key material are written 0600.
 */
public final class PlanWriter {

    private PlanWriter() {
    }

    /** A manifest file and whether it holds key material. */
    public record WrittenFile(Path file, boolean secret) {
    }

    public static List<WrittenFile> write(Path directory, List<RenderedResource> resources) {
        return write(directory, resources, "");
    }

    /** @param header comment lines ({@code # …}) for a person who applies the files by hand */
    public static List<WrittenFile> write(Path directory, List<RenderedResource> resources, String header) {
        List<WrittenFile> written = new ArrayList<>();
        try {
            AtomicFiles.createPrivateDirectories(directory);
            for (RenderedResource rendered : resources) {
                String name = rendered.template().substring(rendered.template().lastIndexOf('/') + 1);
                Path file = directory.resolve(name);
                AtomicFiles.write(file, (header + ManifestTemplate.asYaml(rendered.resource())).getBytes(StandardCharsets.UTF_8),
                        rendered.secret());
                written.add(new WrittenFile(file, rendered.secret()));
            }
            return written;
        } catch (IOException e) {
            throw new UncheckedIOException("Could not write the manifests to " + directory + ": " + e.getMessage(), e);
        }
    }
}
