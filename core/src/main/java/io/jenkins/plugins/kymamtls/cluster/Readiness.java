package io.jenkins.plugins.kymamtls.cluster;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What "ready" means for each thing the steps wait on, read from the object's status as the API
 * server returns it.
 */
public final class Readiness {

    /** Where an object stands: ready, failed for good (with the reason), or still on its way. */
    public record Verdict(State state, String detail) {
        public static Verdict waiting(String detail) {
            return new Verdict(State.WAITING, detail);
        }
    }

    public enum State { READY, FAILED, WAITING }

    private Readiness() {
    }

    /** Gone means the API server no longer has the object; until then, what holds it. */
    public static Verdict gone(GenericKubernetesResource resource) {
        if (resource == null) {
            return new Verdict(State.READY, "gone");
        }
        List<String> finalizers = resource.getMetadata().getFinalizers();
        return Verdict.waiting(resource.getMetadata().getDeletionTimestamp() == null ? "still there, not deleted"
                : "being deleted since " + resource.getMetadata().getDeletionTimestamp()
                + (finalizers == null || finalizers.isEmpty() ? "" : ", finalizers " + finalizers));
    }

    /** A Deployment is available when its Available condition is True. */
    public static Verdict deployment(GenericKubernetesResource deployment) {
        if (deployment == null) {
            return Verdict.waiting("not created yet");
        }
        for (Map<String, Object> condition : conditions(deployment)) {
            if ("Available".equals(condition.get("type"))) {
                if ("True".equals(condition.get("status"))) {
                    return new Verdict(State.READY, "available");
                }
                return Verdict.waiting("Available=" + condition.get("status") + " (" + condition.get("reason") + ": "
                        + condition.get("message") + ")");
            }
        }
        return Verdict.waiting("no Available condition yet");
    }

    /**
     * Kyma's operators (APIRule, Istio CR) report {@code status.state}: Ready, Processing, Error,
     * Warning, Deleting. Error and Warning do not resolve by waiting.
     */
    public static Verdict kymaState(GenericKubernetesResource resource) {
        if (resource == null) {
            return Verdict.waiting("not created yet");
        }
        Map<String, Object> status = status(resource);
        Object state = status.get("state");
        Object description = status.get("description");
        if ("Ready".equals(state)) {
            return new Verdict(State.READY, "Ready");
        }
        if ("Error".equals(state) || "Warning".equals(state)) {
            return new Verdict(State.FAILED, "status.state " + state
                    + (description == null ? "" : ": " + description));
        }
        return Verdict.waiting(state == null ? "no status yet" : "status.state " + state
                + (description == null ? "" : " (" + description + ")"));
    }

    /**
     * The Kyma Istio CR: Kyma sets Warning after a successful install for reasons that concern
     * other workloads ("Some Pods with Istio sidecar injection failed to restart"), so Warning is
     * not a failure here; the egress gateway Deployment becoming available decides. Error is.
     */
    public static Verdict istioState(GenericKubernetesResource resource) {
        Verdict verdict = kymaState(resource);
        Map<String, Object> status = resource == null ? Map.of() : status(resource);
        if ("Warning".equals(status.get("state"))) {
            Object description = status.get("description");
            return new Verdict(State.READY, "Warning" + (description == null ? "" : ": " + description));
        }
        return verdict;
    }

    /** A Pod, as a verdict for a wait: ready, or waiting with its phase. */
    public static Verdict pod(GenericKubernetesResource pod) {
        if (pod == null) {
            return Verdict.waiting("no such pod yet");
        }
        return podReady(pod) ? new Verdict(State.READY, "Ready") : Verdict.waiting("pod " + pod.getMetadata().getName()
                + " is not Ready (phase " + status(pod).get("phase") + ")");
    }

    /** A Pod is ready when its Ready condition is True and it is not being deleted. */
    public static boolean podReady(GenericKubernetesResource pod) {
        if (pod.getMetadata().getDeletionTimestamp() != null) {
            return false;
        }
        return conditions(pod).stream()
                .anyMatch(c -> "Ready".equals(c.get("type")) && "True".equals(c.get("status")));
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> status(GenericKubernetesResource resource) {
        Object status = resource.getAdditionalProperties().get("status");
        return status instanceof Map<?, ?> map ? (Map<String, Object>) map : Map.of();
    }

    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> conditions(GenericKubernetesResource resource) {
        Object conditions = status(resource).get("conditions");
        if (conditions instanceof List<?> list) {
            return list.stream().filter(Objects::nonNull).filter(Map.class::isInstance)
                    .map(c -> (Map<String, Object>) c).toList();
        }
        return List.of();
    }
}
