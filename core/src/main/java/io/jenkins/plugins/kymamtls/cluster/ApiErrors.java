package io.jenkins.plugins.kymamtls.cluster;

import io.fabric8.kubernetes.api.model.Status;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.net.HttpURLConnection;

/** Turns API failures into one line: status, verb, resource, namespace and the server's reason. */
public final class ApiErrors {

    private ApiErrors() {
    }

    /**
     * @param verb what was being done: {@code patch}, {@code get}, {@code delete}, …
     * @param resource plural and group, e.g. {@code istios.operator.kyma-project.io}
     * @param name the object's name, or null for a collection
     * @param namespace null for cluster-scoped resources
     */
    public static ClusterFailure describe(KubernetesClientException e, String verb, String resource, String name,
                                          String namespace) {
        StringBuilder message = new StringBuilder();
        int code = e.getCode();
        if (code > 0) {
            message.append(code).append(' ').append(reason(code)).append(": ");
        } else {
            message.append("no answer from the API server: ");
        }
        message.append("cannot ").append(verb).append(' ').append(resource);
        if (name != null) {
            message.append(' ').append(name);
        }
        if (namespace != null) {
            message.append(" in ").append(namespace);
        }
        Status status = e.getStatus();
        String detail = status != null && status.getMessage() != null ? status.getMessage() : rootMessage(e);
        if (detail != null && !detail.isBlank()) {
            message.append(": ").append(detail.strip().replace('\n', ' '));
        }
        return new ClusterFailure(message.toString(), e);
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root == e ? e.getMessage() : root.getClass().getSimpleName() + ": " + root.getMessage();
    }

    static String reason(int code) {
        return switch (code) {
            case HttpURLConnection.HTTP_BAD_REQUEST -> "bad request";
            case HttpURLConnection.HTTP_UNAUTHORIZED -> "unauthorized (the kubeconfig's credentials were refused)";
            case HttpURLConnection.HTTP_FORBIDDEN -> "forbidden";
            case HttpURLConnection.HTTP_NOT_FOUND -> "not found";
            case HttpURLConnection.HTTP_CONFLICT -> "conflict";
            case 422 -> "invalid";
            case 429 -> "too many requests";
            case HttpURLConnection.HTTP_INTERNAL_ERROR -> "internal server error";
            case HttpURLConnection.HTTP_BAD_GATEWAY -> "bad gateway";
            case HttpURLConnection.HTTP_UNAVAILABLE -> "service unavailable";
            case HttpURLConnection.HTTP_GATEWAY_TIMEOUT -> "gateway timeout";
            default -> "error";
        };
    }
}
