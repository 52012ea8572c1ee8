package io.jenkins.plugins.kymamtls.verification;

import io.jenkins.plugins.kymamtls.certificates.TlsContexts;
import java.io.IOException;
import java.net.InetAddress;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;
import okhttp3.Dns;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import okhttp3.ResponseBody;

/**
 * The tutorial's {@code curl --cert … --cacert egress.crt https://<domain>/headers}, from where the
 * step runs: the server's chain is checked against the CA and its name against the host (never
 * {@code -k}), optionally connecting to a given address as {@code curl --resolve} does.
 */
public final class MutualTlsProbe {

    private final X509Certificate trustedCa;
    private final String resolve;
    private final Duration timeout;

    /** @param resolve IPv4 address to connect to instead of resolving the host; null to resolve */
    public MutualTlsProbe(X509Certificate trustedCa, String resolve, Duration timeout) {
        this.trustedCa = trustedCa;
        this.resolve = resolve;
        this.timeout = timeout;
    }

    /**
     * @param clientCertificate null to send no client certificate
     */
    public ProbeResult get(String url, X509Certificate clientCertificate, PrivateKey clientKey) {
        OkHttpClient client;
        try {
            client = client(clientCertificate, clientKey);
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException("Cannot set up TLS for the verification: " + e.getMessage(), e);
        }
        try (Response response = client.newCall(new Request.Builder().url(url).get().build()).execute()) {
            ResponseBody body = response.body();
            String text = body == null ? "" : body.string();
            return new ProbeResult(response.code(), text, XfccCheck.fromResponse(response.header("x-forwarded-client-cert"),
                    text), null);
        } catch (IOException e) {
            return new ProbeResult(0, "", null, e.getClass().getSimpleName() + ": " + e.getMessage());
        } finally {
            client.dispatcher().executorService().shutdown();
            client.connectionPool().evictAll();
        }
    }

    private OkHttpClient client(X509Certificate clientCertificate, PrivateKey clientKey)
            throws GeneralSecurityException, IOException {
        TlsContexts.Context tls = TlsContexts.of(clientKey, clientCertificate == null ? null
                : new X509Certificate[] {clientCertificate, trustedCa}, trustedCa);
        Dns dns = resolve == null ? Dns.SYSTEM : host -> List.of(InetAddress.getByName(resolve));
        return new OkHttpClient.Builder()
                .sslSocketFactory(tls.sslContext().getSocketFactory(), tls.trustManager())
                .dns(dns)
                .connectTimeout(timeout)
                .readTimeout(timeout)
                .callTimeout(timeout.multipliedBy(2))
                .retryOnConnectionFailure(false)
                .followRedirects(false)
                .build();
    }
}
