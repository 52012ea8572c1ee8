package io.jenkins.plugins.kymamtls.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.jenkins.plugins.kymamtls.certificates.CertificateEngine;
import io.jenkins.plugins.kymamtls.certificates.CertificateRequest;
import io.jenkins.plugins.kymamtls.certificates.KeyAlgorithm;
import io.jenkins.plugins.kymamtls.resources.ExposeParameters;
import io.jenkins.plugins.kymamtls.testing.SandboxCluster;
import java.net.ProxySelector;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Istio's own translation of what expose and egress applied: istiod, started by sandbox/start from
 * the pinned istio.io/istio module, asked over xDS as the ingress gateway, the egress gateway and a
 * sidecar of the client namespace (xds-dump) — the configuration Envoy would run, not our reading of
 * Istio. With default names and with explicit ones. The egress gateway stand-in is then held to what
 * istiod generated, and the server-name check is proven by a handshake.
 */
@ExtendWith(SandboxCluster.Extension.class)
class IstioXdsSandboxTest {


    @TempDir
    Path dir;

    @Test
    void whatIstiodGeneratesAndServesIsWhatTheStepsMeantWithDefaultAndExplicitNames(SandboxCluster sandbox)
            throws Exception {
        SandboxFlow defaults = SandboxFlow.withDefaultNames("xds.teams.test", "xds-target", "xds-client");
        SandboxFlow explicit = new SandboxFlow("xds-explicit.teams.test", "xdsx-target", "xdsx-client", "orders-server-cert",
                "orders-client-cert", "orders-gw", "orders");
        try (KubernetesClient client = sandbox.client()) {
            for (SandboxFlow names : List.of(defaults, explicit)) {
                Path certs = apply(sandbox, client, names);
                assertIngress(sandbox, names);
                assertEgressGateway(sandbox, names);
                assertSidecar(sandbox, names);
                // What istiod serves each gateway by SDS for the step's Secret: the certificates
                // kymaMtlsCerts made, compared by their SHA-256; the private key is there (its size and
                // hash only ever leave xds-dump).
                assertServed(sandbox.xdsWithSecrets("istio-ingressgateway-xds",
                        "app=istio-ingressgateway,istio=ingressgateway", "istio-ingressgateway-service-account",
                        "kubernetes://" + names.serverSecret(), "kubernetes://" + names.serverSecret() + "-cacert"),
                        names.serverSecret(), certs.resolve(names.host() + ".crt"), certs.resolve("egress.crt"));
                JsonNode egressSecrets = sandbox.xdsWithSecrets("istio-egressgateway-xds",
                        "app=istio-egressgateway,istio=egressgateway", "istio-egressgateway-service-account",
                        "kubernetes://" + names.clientSecret(), "kubernetes://" + names.clientSecret() + "-cacert");
                assertServed(egressSecrets, names.clientSecret(), certs.resolve("client-" + names.host() + ".crt"),
                        certs.resolve("egress.crt"));
                // The egress stand-in presents and trusts what istiod serves the egress gateway.
                Path standIn = sandbox.directory().resolve("standins").resolve("egressgateway");
                assertEquals(sha256(decoded(secretNamed(egressSecrets, "kubernetes://" + names.clientSecret())
                                .path("tls_certificate").path("certificate_chain").path("inline_bytes"))),
                        sha256(Files.readString(standIn.resolve(names.host() + ".pem"))), "the stand-in's client certificate");
                assertEquals(sha256(decoded(secretNamed(egressSecrets, "kubernetes://" + names.clientSecret() + "-cacert")
                                .path("validation_context").path("trusted_ca").path("inline_bytes"))),
                        sha256(Files.readString(standIn.resolve(names.host() + "-ca.pem"))), "the stand-in's CA");
            }
            List<String> log = new ArrayList<>();
            for (SandboxFlow names : List.of(defaults, explicit)) {
                names.cleanup(client, log::add);
            }
        }
    }

    /**
     * Defect 1 of Istio's reading: with subjectAltNames on the originate rule, istiod's cluster for the
     * host matches the target's name, and the egress gateway stand-in, held to that, refuses a server
     * certificate for another host from the same CA, which it accepted before the swap.
     */
    @Test
    void aCertificateForAnotherHostFromTheSameCaIsRefusedAtTheEgressGateway(SandboxCluster sandbox) throws Exception {
        SandboxFlow names = SandboxFlow.withDefaultNames("san.teams.test", "san-target", "san-client");
        try (KubernetesClient client = sandbox.client()) {
            Path certs = apply(sandbox, client, names);
            JsonNode cluster = egressCluster(sandbox, names.host());
            assertEquals(names.host(), upstreamTls(cluster).path("sni").asText());
            assertEquals(200, throughTheEgressGateway(sandbox, names.host(), code -> code == 200),
                    "the route answers before the swap");

            // Another host's certificate and key, from the same CA, where the target keeps its own.
            Path impostor = dir.resolve("impostor");
            new CertificateEngine().generate(CertificateRequest.builder("impostor.teams.test", "client-impostor.teams.test")
                    .keyAlgorithm(KeyAlgorithm.EC_P256).outputDirectory(impostor).selfTest(false)
                    .authority(Files.readString(certs.resolve("egress.crt")), Files.readString(certs.resolve("egress.key")))
                    .build(), line -> { });
            Secret secret = client.secrets().inNamespace("istio-system").withName(names.serverSecret()).get();
            String impostorCert = base64(impostor.resolve("impostor.teams.test.crt"));
            String impostorKey = base64(impostor.resolve("impostor.teams.test.key"));
            Secret swapped = client.secrets().inNamespace("istio-system").withName(names.serverSecret()).edit(s -> {
                s.getData().put("cert", impostorCert);
                s.getData().put("key", impostorKey);
                return s;
            });
            assertNotNull(swapped);
            int refused = throughTheEgressGateway(sandbox, names.host(), code -> code != 200);
            assertTrue(refused >= 500, "the impostor's certificate was refused: HTTP " + refused);

            client.secrets().inNamespace("istio-system").withName(names.serverSecret()).edit(s -> {
                s.setData(secret.getData());
                return s;
            });
            assertEquals(200, throughTheEgressGateway(sandbox, names.host(), code -> code == 200),
                    "the route answers again with the target's own certificate");
            names.cleanup(client, new ArrayList<String>()::add);
        }
    }

    private Path apply(SandboxCluster sandbox, KubernetesClient client, SandboxFlow names) {
        Path certs = names.certificates(dir);
        List<String> log = new ArrayList<>();
        names.expose(sandbox, client, certs, log::add);
        names.egress(client, certs, log::add);
        return certs;
    }

    /** The target: the host's filter chain asks for a client certificate, with the step's Secret, and routes to the workload. */
    private static void assertIngress(SandboxCluster sandbox, SandboxFlow names) {
        JsonNode ingress = sandbox.xds("router", "istio-ingressgateway-xds", "istio-system",
                "app=istio-ingressgateway,istio=ingressgateway");
        List<JsonNode> chains = new ArrayList<>();
        for (JsonNode listener : ingress.path("listeners")) {
            for (JsonNode chain : listener.path("filter_chains")) {
                for (JsonNode name : chain.path("filter_chain_match").path("server_names")) {
                    if (name.asText().equals(names.host())) {
                        chains.add(chain);
                    }
                }
            }
        }
        assertEquals(1, chains.size(), "one filter chain for " + names.host() + ": " + ingress.path("listeners"));
        JsonNode tls = chains.get(0).path("transport_socket").path("typed_config");
        assertTrue(tls.path("@type").asText().endsWith("DownstreamTlsContext"), tls.toString());
        assertTrue(tls.path("require_client_certificate").asBoolean(), "MUTUAL: a client certificate is required");
        JsonNode common = tls.path("common_tls_context");
        assertEquals("kubernetes://" + names.serverSecret(), common.path("tls_certificate_sds_secret_configs").path(0)
                .path("name").asText());
        assertEquals("kubernetes://" + names.serverSecret() + "-cacert", common.path("combined_validation_context")
                .path("validation_context_sds_secret_config").path("name").asText(), "client CA from the same Secret");

        String routeName = null;
        for (JsonNode filter : chains.get(0).path("filters")) {
            if (filter.path("name").asText().equals("envoy.filters.network.http_connection_manager")) {
                routeName = filter.path("typed_config").path("rds").path("route_config_name").asText();
            }
        }
        assertNotNull(routeName, chains.get(0).toString());
        String workload = "outbound|" + ExposeParameters.DEFAULT_SERVICE_PORT + "||" + ExposeParameters.DEFAULT_SERVICE
                + "." + names.target() + ".svc.cluster.local";
        assertEquals(List.of(workload), clustersFor(ingress, routeName, names.host()),
                "the host goes to the workload (through the APIRule's VirtualService)");
    }

    /** The egress gateway originates mTLS for the host: SNI, the client certificate, the CA, and the server-name check. */
    private static void assertEgressGateway(SandboxCluster sandbox, SandboxFlow names) {
        JsonNode tls = upstreamTls(egressCluster(sandbox, names.host()));
        assertEquals(names.host(), tls.path("sni").asText());
        JsonNode common = tls.path("common_tls_context");
        assertEquals("kubernetes://" + names.clientSecret(), common.path("tls_certificate_sds_secret_configs").path(0)
                .path("name").asText());
        JsonNode validation = common.path("combined_validation_context");
        assertEquals("kubernetes://" + names.clientSecret() + "-cacert",
                validation.path("validation_context_sds_secret_config").path("name").asText());
        List<String> altNames = new ArrayList<>();
        validation.path("default_validation_context").path("match_subject_alt_names")
                .forEach(match -> altNames.add(match.path("exact").asText()));
        assertEquals(List.of(names.host()), altNames, "the server-name check names the target host");

        // The stand-in that carries the handshakes here is held to what istiod generated: the same SNI,
        // the certificate checked against the name istiod matches.
        String standIn = sandbox.egressStandInConfig();
        assertTrue(standIn.contains("sni str(" + tls.path("sni").asText() + ") verifyhost " + altNames.get(0)),
                standIn);
    }

    /** A sidecar of the client namespace sends the host to the egress gateway in plain HTTP; it originates no mTLS. */
    private static void assertSidecar(SandboxCluster sandbox, SandboxFlow names) {
        JsonNode sidecar = sandbox.xds("sidecar", "curl-xds", names.client(), "app=curl");
        List<String> clusters = clustersFor(sidecar, "80", names.host());
        assertEquals(1, clusters.size(), clusters.toString());
        assertTrue(clusters.get(0).startsWith("outbound|80|")
                && clusters.get(0).endsWith("|istio-egressgateway.istio-system.svc.cluster.local"), clusters.toString());
        for (JsonNode cluster : sidecar.path("clusters")) {
            assertFalse(cluster.toString().contains("kubernetes://" + names.clientSecret()),
                    "the sidecar itself holds no client certificate: " + cluster.path("name").asText());
        }
    }

    private static void assertServed(JsonNode dump, String secret, Path leaf, Path authority) throws Exception {
        JsonNode identity = secretNamed(dump, "kubernetes://" + secret);
        assertEquals(sha256(Files.readString(leaf)), sha256(decoded(identity.path("tls_certificate")
                .path("certificate_chain").path("inline_bytes"))), secret + ": the certificate kymaMtlsCerts made");
        JsonNode key = identity.path("tls_certificate").path("private_key");
        assertTrue(key.path("redacted").asBoolean() && key.path("size").asInt() > 100,
                secret + ": its key is served (and shown only by size and hash): " + key);
        JsonNode ca = secretNamed(dump, "kubernetes://" + secret + "-cacert");
        assertEquals(sha256(Files.readString(authority)), sha256(decoded(ca.path("validation_context").path("trusted_ca")
                .path("inline_bytes"))), secret + ": the CA kymaMtlsCerts made validates the peer");
    }

    private static JsonNode secretNamed(JsonNode dump, String name) {
        for (JsonNode secret : dump.path("secrets")) {
            if (secret.path("name").asText().equals(name)) {
                return secret;
            }
        }
        throw new AssertionError("istiod served no " + name + ": " + dump.path("secrets"));
    }

    private static String decoded(JsonNode base64) {
        return new String(Base64.getDecoder().decode(base64.asText()), StandardCharsets.US_ASCII);
    }

    /** The SHA-256 of the first certificate's DER encoding. */
    private static String sha256(String pem) throws Exception {
        return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(
                io.jenkins.plugins.kymamtls.certificates.PemMaterial.readCertificates("pem", pem).get(0).getEncoded()));
    }

    private static JsonNode egressCluster(SandboxCluster sandbox, String host) {
        JsonNode egress = sandbox.xds("router", "istio-egressgateway-xds", "istio-system",
                "app=istio-egressgateway,istio=egressgateway");
        for (JsonNode cluster : egress.path("clusters")) {
            if (cluster.path("name").asText().equals("outbound|443||" + host)) {
                return cluster;
            }
        }
        throw new AssertionError("no cluster outbound|443||" + host + " at the egress gateway: " + egress.path("clusters"));
    }

    private static JsonNode upstreamTls(JsonNode cluster) {
        JsonNode tls = cluster.path("transport_socket").path("typed_config");
        assertTrue(tls.path("@type").asText().endsWith("UpstreamTlsContext"), cluster.toString());
        return tls;
    }

    /** The clusters the named route configuration sends the host to. */
    private static List<String> clustersFor(JsonNode proxy, String routeName, String host) {
        List<String> clusters = new ArrayList<>();
        for (JsonNode route : proxy.path("routes")) {
            if (!route.path("name").asText().equals(routeName)) {
                continue;
            }
            for (JsonNode virtualHost : route.path("virtual_hosts")) {
                boolean ours = false;
                for (JsonNode domain : virtualHost.path("domains")) {
                    ours |= domain.asText().equals(host) || domain.asText().equals(host + ":80");
                }
                if (ours) {
                    virtualHost.path("routes").forEach(r -> clusters.add(r.path("route").path("cluster").asText()));
                }
            }
        }
        return clusters;
    }

    /** Plain HTTP to the host through the egress gateway stand-in, as from a pod; retried until {@code settled}. */
    private static int throughTheEgressGateway(SandboxCluster sandbox, String host, Predicate<Integer> settled)
            throws Exception {
        HttpClient http = HttpClient.newBuilder().proxy(ProxySelector.of(sandbox.egressProxy()))
                .connectTimeout(Duration.ofSeconds(5)).build();
        Instant deadline = Instant.now().plusSeconds(60);
        int status;
        do {
            status = http.send(HttpRequest.newBuilder(URI.create("http://" + host + "/headers"))
                    .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.discarding()).statusCode();
            if (settled.test(status)) {
                return status;
            }
            Thread.sleep(500);
        } while (Instant.now().isBefore(deadline));
        return status;
    }

    private static String base64(Path file) throws java.io.IOException {
        return Base64.getEncoder().encodeToString(Files.readString(file).getBytes(StandardCharsets.US_ASCII));
    }

}
