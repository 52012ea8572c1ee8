package io.jenkins.plugins.kymamtls.engine;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.jenkins.plugins.kymamtls.certificates.PemMaterial;
import io.jenkins.plugins.kymamtls.cluster.ApiRetry;
import io.jenkins.plugins.kymamtls.cluster.ClusterFailure;
import io.jenkins.plugins.kymamtls.cluster.Diagnostics;
import io.jenkins.plugins.kymamtls.cluster.Readiness;
import io.jenkins.plugins.kymamtls.cluster.ResourceApplier;
import io.jenkins.plugins.kymamtls.cluster.ResourceKinds;
import io.jenkins.plugins.kymamtls.cluster.Waiter;
import io.jenkins.plugins.kymamtls.resources.ClientIdentity;
import io.jenkins.plugins.kymamtls.resources.ExposeParameters;
import io.jenkins.plugins.kymamtls.resources.Manifests;
import io.jenkins.plugins.kymamtls.resources.RenderedResource;
import io.jenkins.plugins.kymamtls.verification.MutualTlsProbe;
import io.jenkins.plugins.kymamtls.verification.ProbeResult;
import io.jenkins.plugins.kymamtls.verification.XfccCheck;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.List;
import java.util.function.Consumer;

/**
 * {@code kymaExposeMtls} on the target cluster: apply the workload, the MUTUAL gateway and the
 * APIRule, wait for them, then prove from here that the host refuses a request without a client
 * certificate and answers one with it, naming that certificate in X-Forwarded-Client-Cert.
 */
public final class ExposeEngine {

    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(10);

    private final int httpsPort;
    private final ApiRetry.Policy retry;

    public ExposeEngine() {
        this(443);
    }

    /** @param httpsPort where the gateway listens; 443 on a cluster */
    public ExposeEngine(int httpsPort) {
        this(httpsPort, ApiRetry.Policy.DEFAULT);
    }

    public ExposeEngine(int httpsPort, ApiRetry.Policy retry) {
        this.httpsPort = httpsPort;
        this.retry = retry;
    }

    /** What the step did, in plain values. */
    public record Result(List<String> applied, String url, ProbeResult withoutCertificate,
                         ProbeResult withCertificate) {
    }

    public Result run(KubernetesClient client, ExposeParameters p, ClientIdentity verifier, Consumer<String> log) {
        List<RenderedResource> resources = Manifests.target(p);
        ResourceApplier applier = new ResourceApplier(client, log, retry);
        applier.checkAccess(resources);
        // Before the first write: the credential Secret in istio-system is free or this namespace's.
        List<RenderedResource> owned = Ownership.owned(resources);
        Map<RenderedResource, String> settings = new LinkedHashMap<>();
        owned.forEach(resource -> settings.put(resource, "secretName"));
        new Ownership(client, new ApiRetry(retry, log), log, p.namespace()).claim(owned, settings);
        List<String> applied = new ArrayList<>();
        Map<String, GenericKubernetesResource> answers = new LinkedHashMap<>();
        for (RenderedResource resource : resources) {
            if (!settings.containsKey(resource)) {
                answers.put(resource.resource().getKind(), applier.apply(resource));
            }
            applied.add(resource.describe());
        }
        // The waits start from the applies' answers: a watch from there, not a list first.
        Waiter waiter = new Waiter(client, log);
        if (p.workload()) {
            waiter.awaitApplied(ResourceKinds.DEPLOYMENT, answers.get("Deployment"), Readiness::deployment,
                    p.timeouts().ready(), "Deployment " + p.serviceName() + " in " + p.namespace());
        }
        waiter.awaitApplied(ResourceKinds.APIRULE, answers.get("APIRule"), Readiness::kymaState,
                p.timeouts().ready(), "APIRule " + p.apiRuleName() + " in " + p.namespace());
        return verify(client, p, verifier, log, applied);
    }

    private Result verify(KubernetesClient client, ExposeParameters p, ClientIdentity verifier, Consumer<String> log,
                          List<String> applied) {
        String host = p.domain().startsWith("*.") ? "mtls-check." + p.domain().substring(2) : p.domain();
        String url = "https://" + host + (httpsPort == 443 ? "" : ":" + httpsPort) + "/headers";
        List<X509Certificate> ca = PemMaterial.readCertificates("caCert", verifier.caCertificatePem());
        if (ca.size() > 1) {
            log.accept("the gateway trusts a bundle of " + ca.size() + " CAs (a CA rotation is under way)");
        }
        MutualTlsProbe probe = new MutualTlsProbe(ca, p.resolve(), REQUEST_TIMEOUT);
        VerificationTimeline timeline = new VerificationTimeline(p.timeouts().verify());
        int attempt = 0;
        while (true) {
            attempt++;
            ProbeResult without = probe.get(url, null, null);
            ProbeResult with = probe.get(url, verifier.certificate(), verifier.privateKey());
            String problem = problem(without, with, verifier.certificate());
            if (problem == null) {
                log.accept("verified: GET " + url + " without a client certificate: " + without.describe());
                log.accept("verified: GET " + url + " with the client certificate: " + with.describe()
                        + ", X-Forwarded-Client-Cert names " + verifier.certificate().getSubjectX500Principal().getName());
                return new Result(applied, url, without, with);
            }
            if (!timeline.pause()) {
                throw new ClusterFailure("verification of " + url + " failed after " + attempt + " attempts in "
                        + p.timeouts().verify().toSeconds() + " s: " + problem
                        + Diagnostics.of(client, p.namespace()).describe(null)
                        + Diagnostics.of(client, p.namespace()).gatewayLogs("ingressgateway", 10));
            }
            log.accept("verification not passed yet (attempt " + attempt + "): " + problem);
        }
    }

    /** Null when both requests behaved as a MUTUAL gateway must; otherwise what is wrong. */
    static String problem(ProbeResult without, ProbeResult with, X509Certificate clientCertificate) {
        if (without.succeeded()) {
            return "a request without a client certificate got " + without.describe()
                    + ": the gateway does not require client certificates";
        }
        if (!with.succeeded()) {
            return "a request with the client certificate got " + with.describe();
        }
        if (with.xfcc() == null) {
            return "the answer has no X-Forwarded-Client-Cert header: the request did not pass an mTLS gateway";
        }
        if (!XfccCheck.names(with.xfcc(), clientCertificate)) {
            return "X-Forwarded-Client-Cert '" + with.xfcc() + "' does not name the client certificate "
                    + clientCertificate.getSubjectX500Principal().getName();
        }
        return null;
    }
}
