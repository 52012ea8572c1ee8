package io.jenkins.plugins.kymamtls.certificates;

import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.net.Socket;
import java.security.Principal;
import java.security.cert.PKIXBuilderParameters;
import java.security.cert.TrustAnchor;
import java.security.cert.X509CertSelector;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Date;
import java.util.LinkedHashSet;
import java.util.Set;
import javax.net.ssl.CertPathTrustManagerParameters;
import javax.net.ssl.KeyManager;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedKeyManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;

/**
 * JDK TLS contexts from in-memory keys: one identity (or none) and only our own roots (one CA, or
 * the old and the new one while a CA is rotated), so a peer is accepted only if it chains to them,
 * never to the system's CAs.
 */
public final class TlsContexts {


    /**
     * The one identity, handed to JSSE as it is. A key put into a PKCS#12 key store is encrypted
     * with 10,000 rounds of PBKDF2 and decrypted again by the key manager factory: most of a
     * context's cost in a JVM that has just started, for a key that never leaves memory.
     */
    static final class IdentityKeyManager extends X509ExtendedKeyManager {
        private static final String ALIAS = "identity";
        private final PrivateKey key;
        private final X509Certificate[] chain;

        IdentityKeyManager(PrivateKey key, X509Certificate[] chain) {
            this.key = key;
            this.chain = chain.clone();
        }

        private String aliasFor(String keyType) {
            return key.getAlgorithm().equals(keyType) ? ALIAS : null;
        }

        @Override
        public String[] getClientAliases(String keyType, Principal[] issuers) {
            return aliasFor(keyType) == null ? null : new String[] {ALIAS};
        }

        @Override
        public String chooseClientAlias(String[] keyTypes, Principal[] issuers, Socket socket) {
            return keyTypes == null ? null : java.util.Arrays.stream(keyTypes).map(this::aliasFor)
                    .filter(java.util.Objects::nonNull).findFirst().orElse(null);
        }

        @Override
        public String chooseEngineClientAlias(String[] keyTypes, Principal[] issuers, SSLEngine engine) {
            return chooseClientAlias(keyTypes, issuers, null);
        }

        @Override
        public String[] getServerAliases(String keyType, Principal[] issuers) {
            return getClientAliases(keyType, issuers);
        }

        @Override
        public String chooseServerAlias(String keyType, Principal[] issuers, Socket socket) {
            return aliasFor(keyType);
        }

        @Override
        public String chooseEngineServerAlias(String keyType, Principal[] issuers, SSLEngine engine) {
            return aliasFor(keyType);
        }

        @Override
        public X509Certificate[] getCertificateChain(String alias) {
            return ALIAS.equals(alias) ? chain.clone() : null;
        }

        @Override
        public PrivateKey getPrivateKey(String alias) {
            return ALIAS.equals(alias) ? key : null;
        }
    }

    private TlsContexts() {
    }

    /**
     * Loads and initialises the TLS provider and its key and trust manager factories, which take a
     * good part of the first handshake's time in a JVM that has just started; meant for a thread
     * that would otherwise wait.
     */
    public static void warmUp() {
        try {
            TrustManagerFactory.getInstance("PKIX");
            SSLContext.getInstance("TLS").init(null, null, null);
        } catch (GeneralSecurityException | RuntimeException e) {
            // Only a head start: the self-test meets any real problem itself and names it.
        }
    }

    /** An SSLContext and the trust manager inside it (which some HTTP clients want on its own). */
    public record Context(SSLContext sslContext, X509TrustManager trustManager) {
    }

    /**
     * @param key null for a peer without a certificate of its own
     * @param chain the identity's certificate first, then its issuers
     */
    public static Context of(PrivateKey key, X509Certificate[] chain, X509Certificate trustedRoot)
            throws GeneralSecurityException, IOException {
        return of(key, chain, trustedRoot, null);
    }

    /**
     * @param validationTime when peers' certificates must be valid; null for now. The certificate
     *     engine judges a set at its own clock's time, and its self-test proves the set at that time.
     */
    public static Context of(PrivateKey key, X509Certificate[] chain, X509Certificate trustedRoot,
                             Instant validationTime) throws GeneralSecurityException, IOException {
        return of(key, chain, java.util.List.of(trustedRoot), validationTime);
    }

    /** Trusting several roots: a trust bundle while a CA is rotated. */
    public static Context of(PrivateKey key, X509Certificate[] chain, java.util.List<X509Certificate> trustedRoots,
                             Instant validationTime) throws GeneralSecurityException, IOException {
        KeyManager[] keyManagers = key == null ? null : new KeyManager[] {new IdentityKeyManager(key, chain)};
        Set<TrustAnchor> anchors = new LinkedHashSet<>();
        for (X509Certificate root : trustedRoots) {
            anchors.add(new TrustAnchor(root, null));
        }
        TrustManagerFactory trustFactory = TrustManagerFactory.getInstance("PKIX");
        PKIXBuilderParameters parameters = new PKIXBuilderParameters(anchors, new X509CertSelector());
        // Only our own CA is trusted and it publishes no revocation lists.
        parameters.setRevocationEnabled(false);
        if (validationTime != null) {
            parameters.setDate(Date.from(validationTime));
        }
        trustFactory.init(new CertPathTrustManagerParameters(parameters));
        X509TrustManager trustManager = (X509TrustManager) trustFactory.getTrustManagers()[0];
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(keyManagers, new X509TrustManager[] {trustManager}, null);
        return new Context(context, trustManager);
    }
}
