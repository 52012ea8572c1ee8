package io.jenkins.plugins.kymamtls.steps.certs;

import io.jenkins.plugins.kymamtls.work.StepWork;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Which files of {@code kymaMtlsCerts} become build artifacts: the certificates and
 * certificates.json always, private keys only when the user asks for them. The keys are kept
 * outside the workspace ({@link StepWork#keysRoot}); archived, they sit beside their certificates.
 */
public final class ArtifactSelection {

    private ArtifactSelection() {
    }

    /**
     * The certificates and the summary.
     *
     * @param result the step's result values
     * @return artifact path to workspace path, as the artifact manager takes them
     */
    @SuppressWarnings("unchecked")
    public static Map<String, String> of(Map<String, Object> result) {
        Map<String, String> artifacts = new LinkedHashMap<>();
        for (String file : (List<String>) result.get("publicFiles")) {
            artifacts.put(file, file);
        }
        return artifacts;
    }

    /**
     * The keys, for {@code archiveKeys}: archived under the certificates folder's name.
     *
     * @return artifact path to the path in the folder {@code keysDir} of the result names
     */
    @SuppressWarnings("unchecked")
    public static Map<String, String> keys(Map<String, Object> result) {
        Map<String, String> artifacts = new LinkedHashMap<>();
        String certsDir = (String) result.get("certsDir");
        String prefix = certsDir.isEmpty() ? "" : certsDir + "/";
        for (String file : (List<String>) result.get("keyFiles")) {
            String name = file.substring(file.lastIndexOf('/') + 1);
            artifacts.put(prefix + name, name);
        }
        return artifacts;
    }
}
