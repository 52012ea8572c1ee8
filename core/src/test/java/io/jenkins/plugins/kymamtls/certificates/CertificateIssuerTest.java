package io.jenkins.plugins.kymamtls.certificates;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.bouncycastle.asn1.x509.Extension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class CertificateIssuerTest {

    private static final Instant NOW = Instant.parse("2026-11-26T10:00:00Z");
    private static final String SERVER_AUTH = "1.3.6.1.5.5.7.3.1";
    private static final String CLIENT_AUTH = "1.3.6.1.5.5.7.3.2";

    private final CertificateIssuer issuer =
            new CertificateIssuer(new java.security.SecureRandom(), Clock.fixed(NOW, ZoneOffset.UTC));

    private CertificateSet issue(KeyAlgorithm algorithm, int days) {
        CertificateRequest request = CertificateRequest.builder("httpbin.mtls.test", "client.mtls.test")
                .keyAlgorithm(algorithm).days(days).build();
        return new CertificateEngine(issuer, Clock.fixed(NOW, ZoneOffset.UTC)).issue(request);
    }

    @ParameterizedTest
    @EnumSource(KeyAlgorithm.class)
    void authorityIsACriticalCaThatOnlySignsCertificates(KeyAlgorithm algorithm) throws Exception {
        X509Certificate ca = issue(algorithm, 365).authority().certificate();
        assertEquals("CN=httpbin.mtls.test,O=example Inc.", ca.getSubjectX500Principal().getName());
        assertEquals(ca.getSubjectX500Principal(), ca.getIssuerX500Principal());
        assertTrue(ca.getBasicConstraints() >= 0, "CA:TRUE");
        assertTrue(ca.getCriticalExtensionOIDs().contains(Extension.basicConstraints.getId()));
        assertTrue(ca.getCriticalExtensionOIDs().contains(Extension.keyUsage.getId()));
        boolean[] usage = ca.getKeyUsage();
        assertTrue(usage[5] && usage[6], "keyCertSign and cRLSign");
        assertFalse(usage[0] || usage[2], "no digitalSignature/keyEncipherment on the CA");
        assertNotNull(ca.getExtensionValue(Extension.subjectKeyIdentifier.getId()));
        ca.verify(ca.getPublicKey());
    }

    @ParameterizedTest
    @EnumSource(KeyAlgorithm.class)
    void serverCertificateNamesTheHostInItsSanForServerAuthOnly(KeyAlgorithm algorithm) throws Exception {
        CertificateSet set = issue(algorithm, 365);
        X509Certificate server = set.server().certificate();
        assertEquals("O=example Inc.,CN=httpbin.mtls.test", server.getSubjectX500Principal().getName());
        assertEquals(List.of(List.of(2, "httpbin.mtls.test")), List.copyOf(server.getSubjectAlternativeNames()));
        assertEquals(List.of(SERVER_AUTH), server.getExtendedKeyUsage());
        assertLeafProfile(server, set.authority().certificate(), algorithm);
    }

    @ParameterizedTest
    @EnumSource(KeyAlgorithm.class)
    void clientCertificateNamesTheClientForClientAuthOnly(KeyAlgorithm algorithm) throws Exception {
        CertificateSet set = issue(algorithm, 365);
        X509Certificate client = set.client().certificate();
        assertEquals("CN=client.mtls.test", client.getSubjectX500Principal().getName());
        assertEquals(List.of(List.of(2, "client.mtls.test")), List.copyOf(client.getSubjectAlternativeNames()));
        assertEquals(List.of(CLIENT_AUTH), client.getExtendedKeyUsage());
        assertLeafProfile(client, set.authority().certificate(), algorithm);
    }

    private static void assertLeafProfile(X509Certificate leaf, X509Certificate ca, KeyAlgorithm algorithm)
            throws Exception {
        leaf.verify(ca.getPublicKey());
        assertEquals(-1, leaf.getBasicConstraints(), "CA:FALSE");
        assertTrue(leaf.getCriticalExtensionOIDs().contains(Extension.basicConstraints.getId()));
        boolean[] usage = leaf.getKeyUsage();
        assertTrue(usage[0], "digitalSignature");
        assertEquals(algorithm.isRsa(), usage[2], "keyEncipherment only for RSA");
        assertFalse(usage[5], "leaves must not sign certificates");
        assertNotNull(leaf.getExtensionValue(Extension.subjectKeyIdentifier.getId()));
        assertNotNull(leaf.getExtensionValue(Extension.authorityKeyIdentifier.getId()));
        assertEquals(algorithm.id(), IssuedCertificate.describe(leaf.getPublicKey()));
        String expectedSignature = switch (algorithm) {
            case EC_P256 -> "SHA256withECDSA";
            case EC_P384 -> "SHA384withECDSA";
            default -> "SHA256withRSA";
        };
        assertEquals(expectedSignature, leaf.getSigAlgName());
    }

    @Test
    void validityStartsBeforeNowForClockSkewAndLastsTheRequestedDaysTheCaItsOwn() {
        CertificateSet set = issue(KeyAlgorithm.EC_P256, 30);
        for (IssuedCertificate issued : List.of(set.authority(), set.server(), set.client())) {
            X509Certificate certificate = issued.certificate();
            assertEquals(NOW.minus(Duration.ofMinutes(5)), certificate.getNotBefore().toInstant());
            assertEquals(NOW.plus(Duration.ofDays(issued == set.authority() ? 1825 : 30)),
                    certificate.getNotAfter().toInstant());
        }
    }

    @Test
    void serialsAreLongRandomAndDistinct() {
        Set<BigInteger> serials = new HashSet<>();
        for (int i = 0; i < 20; i++) {
            CertificateSet set = issue(KeyAlgorithm.EC_P256, 1);
            for (IssuedCertificate issued : List.of(set.authority(), set.server(), set.client())) {
                BigInteger serial = issued.certificate().getSerialNumber();
                assertTrue(serial.signum() > 0);
                assertTrue(serial.bitLength() >= 64 && serial.bitLength() <= 159, serial.toString(16));
                assertTrue(serials.add(serial), "serial repeated: " + serial.toString(16));
            }
        }
    }

    @Test
    void leavesCarryTheChainUpToTheRoot() {
        CertificateSet set = issue(KeyAlgorithm.EC_P256, 1);
        assertArrayEquals(new X509Certificate[] {set.server().certificate(), set.authority().certificate()},
                set.server().chain());
    }

    @Test
    void describingACertificateNeverPrintsItsKey() {
        CertificateSet set = issue(KeyAlgorithm.RSA_2048, 1);
        String text = set.toString();
        java.security.interfaces.RSAPrivateCrtKey key =
                (java.security.interfaces.RSAPrivateCrtKey) set.client().privateKey();
        assertTrue(text.contains("CN=client.mtls.test (rsa-2048)"), text);
        for (String secret : List.of(key.getPrivateExponent().toString(16), key.getPrivateExponent().toString(),
                key.getPrimeP().toString(16), java.util.Base64.getEncoder().encodeToString(key.getEncoded()))) {
            assertFalse(text.contains(secret.substring(0, 32)), "key material in: " + text);
        }
    }

    /**
     * Randomness that notes which threads draw from it. A thread's first draw waits, up to 5 s,
     * until as many threads as expected have drawn, so the count does not depend on how fast the
     * first key happens to be.
     */
    private static final class ThreadNotingRandom extends java.security.SecureRandom {
        private final Set<String> threads = new HashSet<>();
        private final int expected;
        private final long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();

        ThreadNotingRandom(int expected) {
            this.expected = expected;
        }

        @Override
        public void nextBytes(byte[] bytes) {
            synchronized (threads) {
                if (threads.add(Thread.currentThread().getName())) {
                    threads.notifyAll();
                    long left;
                    while (threads.size() < expected && (left = deadline - System.nanoTime()) > 0) {
                        try {
                            threads.wait(Math.max(1, left / 1_000_000));
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                            return;
                        }
                    }
                }
            }
            super.nextBytes(bytes);
        }

        Set<String> threads() {
            synchronized (threads) {
                return Set.copyOf(threads);
            }
        }
    }

    @Test
    void theRsaKeysOfASetAreMadeSideBySideOneWorkerPerCore() {
        int workers = Math.min(3, Runtime.getRuntime().availableProcessors());
        ThreadNotingRandom random = new ThreadNotingRandom(workers);
        List<java.security.KeyPair> keys = new CertificateIssuer(random, Clock.fixed(NOW, ZoneOffset.UTC))
                .generateKeys(KeyAlgorithm.RSA_2048, 3);
        assertEquals(3, keys.size());
        assertEquals(3, new HashSet<>(keys.stream().map(pair -> pair.getPublic()).toList()).size(), "three keys");
        assertTrue(keys.stream().allMatch(pair -> pair.getPublic().getAlgorithm().equals("RSA")));
        assertEquals(workers, random.threads().size(), "one worker per core, the caller among them: " + random.threads());
        assertTrue(random.threads().contains(Thread.currentThread().getName()), random.threads()::toString);
    }

    @Test
    void ecKeysAreMadeOnTheCallingThreadAlone() {
        ThreadNotingRandom random = new ThreadNotingRandom(1);
        List<java.security.KeyPair> keys = new CertificateIssuer(random, Clock.fixed(NOW, ZoneOffset.UTC))
                .generateKeys(KeyAlgorithm.EC_P256, 3);
        assertEquals(3, keys.size());
        assertEquals(Set.of(Thread.currentThread().getName()), random.threads());
    }

    @Test
    void aWorkerThatFailsFailsTheWholeSet() {
        java.security.SecureRandom broken = new java.security.SecureRandom() {
            @Override
            public void nextBytes(byte[] bytes) {
                throw new IllegalStateException("no entropy");
            }
        };
        IllegalStateException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalStateException.class,
                () -> new CertificateIssuer(broken, Clock.fixed(NOW, ZoneOffset.UTC)).generateKeys(KeyAlgorithm.RSA_2048, 3));
        assertEquals("no entropy", e.getMessage());
    }
    /**
     * An aborted build interrupts the thread that makes the keys. While a worker is still making
     * one, the caller stops waiting at once, says why and keeps its interrupt for the build to see.
     */
    @Test
    void aCallerInterruptedWhileAWorkerMakesAKeyStopsWaitingAndKeepsItsInterrupt() throws Exception {
        org.junit.jupiter.api.Assumptions.assumeTrue(Runtime.getRuntime().availableProcessors() > 1,
                "one core makes every key on the calling thread");
        Thread caller = Thread.currentThread();
        java.util.concurrent.CountDownLatch workerBusy = new java.util.concurrent.CountDownLatch(1);
        java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
        // The worker holds the key it took until released; the caller, once the worker is holding
        // one, is interrupted and makes the other, so it must wait for the worker with its interrupt
        // set, whichever of the two keys each thread took.
        java.security.SecureRandom random = new java.security.SecureRandom() {
            @Override
            public void nextBytes(byte[] bytes) {
                try {
                    if (Thread.currentThread() != caller) {
                        workerBusy.countDown();
                        release.await();
                    } else if (!caller.isInterrupted()) {
                        workerBusy.await();
                        caller.interrupt();
                    }
                } catch (InterruptedException e) {
                    throw new IllegalStateException(e);
                }
                super.nextBytes(bytes);
            }
        };
        try {
            IllegalStateException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalStateException.class,
                    () -> new CertificateIssuer(random, Clock.fixed(NOW, ZoneOffset.UTC))
                            .generateKeys(KeyAlgorithm.RSA_2048, 2));
            assertEquals("interrupted while generating keys", e.getMessage());
            assertTrue(Thread.interrupted(), "the interrupt is kept");
        } finally {
            release.countDown();
        }
    }
}
