package io.jenkins.plugins.kymamtls.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import io.fabric8.mockwebserver.dsl.HttpMethod;
import io.fabric8.mockwebserver.http.Buffer;
import io.fabric8.mockwebserver.http.Headers;
import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.RecordedRequest;
import io.fabric8.mockwebserver.http.WebSocket;
import io.fabric8.mockwebserver.http.WebSocketListener;
import io.fabric8.mockwebserver.http.Response;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;

/**
 * fabric8's CRUD mock API server, taught what our steps need that it lacks: server-side apply
 * (PATCH {@code application/apply-patch+yaml}: create when absent, merge when present), pod logs
 * and pod exec. Every request is recorded so tests assert the requests themselves.
 */
public final class MockCluster implements AutoCloseable {

    /** One API request as the server saw it. */
    public record Request(String method, String path, String contentType, String body) {
        public String pathWithoutQuery() {
            int query = path.indexOf('?');
            return query < 0 ? path : path.substring(0, query);
        }

        public String query() {
            int query = path.indexOf('?');
            return query < 0 ? "" : path.substring(query + 1);
        }

        public boolean isWatch() {
            return query().contains("watch=true");
        }
    }

    /** What an exec in a pod prints and how it exits. */
    public record ExecResult(String stdout, int exitCode) {
    }

    /** Requests of the test's own stand-ins for controllers are not the step's requests. */
    private static final String CONTROLLER_AGENT = "mock-cluster-controller";

    private final Dispatcher dispatcher = new Dispatcher();
    private final KubernetesMockServer server;
    private final KubernetesClient client;
    private final KubernetesClient controllerClient;

    public MockCluster() {
        server = new KubernetesMockServer(new Context(Serialization.jsonMapper()), new MockWebServer(), new HashMap<>(),
                dispatcher, false);
        server.init();
        // Retries are the engines' own (ApiRetry); the client must not hide faults behind its own.
        client = new io.fabric8.kubernetes.client.KubernetesClientBuilder()
                .withConfig(new io.fabric8.kubernetes.client.ConfigBuilder(io.fabric8.kubernetes.client.Config.empty())
                        .withMasterUrl(masterUrl(server))
                        .withTrustCerts(true)
                        .withRequestRetryBackoffLimit(0)
                        .build())
                .build();
        controllerClient = new io.fabric8.kubernetes.client.KubernetesClientBuilder()
                .withConfig(new io.fabric8.kubernetes.client.ConfigBuilder(
                        io.fabric8.kubernetes.client.Config.empty())
                        .withMasterUrl(client.getMasterUrl().toString())
                        .withTrustCerts(true)
                        .withUserAgent(CONTROLLER_AGENT)
                        .withRequestRetryBackoffLimit(0)
                        .build())
                .build();
    }

    private static String masterUrl(KubernetesMockServer server) {
        try (KubernetesClient probe = server.createClient()) {
            return probe.getMasterUrl().toString();
        }
    }

    public KubernetesClient client() {
        return client;
    }

    /** A kubeconfig pointing at this server, as a user would hand it to a step. */
    public String kubeconfig() {
        return "apiVersion: v1\nkind: Config\ncurrent-context: mock\nclusters:\n- name: mock\n  cluster:\n    server: "
                + client.getMasterUrl() + "\n    insecure-skip-tls-verify: true\ncontexts:\n- name: mock\n  context:\n"
                + "    cluster: mock\n    user: tester\nusers:\n- name: tester\n  user:\n    token: not-a-real-token\n";
    }

    public List<Request> requests() {
        return List.copyOf(dispatcher.requests);
    }

    public void clearRequests() {
        dispatcher.requests.clear();
    }

    /**
     * Answers the next {@code times} requests whose method matches and whose path contains the
     * fragment with this status and a Kubernetes Status body carrying the message.
     */
    public void fail(String method, String pathFragment, int code, String message, int times) {
        dispatcher.faults.add(new Fault(method, pathFragment, code, message, new java.util.concurrent.atomic.AtomicInteger(times)));
    }

    public void clearFaults() {
        dispatcher.faults.clear();
    }

    private record Fault(String method, String pathFragment, int code, String message,
                         java.util.concurrent.atomic.AtomicInteger remaining) {
    }

    /** Answers GET .../pods/{pod}/log with this text. */
    public void podLog(String namespace, String pod, String text) {
        dispatcher.logs.put("/api/v1/namespaces/" + namespace + "/pods/" + pod + "/log", text);
    }

    /** Access reviews answer "not allowed" for this verb on this resource (plural), e.g. patch gateways. */
    public void deny(String verb, String resource) {
        dispatcher.denied.add(verb + " " + resource);
    }

    /** Answers exec in any pod of the namespace by the command's URL-encoded query. */
    public void onExec(Function<String, ExecResult> handler) {
        dispatcher.exec = handler;
    }

    /** Reads without being recorded, as a test's look at the cluster should. */
    public GenericKubernetesResource get(ResourceDefinitionContext kind, String namespace, String name) {
        return namespace == null ? controllerClient.genericKubernetesResources(kind).withName(name).get()
                : controllerClient.genericKubernetesResources(kind).inNamespace(namespace).withName(name).get();
    }

    public List<GenericKubernetesResource> list(ResourceDefinitionContext kind, String namespace) {
        return controllerClient.genericKubernetesResources(kind).inNamespace(namespace).list().getItems();
    }

    /** A client whose requests are not recorded: for setting the scene and looking at the result. */
    public KubernetesClient unrecorded() {
        return controllerClient;
    }

    /** Sets the scene: an object as it would already be on the cluster, without recording the request. */
    public void create(ResourceDefinitionContext kind, String namespace, String name, Map<String, String> labels,
                       Map<String, Object> spec, Map<String, Object> status) {
        GenericKubernetesResource resource = new GenericKubernetesResource();
        resource.setApiVersion(kind.getGroup().isEmpty() ? kind.getVersion() : kind.getGroup() + "/" + kind.getVersion());
        resource.setKind(kind.getKind());
        resource.setMetadata(new io.fabric8.kubernetes.api.model.ObjectMetaBuilder().withName(name).withNamespace(namespace)
                .withLabels(labels).build());
        resource.setAdditionalProperty("spec", spec);
        resource.setAdditionalProperty("status", status);
        controllerClient.genericKubernetesResources(kind).inNamespace(namespace).resource(resource).create();
    }

    /** Stands in for a controller: sets {@code status} on an object, as the API's /status would. */
    public void setStatus(ResourceDefinitionContext kind, String namespace, String name, Map<String, Object> status) {
        GenericKubernetesResource current = get(kind, namespace, name);
        current.setAdditionalProperty("status", status);
        controllerClient.genericKubernetesResources(kind).inNamespace(namespace).resource(current).update();
    }

    @Override
    public void close() {
        controllerClient.close();
        client.close();
        server.destroy();
    }

    private static final java.util.concurrent.ScheduledExecutorService EXEC_ANSWERS =
            java.util.concurrent.Executors.newSingleThreadScheduledExecutor(runnable -> {
                Thread thread = new Thread(runnable, "mock-exec-answers");
                thread.setDaemon(true);
                return thread;
            });

    private static final class Dispatcher extends KubernetesCrudDispatcher {
        final List<Request> requests = new CopyOnWriteArrayList<>();
        final Map<String, String> logs = new ConcurrentHashMap<>();
        final List<Fault> faults = new CopyOnWriteArrayList<>();
        volatile Function<String, ExecResult> exec = command -> new ExecResult("", 0);
        final Set<String> denied = ConcurrentHashMap.newKeySet();

        @Override
        public MockResponse dispatch(RecordedRequest request) {
            String contentType = request.getHeader("Content-Type");
            // Reading a body consumes it; keep the text and hand on a fresh copy.
            String text = request.getBody() == null ? "" : request.getUtf8Body();
            if (!CONTROLLER_AGENT.equals(request.getHeader("User-Agent"))) {
                requests.add(new Request(request.getMethod(), request.getPath(), contentType, text));
            }
            String path = request.getPath();
            String plain = path.contains("?") ? path.substring(0, path.indexOf('?')) : path;
            if (!CONTROLLER_AGENT.equals(request.getHeader("User-Agent"))) {
                for (Fault fault : faults) {
                    if (fault.method().equals(request.getMethod()) && path.contains(fault.pathFragment())
                            && fault.remaining().getAndDecrement() > 0) {
                        // A 429 carries the server's advice as the API server sends it.
                        MockResponse refusal = new MockResponse().setResponseCode(fault.code());
                        if (fault.code() == 429) {
                            refusal.setHeader("Retry-After", "0");
                        }
                        return refusal.setBody(Serialization.asJson(new io.fabric8.kubernetes.api.model.StatusBuilder()
                                        .withCode(fault.code()).withStatus("Failure").withMessage(fault.message())
                                        .withNewDetails().withRetryAfterSeconds(fault.code() == 429 ? 0 : null).endDetails()
                                        .build()));
                    }
                }
            }
            if ("POST".equals(request.getMethod()) && plain.endsWith("/selfsubjectaccessreviews")) {
                // The mock's user may do everything but what a test denies; the sandbox's real API
                // server tests refusals under real RBAC rules.
                ObjectNode review = (ObjectNode) Serialization.unmarshal(text, JsonNode.class);
                JsonNode asked = review.path("spec").path("resourceAttributes");
                review.putObject("status").put("allowed", !denied.contains(asked.path("verb").asText() + " "
                        + asked.path("resource").asText()));
                return new MockResponse().setResponseCode(201).setBody(Serialization.asJson(review));
            }
            if ("POST".equals(request.getMethod()) && plain.endsWith("/selfsubjectrulesreviews")) {
                // Everything allowed lists as one rule; with something denied the mock cannot list
                // the rules (RBAC has no deny rules), so it answers as a webhook authorizer does:
                // incomplete, and the access reviews decide.
                ObjectNode review = (ObjectNode) Serialization.unmarshal(text, JsonNode.class);
                ObjectNode status = review.putObject("status");
                status.put("incomplete", !denied.isEmpty());
                status.putArray("nonResourceRules");
                com.fasterxml.jackson.databind.node.ArrayNode rules = status.putArray("resourceRules");
                if (denied.isEmpty()) {
                    ObjectNode all = rules.addObject();
                    all.putArray("verbs").add("*");
                    all.putArray("apiGroups").add("*");
                    all.putArray("resources").add("*");
                }
                return new MockResponse().setResponseCode(201).setBody(Serialization.asJson(review));
            }
            if ("GET".equals(request.getMethod()) && plain.endsWith("/log")) {
                String log = logs.get(plain);
                return log == null ? new MockResponse().setResponseCode(404) : new MockResponse().setResponseCode(200).setBody(log);
            }
            if (plain.endsWith("/exec")) {
                return execute(path.substring(path.indexOf('?') + 1));
            }
            if ("PATCH".equals(request.getMethod()) && contentType != null
                    && contentType.startsWith("application/apply-patch+yaml")) {
                return serverSideApply(request.getPath(), text, plain);
            }
            if ("PATCH".equals(request.getMethod()) && contentType != null
                    && contentType.startsWith("application/merge-patch+json")) {
                return mergePatch(text, plain);
            }
            return super.dispatch(new RecordedRequest(request.getHttpVersion(), request.method(), request.getPath(),
                    request.getHeaders(), buffer(text)));
        }

        private MockResponse serverSideApply(String fullPath, String body, String path) {
            if (!fullPath.contains("fieldManager=")) {
                return new MockResponse().setResponseCode(422).setBody("{\"kind\":\"Status\",\"message\":\"fieldManager is required for apply requests\"}");
            }
            JsonNode applied = Serialization.unmarshal(body, JsonNode.class);
            Map.Entry<io.fabric8.mockwebserver.crud.AttributeSet, String> current = findResource(getKey(path));
            // Apply semantics for what the steps send: maps merge, lists are replaced whole (atomic).
            RecordedRequest translated = current != null
                    ? new RecordedRequest("HTTP/1.1", HttpMethod.PUT, path,
                            Headers.builder().add("Content-Type", "application/json").build(),
                            buffer(Serialization.asJson(merge(Serialization.unmarshal(current.getValue(), JsonNode.class),
                                    applied))))
                    : new RecordedRequest("HTTP/1.1", HttpMethod.POST, path.substring(0, path.lastIndexOf('/')),
                            Headers.builder().add("Content-Type", "application/json").build(),
                            buffer(Serialization.asJson(applied)));
            MockResponse response = super.dispatch(translated);
            // An apply answers 200 whether it created or updated.
            return response.code() == 201 || response.code() == 202 ? response.setResponseCode(200) : response;
        }

        /** RFC 7386, which the stock mock bends (it appends lists and keeps nulls). */
        private MockResponse mergePatch(String body, String path) {
            Map.Entry<io.fabric8.mockwebserver.crud.AttributeSet, String> current = findResource(getKey(path));
            if (current == null) {
                return new MockResponse().setResponseCode(404);
            }
            JsonNode merged = merge(Serialization.unmarshal(current.getValue(), JsonNode.class),
                    Serialization.unmarshal(body, JsonNode.class));
            MockResponse response = super.dispatch(new RecordedRequest("HTTP/1.1", HttpMethod.PUT, path,
                    Headers.builder().add("Content-Type", "application/json").build(), buffer(Serialization.asJson(merged))));
            return response.code() == 202 ? response.setResponseCode(200) : response;
        }

        private static JsonNode merge(JsonNode target, JsonNode patch) {
            if (!(target instanceof com.fasterxml.jackson.databind.node.ObjectNode object) || !patch.isObject()) {
                return patch.deepCopy();
            }
            patch.fields().forEachRemaining(field -> {
                if (field.getValue().isNull()) {
                    object.remove(field.getKey());
                } else {
                    object.set(field.getKey(), object.has(field.getKey())
                            ? merge(object.get(field.getKey()), field.getValue()) : field.getValue().deepCopy());
                }
            });
            return object;
        }

        private static Buffer buffer(String text) {
            return new Buffer().writeUtf8(text);
        }

        private MockResponse execute(String query) {
            ExecResult result = exec.apply(java.net.URLDecoder.decode(query, StandardCharsets.UTF_8));
            return new MockResponse().withWebSocketUpgrade(new WebSocketListener() {
                @Override
                public void onOpen(WebSocket webSocket, Response response) {
                    // Answer a moment later, as a real exec does: a stream closed within the upgrade can
                    // reach the client before it has finished opening, and the exec then never starts.
                    EXEC_ANSWERS.schedule(() -> answer(webSocket), 20, java.util.concurrent.TimeUnit.MILLISECONDS);
                }

                private void answer(WebSocket webSocket) {
                    webSocket.send(channel(1, result.stdout()));
                    String status = result.exitCode() == 0 ? "{\"kind\":\"Status\",\"status\":\"Success\"}"
                            : "{\"kind\":\"Status\",\"status\":\"Failure\",\"reason\":\"NonZeroExitCode\",\"details\":"
                                    + "{\"causes\":[{\"reason\":\"ExitCode\",\"message\":\"" + result.exitCode() + "\"}]}}";
                    webSocket.send(channel(3, status));
                    webSocket.close(1000, "done");
                }
            });
        }

        private static byte[] channel(int channel, String text) {
            byte[] payload = text.getBytes(StandardCharsets.UTF_8);
            byte[] frame = new byte[payload.length + 1];
            frame[0] = (byte) channel;
            System.arraycopy(payload, 0, frame, 1, payload.length);
            return frame;
        }
    }

    /** Requests other than watches, in order: what the step actually asked of the API. */
    public List<Request> calls() {
        List<Request> calls = new ArrayList<>();
        for (Request request : requests()) {
            if (!request.isWatch()) {
                calls.add(request);
            }
        }
        return calls;
    }
}
