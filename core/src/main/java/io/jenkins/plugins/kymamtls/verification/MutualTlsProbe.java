package io.jenkins.plugins.kymamtls.verification;

import io.jenkins.plugins.kymamtls.certificates.PemMaterial;
import io.jenkins.plugins.kymamtls.certificates.TlsContexts;
import io.jenkins.plugins.kymamtls.cluster.ClusterFailure;
import java.io.IOException;
import java.net.InetAddress;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import okhttp3.Call;
import okhttp3.Callback;
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

    private final List<X509Certificate> trustedCas;
    private final String resolve;
    private final Duration timeout;

    /**
     * @param trustedCas the CA, or the old and the new one while a CA is rotated
     * @param resolve IPv4 address to connect to instead of resolving the host; null to resolve
     */
    public MutualTlsProbe(List<X509Certificate> trustedCas, String resolve, Duration timeout) {
        this.trustedCas = List.copyOf(trustedCas);
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
        // On OkHttp's own thread, so that an aborted build (an interrupt here) cancels the request at
        // once instead of waiting for a silent server's timeout.
        Call call = client.newCall(new Request.Builder().url(url).get().build());
        CompletableFuture<ProbeResult> answer = new CompletableFuture<>();
        call.enqueue(new Callback() {
            @Override
            public void onFailure(Call failed, IOException e) {
                answer.complete(new ProbeResult(0, "", null, e.getClass().getSimpleName() + ": " + e.getMessage()));
            }

            @Override
            public void onResponse(Call done, Response response) {
                try (response) {
                    ResponseBody body = response.body();
                    String text = body == null ? "" : body.string();
                    answer.complete(new ProbeResult(response.code(), text,
                            XfccCheck.fromResponse(response.header("x-forwarded-client-cert"), text), null));
                } catch (IOException e) {
                    onFailure(done, e);
                }
            }
        });
        try {
            return answer.get();
        } catch (InterruptedException e) {
            call.cancel();
            Thread.currentThread().interrupt();
            throw new ClusterFailure("interrupted during GET " + url + ": the build was aborted");
        } catch (ExecutionException e) {
            throw new IllegalStateException("GET " + url + " failed unexpectedly", e.getCause());
        } finally {
            client.dispatcher().executorService().shutdown();
            client.connectionPool().evictAll();
        }
    }

    private OkHttpClient client(X509Certificate clientCertificate, PrivateKey clientKey)
            throws GeneralSecurityException, IOException {
        X509Certificate issuer = clientCertificate == null ? null : PemMaterial.issuerOf(clientCertificate, trustedCas);
        TlsContexts.Context tls = TlsContexts.of(clientKey, clientCertificate == null ? null : issuer == null
                ? new X509Certificate[] {clientCertificate} : new X509Certificate[] {clientCertificate, issuer},
                trustedCas, null);
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
