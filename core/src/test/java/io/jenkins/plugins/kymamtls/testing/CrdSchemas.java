package io.jenkins.plugins.kymamtls.testing;

import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
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
import org.junit.jupiter.api.Assumptions;

/**
 * The upstream CRDs the project renders custom resources for. A developer without the folder gets
 * skipped tests; in CI (variable {@code CI} set) a missing folder is a failure.
 */
public final class CrdSchemas {

    private static final Map<String, String> FILES = Map.of(
            "Gateway", "istio-1.30_gateways.networking.istio.io.yaml",
            "VirtualService", "istio-1.30_virtualservices.networking.istio.io.yaml",
            "DestinationRule", "istio-1.30_destinationrules.networking.istio.io.yaml",
            "ServiceEntry", "istio-1.30_serviceentries.networking.istio.io.yaml",
            "Telemetry", "istio-1.30_telemetries.telemetry.istio.io.yaml",
            "APIRule", "kyma-api-gateway_gateway.kyma-project.io_apirules.yaml",
            "Istio", "kyma-istio_operator.kyma-project.io_istios.yaml");

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    private final Path directory;

    private CrdSchemas(Path directory) {
        this.directory = directory;
    }

    public static CrdSchemas locate() {
        Path directory = Path.of(System.getProperty("kymaMtls.crds", "../../shared/crds"));
        if (!Files.isDirectory(directory)) {
            String message = "CRD folder " + directory.toAbsolutePath() + " is missing";
            if (System.getenv("CI") != null) {
                fail(message);
            }
            Assumptions.abort(message);
        }
        return new CrdSchemas(directory);
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
