package io.jenkins.plugins.kymamtls.certificates;

import io.jenkins.plugins.kymamtls.input.InvalidInputException;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.spec.ECGenParameterSpec;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** Ties a key type to its size or curve, under the names users type. */
public enum KeyAlgorithm {
    RSA_2048("rsa-2048", "RSA", 2048, null),
    RSA_3072("rsa-3072", "RSA", 3072, null),
    RSA_4096("rsa-4096", "RSA", 4096, null),
    EC_P256("ec-p256", "EC", 256, "secp256r1"),
    EC_P384("ec-p384", "EC", 384, "secp384r1");

    public static final KeyAlgorithm DEFAULT = RSA_2048;

    private final String id;
    private final String jcaName;
    private final int bits;
    private final String curve;

    KeyAlgorithm(String id, String jcaName, int bits, String curve) {
        this.id = id;
        this.jcaName = jcaName;
        this.bits = bits;
        this.curve = curve;
    }

    /** The name users type: {@code rsa-2048}, {@code ec-p256}, … */
    public String id() {
        return id;
    }

    public boolean isRsa() {
        return curve == null;
    }

    public KeyPair generate(SecureRandom random) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance(jcaName);
            if (curve == null) {
                generator.initialize(bits, random);
            } else {
                generator.initialize(new ECGenParameterSpec(curve), random);
            }
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("This Java runtime cannot generate " + id + " keys", e);
        }
    }

    public static String allowedForms() {
        return Arrays.stream(values()).map(KeyAlgorithm::id).collect(Collectors.joining(", "));
    }

    public static KeyAlgorithm parse(String field, String value) {
        if (value != null) {
            String wanted = value.trim().toLowerCase(Locale.ROOT);
            for (KeyAlgorithm algorithm : values()) {
                if (algorithm.id.equals(wanted)) {
                    return algorithm;
                }
            }
        }
        throw new InvalidInputException(field, value, "one of " + allowedForms());
    }

    @Override
    public String toString() {
        return id;
    }
}
