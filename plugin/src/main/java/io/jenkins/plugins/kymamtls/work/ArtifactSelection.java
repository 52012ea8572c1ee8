package io.jenkins.plugins.kymamtls.work;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Which files of {@code kymaMtlsCerts} become build artifacts: the certificates and
 * certificates.json always, private keys only when the user asks for them.
 */
public final class ArtifactSelection {

    private ArtifactSelection() {
    }

    /**
     * @param result the step's result values
     * @return artifact path to workspace path, as the artifact manager takes them
     */
    @SuppressWarnings("unchecked")
    public static Map<String, String> of(Map<String, Object> result, boolean archiveKeys) {
        Map<String, String> artifacts = new LinkedHashMap<>();
        for (String file : (List<String>) result.get("publicFiles")) {
            artifacts.put(file, file);
        }
        if (archiveKeys) {
            for (String file : (List<String>) result.get("keyFiles")) {
                artifacts.put(file, file);
            }
        }
        return artifacts;
    }
}
