package io.jenkins.plugins.kymamtls.cluster;

import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What a user needs to see when a wait fails: the object's status and conditions, and the
 * namespace's recent Warning events. Never the object itself (a Secret's data would show).
 */
public final class Diagnostics {

    private static final int EVENTS = 5;

    private final KubernetesClient client;
    private final String namespace;

    private Diagnostics(KubernetesClient client, String namespace) {
        this.client = client;
        this.namespace = namespace;
    }

    public static Diagnostics of(KubernetesClient client, String namespace) {
        return new Diagnostics(client, namespace);
    }

    public String describe(GenericKubernetesResource resource) {
        StringBuilder text = new StringBuilder();
        if (resource != null) {
            Map<String, Object> status = Readiness.status(resource);
            if (status.containsKey("state")) {
                text.append("\n  status.state: ").append(status.get("state"));
            }
            if (status.containsKey("description")) {
                text.append("\n  status.description: ").append(status.get("description"));
            }
            for (Map<String, Object> condition : Readiness.conditions(resource)) {
                text.append("\n  condition ").append(condition.get("type")).append('=').append(condition.get("status"))
                        .append(condition.get("reason") == null ? "" : " " + condition.get("reason"))
                        .append(condition.get("message") == null ? "" : ": " + condition.get("message"));
            }
        }
        try {
            List<Event> warnings = client.v1().events().inNamespace(namespace).list().getItems().stream()
                    .filter(event -> "Warning".equals(event.getType()))
                    .sorted(Comparator.comparing((Event e) -> Objects.toString(e.getLastTimestamp(), "")).reversed())
                    .limit(EVENTS).toList();
            for (Event event : warnings) {
                text.append("\n  event ").append(event.getReason()).append(" on ")
                        .append(event.getInvolvedObject().getKind()).append(' ')
                        .append(event.getInvolvedObject().getName()).append(": ").append(event.getMessage());
            }
        } catch (KubernetesClientException e) {
            text.append("\n  (events of ").append(namespace).append(" could not be read: HTTP ").append(e.getCode())
                    .append(')');
        }
        return text.toString();
    }

    /**
     * The last lines of the logs of the gateway pods with {@code istio=<istioLabel>} in istio-system,
     * where Envoy says why it refused or could not route a request.
     */
    public String gatewayLogs(String istioLabel, int lines) {
        StringBuilder text = new StringBuilder();
        try {
            PodCommands pods = new PodCommands(client);
            for (String pod : pods.pods("istio-system", "istio", istioLabel)) {
                String log = pods.tail("istio-system", pod, "istio-proxy", lines);
                if (!log.isEmpty()) {
                    text.append("\n  last lines of ").append(pod).append(':').append(tail(log, lines));
                }
            }
        } catch (ClusterFailure e) {
            text.append("\n  (").append(istioLabel).append(" logs could not be read: ").append(e.getMessage()).append(')');
        }
        return text.toString();
    }

    /** The last lines of a log, for failure messages. */
    public static String tail(String log, int lines) {
        if (log == null || log.isEmpty()) {
            return "";
        }
        List<String> all = log.lines().toList();
        StringBuilder text = new StringBuilder();
        for (String line : all.subList(Math.max(0, all.size() - lines), all.size())) {
            text.append("\n  | ").append(line);
        }
        return text.toString();
    }
}
