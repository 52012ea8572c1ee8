package io.jenkins.plugins.kymamtls.certificates;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jenkins.plugins.kymamtls.input.InvalidInputException;
import java.security.KeyPair;
import java.security.SecureRandom;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The key types under the names users type, and the keys each makes. */
class KeyAlgorithmTest {

    @Test
    void namesAreReadWhateverTheirCaseAndSurroundingSpace() {
        assertEquals(KeyAlgorithm.RSA_2048, KeyAlgorithm.parse("keyAlgorithm", "rsa-2048"));
        assertEquals(KeyAlgorithm.EC_P384, KeyAlgorithm.parse("keyAlgorithm", " EC-P384 "));
        assertEquals(KeyAlgorithm.RSA_2048, KeyAlgorithm.DEFAULT);
        assertEquals("ec-p256", KeyAlgorithm.EC_P256.toString());
        assertEquals("rsa-2048, rsa-3072, rsa-4096, ec-p256, ec-p384", KeyAlgorithm.allowedForms());
    }

    @ParameterizedTest
    @NullSource
    @ValueSource(strings = {"", "rsa", "rsa-1024", "ec-p521", "ed25519"})
    void otherNamesAreRefusedWithTheList(String name) {
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> KeyAlgorithm.parse("keyAlgorithm", name));
        assertEquals("keyAlgorithm", e.field());
        assertTrue(e.getMessage().endsWith("expected one of rsa-2048, rsa-3072, rsa-4096, ec-p256, ec-p384"),
                e.getMessage());
    }

    @Test
    void eachMakesKeysOfItsSizeOrCurve() {
        SecureRandom random = new SecureRandom();
        KeyPair rsa = KeyAlgorithm.RSA_2048.generate(random);
        assertEquals(2048, ((RSAPublicKey) rsa.getPublic()).getModulus().bitLength());
        assertTrue(KeyAlgorithm.RSA_2048.isRsa());
        assertEquals(3072, ((RSAPublicKey) KeyAlgorithm.RSA_3072.generate(random).getPublic()).getModulus().bitLength());
        KeyPair p256 = KeyAlgorithm.EC_P256.generate(random);
        assertEquals(256, ((ECPublicKey) p256.getPublic()).getParams().getCurve().getField().getFieldSize());
        assertFalse(KeyAlgorithm.EC_P256.isRsa());
        assertEquals(384, ((ECPublicKey) KeyAlgorithm.EC_P384.generate(random).getPublic()).getParams().getCurve().getField()
                .getFieldSize());
    }
}
