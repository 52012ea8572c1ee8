package io.jenkins.plugins.kymamtls.resources;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.jenkins.plugins.kymamtls.testing.TestCertificates;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The plan's files: one per template, applyable as written, with key material readable by the owner only. */
class PlanWriterTest {

    @TempDir
    Path work;

    private static String permissions(Path path) throws IOException {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(path));
    }

    /** The target cluster's resources, one of them a Secret with a key. */
    private List<RenderedResource> rendered() {
        Path certificates = TestCertificates.write(work.resolve("certs"));
        return Manifests.target(ExposeParameters.builder(TestCertificates.DOMAIN, "mtls-demo",
                TestCertificates.server(certificates)).build());
    }

    @Test
    void eachTemplateBecomesOneFileUnderItsOwnNameWithTheHeaderAndTheSecretPrivate() throws IOException {
        List<RenderedResource> rendered = rendered();
        Path plan = work.resolve("plan/target");
        List<PlanWriter.WrittenFile> written = PlanWriter.write(plan, rendered, "# review, then kubectl apply -f\n");

        assertEquals(rendered.size(), written.size());
        assertEquals("rwx------", permissions(plan));
        for (int i = 0; i < rendered.size(); i++) {
            RenderedResource resource = rendered.get(i);
            PlanWriter.WrittenFile file = written.get(i);
            String template = resource.template();
            assertEquals(plan.resolve(template.substring(template.lastIndexOf('/') + 1)), file.file());
            assertEquals(resource.secret(), file.secret());
            assertEquals(resource.secret() ? "rw-------" : "rw-r--r--", permissions(file.file()), template);
            String text = Files.readString(file.file());
            assertTrue(text.startsWith("# review, then kubectl apply -f\n"), text);
            GenericKubernetesResource back = Serialization.unmarshal(text, GenericKubernetesResource.class);
            assertEquals(resource.resource().getKind(), back.getKind());
            assertEquals(resource.resource().getMetadata().getName(), back.getMetadata().getName());
            assertEquals(resource.resource().getAdditionalProperties(), back.getAdditionalProperties(), template);
        }
        assertEquals(1, written.stream().filter(PlanWriter.WrittenFile::secret).count());
        try (var files = Files.list(plan)) {
            assertEquals(rendered.size(), files.count(), "no temporary files are left");
        }
    }

    @Test
    void writingAgainReplacesTheFilesWithoutAHeader() throws IOException {
        List<RenderedResource> rendered = rendered();
        Path plan = work.resolve("plan");
        PlanWriter.write(plan, rendered, "# old\n");
        List<PlanWriter.WrittenFile> again = PlanWriter.write(plan, rendered);
        assertEquals(rendered.size(), again.size());
        for (PlanWriter.WrittenFile file : again) {
            assertFalse(Files.readString(file.file()).startsWith("#"), file.file().toString());
        }
    }

    @Test
    void aFolderThatCannotBeMadeIsNamed() throws IOException {
        Path blocker = Files.writeString(work.resolve("plan"), "a file, not a folder");
        UncheckedIOException e = assertThrows(UncheckedIOException.class,
                () -> PlanWriter.write(blocker.resolve("target"), List.of()));
        assertTrue(e.getMessage().startsWith("Could not write the manifests to " + blocker.resolve("target") + ": "),
                e.getMessage());
    }
}
