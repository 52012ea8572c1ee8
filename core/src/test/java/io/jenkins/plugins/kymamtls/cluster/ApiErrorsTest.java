package io.jenkins.plugins.kymamtls.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import io.fabric8.kubernetes.api.model.Status;
import io.fabric8.kubernetes.api.model.StatusBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.net.ConnectException;
import org.junit.jupiter.api.Test;

/** One line per API failure: code and its meaning, what was being done to what, and the server's reason. */
class ApiErrorsTest {

    private static KubernetesClientException answered(int code, String message) {
        Status status = new StatusBuilder().withCode(code).withMessage(message).build();
        return new KubernetesClientException(status);
    }

    @Test
    void anAnswerNamesCodeVerbResourceObjectNamespaceAndTheServersMessageOnOneLine() {
        KubernetesClientException e = answered(403, "istios.operator.kyma-project.io \"default\" is forbidden:\n"
                + "User \"ci\" cannot patch resource");
        ClusterFailure failure = ApiErrors.describe(e, "patch", "istios.operator.kyma-project.io", "default", "kyma-system");
        assertEquals("403 forbidden: cannot patch istios.operator.kyma-project.io default in kyma-system:"
                + " istios.operator.kyma-project.io \"default\" is forbidden: User \"ci\" cannot patch resource",
                failure.getMessage());
        assertSame(e, failure.getCause());
    }

    @Test
    void collectionsAndClusterScopedResourcesLeaveOutNameAndNamespace() {
        assertEquals("404 not found: cannot list apirules.gateway.kyma-project.io",
                ApiErrors.describe(answered(404, null), "list", "apirules.gateway.kyma-project.io", null, null).getMessage());
        assertEquals("409 conflict: cannot create namespaces mtls-demo: already exists",
                ApiErrors.describe(answered(409, "  already exists  "), "create", "namespaces", "mtls-demo", null)
                        .getMessage());
    }

    @Test
    void noAnswerNamesTheRootCause() {
        KubernetesClientException e = new KubernetesClientException("Operation: [get] failed",
                new IllegalStateException("wrapped", new ConnectException("Connection refused")));
        assertEquals("no answer from the API server: cannot get pods curl in mtls-client: ConnectException: Connection refused",
                ApiErrors.describe(e, "get", "pods", "curl", "mtls-client").getMessage());
        assertEquals("no answer from the API server: cannot get pods: closed",
                ApiErrors.describe(new KubernetesClientException("closed", 0, null), "get", "pods", null, null).getMessage());
        assertEquals("no answer from the API server: cannot get pods: timed out",
                ApiErrors.describe(new KubernetesClientException("timed out"), "get", "pods", null, null).getMessage());
    }

    @Test
    void everyCodeTheStepsMeetHasItsMeaning() {
        assertEquals("bad request", ApiErrors.reason(400));
        assertEquals("unauthorized (the kubeconfig's credentials were refused)", ApiErrors.reason(401));
        assertEquals("forbidden", ApiErrors.reason(403));
        assertEquals("not found", ApiErrors.reason(404));
        assertEquals("conflict", ApiErrors.reason(409));
        assertEquals("invalid", ApiErrors.reason(422));
        assertEquals("too many requests", ApiErrors.reason(429));
        assertEquals("internal server error", ApiErrors.reason(500));
        assertEquals("bad gateway", ApiErrors.reason(502));
        assertEquals("service unavailable", ApiErrors.reason(503));
        assertEquals("gateway timeout", ApiErrors.reason(504));
        assertEquals("error", ApiErrors.reason(418));
    }
}
