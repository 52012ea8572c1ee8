package io.jenkins.plugins.kymamtls.testing;

import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import com.networknt.schema.oas.OpenApi30;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;

/**
 * The upstream CRDs the project renders custom resources for, as the reduced copies kept in
 * {@code src/test/resources/crds} (descriptions stripped, structure kept; see the README there for
 * where each came from). {@link #reduce} makes a copy from an upstream file.
 */
public final class CrdSchemas {

    /** Kind to file name, the same in the upstream folder and in the copies. */
    public static final Map<String, String> FILES = Map.of(
            "Gateway", "istio-1.30_gateways.networking.istio.io.yaml",
            "VirtualService", "istio-1.30_virtualservices.networking.istio.io.yaml",
            "DestinationRule", "istio-1.30_destinationrules.networking.istio.io.yaml",
            "ServiceEntry", "istio-1.30_serviceentries.networking.istio.io.yaml",
            "Telemetry", "istio-1.30_telemetries.telemetry.istio.io.yaml",
            "APIRule", "kyma-api-gateway_gateway.kyma-project.io_apirules.yaml",
            "Istio", "kyma-istio_operator.kyma-project.io_istios.yaml");

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory()
            .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
            .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
            .enable(YAMLGenerator.Feature.INDENT_ARRAYS_WITH_INDICATOR));

    private final Path directory;

    private CrdSchemas(Path directory) {
        this.directory = directory;
    }

    public static CrdSchemas locate() {
        Path directory = Path.of(System.getProperty("kymaMtls.crds", "src/test/resources/crds"));
        if (!Files.isDirectory(directory)) {
            fail("CRD copies " + directory.toAbsolutePath() + " are missing");
        }
        return new CrdSchemas(directory);
    }

    /** The CRD a copy keeps: everything but the human-readable descriptions, which no server validates. */
    public static JsonNode reduce(JsonNode node) {
        JsonNode copy = node.deepCopy();
        strip(copy);
        return copy;
    }

    private static void strip(JsonNode node) {
        if (node instanceof ObjectNode object) {
            // A property named "description" is a schema (an object), never a string: it stays.
            if (object.path("description").isTextual()) {
                object.remove("description");
            }
            object.forEach(CrdSchemas::strip);
        } else if (node instanceof ArrayNode array) {
            array.forEach(CrdSchemas::strip);
        }
    }

    public static JsonNode read(Path file) throws IOException {
        return YAML.readTree(file.toFile());
    }

    public static void write(Path file, JsonNode crd) throws IOException {
        YAML.writeValue(file.toFile(), crd);
    }

    public static boolean isCustom(String kind) {
        return FILES.containsKey(kind);
    }

    /** Errors of the resource against the openAPIV3Schema of its served version; empty when valid. */
    public Set<ValidationMessage> validate(GenericKubernetesResource resource) throws IOException {
        JsonNode crd = YAML.readTree(directory.resolve(FILES.get(resource.getKind())).toFile());
        String version = resource.getApiVersion().substring(resource.getApiVersion().indexOf('/') + 1);
        String group = resource.getApiVersion().substring(0, resource.getApiVersion().indexOf('/'));
        if (!group.equals(crd.at("/spec/group").asText())) {
            fail(resource.getKind() + " uses group " + group + " but the CRD serves " + crd.at("/spec/group").asText());
        }
        for (JsonNode served : crd.at("/spec/versions")) {
            if (served.get("name").asText().equals(version) && served.get("served").asBoolean()) {
                JsonSchemaFactory factory = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V4,
                        builder -> builder.metaSchema(OpenApi30.getInstance())
                                .defaultMetaSchemaIri(OpenApi30.getInstance().getIri()));
                JsonSchema schema = factory.getSchema(served.at("/schema/openAPIV3Schema"));
                return schema.validate(Serialization.jsonMapper().valueToTree(resource));
            }
        }
        fail(resource.getKind() + " version " + version + " is not served by " + FILES.get(resource.getKind()));
        return Set.of();
    }
}
