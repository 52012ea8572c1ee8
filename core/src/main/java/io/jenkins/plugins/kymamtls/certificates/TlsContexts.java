package io.jenkins.plugins.kymamtls.certificates;

import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.PKIXBuilderParameters;
import java.security.cert.X509CertSelector;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Date;
import javax.net.ssl.CertPathTrustManagerParameters;
import javax.net.ssl.KeyManager;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;

/**
 * JDK TLS contexts from in-memory keys: one identity (or none) and only our own roots (one CA, or
 * the old and the new one while a CA is rotated), so a peer is accepted only if it chains to them,
 * never to the system's CAs.
 */
public final class TlsContexts {

    private static final char[] IN_MEMORY = new char[0];

    private TlsContexts() {
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
        KeyManager[] keyManagers = null;
        if (key != null) {
            KeyStore keys = KeyStore.getInstance("PKCS12");
            keys.load(null, null);
            keys.setKeyEntry("identity", key, IN_MEMORY, chain);
            KeyManagerFactory factory = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            factory.init(keys, IN_MEMORY);
            keyManagers = factory.getKeyManagers();
        }
        KeyStore trust = KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        for (int i = 0; i < trustedRoots.size(); i++) {
            trust.setCertificateEntry("root-" + i, trustedRoots.get(i));
        }
        TrustManagerFactory trustFactory = TrustManagerFactory.getInstance("PKIX");
        PKIXBuilderParameters parameters = new PKIXBuilderParameters(trust, new X509CertSelector());
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
