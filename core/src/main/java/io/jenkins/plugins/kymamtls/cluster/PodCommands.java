package io.jenkins.plugins.kymamtls.cluster;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.http.WebSocketHandshakeException;
import io.fabric8.kubernetes.client.dsl.ExecWatch;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** Runs commands in pods and reads their logs, as {@code kubectl exec} and {@code kubectl logs} do. */
public final class PodCommands {

    private final KubernetesClient client;

    public PodCommands(KubernetesClient client) {
        this.client = client;
    }

    /** What a command printed and how it ended; exit code -1 when it did not end in time. */
    public record Outcome(int exitCode, String stdout, String stderr) {
    }

    /** A ready pod with these labels, not merely the first name in a list; the newest if several. */
    public GenericKubernetesResource readyPod(String namespace, String labelKey, String labelValue) {
        List<GenericKubernetesResource> pods;
        try {
            pods = client.genericKubernetesResources(ResourceKinds.POD).inNamespace(namespace).withLabel(labelKey, labelValue)
                    .list().getItems();
        } catch (KubernetesClientException e) {
            throw ApiErrors.describe(e, "list", "pods", null, namespace);
        }
        return pods.stream().filter(Readiness::podReady)
                .max(Comparator.comparing(pod -> String.valueOf(pod.getMetadata().getCreationTimestamp())))
                .orElseThrow(() -> new ClusterFailure("no ready pod with " + labelKey + "=" + labelValue + " in "
                        + namespace + " (" + pods.size() + " found, none Ready)"));
    }

    /** Names of all pods with these labels, ready or not. */
    public List<String> pods(String namespace, String labelKey, String labelValue) {
        try {
            return client.genericKubernetesResources(ResourceKinds.POD).inNamespace(namespace).withLabel(labelKey, labelValue)
                    .list().getItems().stream().map(pod -> pod.getMetadata().getName()).sorted().toList();
        } catch (KubernetesClientException e) {
            throw ApiErrors.describe(e, "list", "pods", null, namespace);
        }
    }

    /**
     * Runs a command in a pod as it was listed: fabric8 checks the container against the pod it is
     * given ({@code PodOperationsImpl.validateOrDefaultContainerId} reads the pod from the server only
     * when it has none, {@code BaseOperation.getItemOrRequireFromServer}), so an exec is one request.
     */
    public Outcome exec(GenericKubernetesResource listed, String container, Duration timeout, String... command) {
        String namespace = listed.getMetadata().getNamespace();
        String pod = listed.getMetadata().getName();
        Pod typed = client.getKubernetesSerialization().convertValue(listed, Pod.class);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        try (ExecWatch watch = client.pods().resource(typed).inContainer(container)
                .writingOutput(out).writingError(err).exec(command)) {
            int exit = watch.exitCode().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            return new Outcome(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
        } catch (TimeoutException e) {
            return new Outcome(-1, out.toString(StandardCharsets.UTF_8), "timed out after " + timeout.toSeconds() + " s");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ClusterFailure("interrupted during exec in pod " + pod + " in " + namespace);
        } catch (ExecutionException e) {
            return failedExec(e.getCause(), namespace, pod);
        } catch (KubernetesClientException e) {
            return failedExec(e, namespace, pod);
        }
    }

    /**
     * A refusal (4xx: no such pod, no right to exec) ends the step; anything else (the exec stream
     * did not open, the connection dropped) is one failed attempt the verification may repeat.
     */
    private static Outcome failedExec(Throwable cause, String namespace, String pod) {
        if (cause instanceof KubernetesClientException api && api.getCode() >= 400 && api.getCode() < 500) {
            throw ApiErrors.describe(api, "exec in", "pods", pod, namespace);
        }
        // The exec stream is a WebSocket: the API server's refusal (no pods/exec right, no such pod)
        // arrives as a rejected upgrade somewhere in the causes, not as an API answer.
        Throwable root = cause;
        for (Throwable step = cause; step != null; step = step.getCause() == step ? null : step.getCause()) {
            if (step instanceof WebSocketHandshakeException handshake && handshake.getResponse() != null
                    && handshake.getResponse().code() >= 400 && handshake.getResponse().code() < 500) {
                throw ApiErrors.describe(new KubernetesClientException("the exec stream was refused",
                        handshake.getResponse().code(), null), "exec in", "pods", pod, namespace);
            }
            root = step;
        }
        return new Outcome(-1, "", "exec in pod " + pod + " did not run: " + root.getClass().getSimpleName() + ": "
                + root.getMessage());
    }

    /**
     * The log of one container since some seconds ago (by the node's clock, so the step's clock does
     * not matter), whole, not a tail: access log lines may be anywhere in it.
     */
    public String log(String namespace, String pod, String container, int sinceSeconds) {
        try {
            String log = client.pods().inNamespace(namespace).withName(pod).inContainer(container)
                    .sinceSeconds(Math.max(1, sinceSeconds)).getLog();
            return log == null ? "" : log;
        } catch (KubernetesClientException e) {
            throw ApiErrors.describe(e, "get logs of", "pods", pod, namespace);
        }
    }

    /** The last lines of one container's log, cut by the server: for failure messages. */
    public String tail(String namespace, String pod, String container, int lines) {
        try {
            String log = client.pods().inNamespace(namespace).withName(pod).inContainer(container)
                    .tailingLines(lines).getLog();
            return log == null ? "" : log;
        } catch (KubernetesClientException e) {
            throw ApiErrors.describe(e, "get logs of", "pods", pod, namespace);
        }
    }
}
