package io.jenkins.plugins.kymamtls.resources;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One manifest from the top-level {@code resources/kyma-mtls/} folder (on the classpath, and to
 * shared-library code through {@code libraryResource}). Placeholders {@code ${name}} are replaced
 * in the parsed tree, never in the text: a value becomes one scalar (or, where the placeholder is
 * a whole value, the value's own structure), so no input can add YAML of its own.
 */
public final class ManifestTemplate {

    public static final String ROOT = "kyma-mtls/";

    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([A-Za-z0-9]+)}");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    private final String path;
    private final JsonNode tree;

    private ManifestTemplate(String path, JsonNode tree) {
        this.path = path;
        this.tree = tree;
    }

    /** @param path relative to {@code kyma-mtls/}, e.g. {@code target/06-gateway.yaml} */
    public static ManifestTemplate load(String path) {
        try (InputStream in = ManifestTemplate.class.getClassLoader().getResourceAsStream(ROOT + path)) {
            if (in == null) {
                throw new IllegalStateException("Manifest template " + ROOT + path + " is missing from the classpath");
            }
            return new ManifestTemplate(path, YAML.readTree(in));
        } catch (IOException e) {
            throw new UncheckedIOException("Manifest template " + ROOT + path + " is not valid YAML", e);
        }
    }

    /**
     * @param values checked values; Strings, Integers, Booleans, Lists and Maps of those. A List
     *     placed where a list element is exactly its placeholder is spliced into that list.
     */
    public GenericKubernetesResource render(Map<String, ?> values) {
        JsonNode rendered = substitute(tree.deepCopy(), values);
        return JSON.convertValue(rendered, GenericKubernetesResource.class);
    }

    /**
     * A resource as Kubernetes YAML, the text fabric8's {@code Serialization.asYaml} writes (a test
     * holds the two equal for every template). Rendering and writing use plain Jackson: fabric8's
     * serialization sets up a mapper and a YAML engine of its own (about 250 more classes, some
     * 0.02 s of a fresh JVM), which a command that only writes files (plan, rbac) needs for nothing
     * else.
     */
    public static String asYaml(Object resource) {
        try {
            return YAML.writeValueAsString(resource);
        } catch (java.io.IOException e) {
            throw new UncheckedIOException("Cannot write " + resource.getClass().getSimpleName() + " as YAML", e);
        }
    }

    private JsonNode substitute(JsonNode node, Map<String, ?> values) {
        if (node instanceof ObjectNode object) {
            for (Map.Entry<String, JsonNode> field : object.properties()) {
                field.setValue(substitute(field.getValue(), values));
            }
            return object;
        }
        if (node instanceof ArrayNode array) {
            ArrayNode result = JSON.createArrayNode();
            for (JsonNode element : array) {
                String whole = wholePlaceholder(element);
                if (whole != null && value(whole, values) instanceof List<?> list) {
                    list.forEach(item -> result.add(JSON.valueToTree(item)));
                } else {
                    result.add(substitute(element, values));
                }
            }
            return result;
        }
        if (node.isTextual()) {
            String whole = wholePlaceholder(node);
            if (whole != null) {
                return JSON.valueToTree(value(whole, values));
            }
            Matcher matcher = PLACEHOLDER.matcher(node.asText());
            StringBuilder text = new StringBuilder();
            while (matcher.find()) {
                matcher.appendReplacement(text, Matcher.quoteReplacement(String.valueOf(value(matcher.group(1), values))));
            }
            matcher.appendTail(text);
            return TextNode.valueOf(text.toString());
        }
        return node;
    }

    private static String wholePlaceholder(JsonNode node) {
        if (!node.isTextual()) {
            return null;
        }
        Matcher matcher = PLACEHOLDER.matcher(node.asText());
        return matcher.matches() ? matcher.group(1) : null;
    }

    private Object value(String name, Map<String, ?> values) {
        if (!values.containsKey(name)) {
            throw new IllegalStateException("Manifest template " + ROOT + path + " uses ${" + name + "}, which has no value");
        }
        return values.get(name);
    }
}
