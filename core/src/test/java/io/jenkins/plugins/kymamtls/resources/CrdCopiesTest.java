package io.jenkins.plugins.kymamtls.resources;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.jenkins.plugins.kymamtls.testing.CrdSchemas;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * The reduced CRD copies in src/test/resources/crds still say what upstream says. Where the upstream
 * folder is at hand ({@code kymaMtls.upstreamCrds}), each copy must equal the upstream file reduced;
 * {@code -DkymaMtls.updateCrdCopies=true} rewrites the copies from it instead.
 */
class CrdCopiesTest {

    private static final Path COPIES = Path.of(System.getProperty("kymaMtls.crds", "src/test/resources/crds"));

    @Test
    void everyCopyIsItsUpstreamFileWithoutDescriptions() throws Exception {
        Path upstream = Path.of(System.getProperty("kymaMtls.upstreamCrds", "../../shared/crds"));
        Assumptions.assumeTrue(Files.isDirectory(upstream), () -> "upstream CRD folder " + upstream.toAbsolutePath().normalize()
                + " is not here; the copies are compared with it where it is");
        boolean update = Boolean.getBoolean("kymaMtls.updateCrdCopies");
        for (Map.Entry<String, String> file : CrdSchemas.FILES.entrySet()) {
            JsonNode reduced = CrdSchemas.reduce(CrdSchemas.read(upstream.resolve(file.getValue())));
            Path copy = COPIES.resolve(file.getValue());
            if (update) {
                CrdSchemas.write(copy, reduced);
            }
            assertEquals(reduced, CrdSchemas.read(copy), () -> copy + " differs from " + file.getValue()
                    + " upstream reduced; rewrite with -DkymaMtls.updateCrdCopies=true and note the new source in "
                    + COPIES.resolve("README.md"));
        }
    }

    @Test
    void aCopyKeepsTheStructureAndDropsOnlyDescriptions() throws Exception {
        JsonNode istio = CrdSchemas.read(COPIES.resolve(CrdSchemas.FILES.get("Istio")));
        JsonNode schema = istio.at("/spec/versions/0/schema/openAPIV3Schema");
        assertFalse(istio.toString().contains("\"description\":\""), "a description string was kept");
        assertEquals("object", schema.at("/properties/spec/type").asText());
        // The Istio CR's status has a field called description; a field is structure and stays.
        assertTrue(schema.at("/properties/status/properties/description").isObject(), schema.at("/properties/status")
                ::toString);
        for (String kind : CrdSchemas.FILES.keySet()) {
            assertTrue(Files.isRegularFile(COPIES.resolve(CrdSchemas.FILES.get(kind))), kind);
        }
    }
}
