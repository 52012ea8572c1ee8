package io.jenkins.plugins.kymamtls.testing;

import java.util.List;

/** The plugin's steps and build steps live in one package per feature, under {@code steps}. */
public final class Features {

    public static final List<String> PACKAGES = List.of("certs", "expose", "egress", "lock", "cleanup", "status");

    private Features() {
    }

    /** A step, build step or work class by its simple name, from its feature's package. */
    public static Class<?> type(String simpleName) {
        for (String feature : PACKAGES) {
            try {
                return Class.forName("io.jenkins.plugins.kymamtls.steps." + feature + "." + simpleName);
            } catch (ClassNotFoundException e) {
                // another feature's
            }
        }
        throw new IllegalArgumentException("no feature package has " + simpleName);
    }
}
