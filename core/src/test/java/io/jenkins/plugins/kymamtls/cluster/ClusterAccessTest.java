package io.jenkins.plugins.kymamtls.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.jenkins.plugins.kymamtls.input.InvalidInputException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A kubeconfig is checked before any connection, and whatever is wrong with it is said without
 * quoting it: it holds tokens and keys.
 */
class ClusterAccessTest {

    private static final String TOKEN = "s3cr3t-token-value";

    private static String kubeconfig(String currentContext, boolean insecure) {
        return "apiVersion: v1\nkind: Config\n"
                + (currentContext == null ? "" : "current-context: " + currentContext + "\n")
                + "clusters:\n"
                + "- name: target\n  cluster:\n    server: https://127.0.0.1:6443\n"
                + (insecure ? "    insecure-skip-tls-verify: true\n" : "")
                + "- name: client\n  cluster:\n    server: https://127.0.0.2:6443\n"
                + "contexts:\n"
                + "- name: target-admin\n  context:\n    cluster: target\n    user: admin\n"
                + "- name: client-admin\n  context:\n    cluster: client\n    user: admin\n"
                + "- name: dangling\n  context:\n    cluster: gone\n    user: admin\n"
                + "users:\n- name: admin\n  user:\n    token: " + TOKEN + "\n";
    }

    private static InvalidInputException refused(String kubeconfig, String context) {
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> ClusterAccess.check(kubeconfig, context));
        assertFalse(e.getMessage().contains(TOKEN), e.getMessage());
        assertFalse(e.getMessage().contains("\n"), e.getMessage());
        return e;
    }

    @Test
    void theCurrentContextIsUsedUnlessOneIsNamed() {
        assertEquals("target-admin", ClusterAccess.check(kubeconfig("target-admin", false), null));
        assertEquals("target-admin", ClusterAccess.check(kubeconfig("target-admin", false), "  "));
        assertEquals("client-admin", ClusterAccess.check(kubeconfig("target-admin", false), " client-admin "));
        assertEquals("client-admin", ClusterAccess.check(kubeconfig(null, false), "client-admin"));
    }

    @Test
    void emptyBinaryOrOversizedContentIsRefusedAsTheKubeconfig() {
        assertEquals("kubeconfig: is empty; expected kubeconfig YAML with clusters, users and contexts",
                refused(null, null).getMessage());
        assertEquals("kubeconfig", refused(" \n", null).field());
        assertEquals("kubeconfig: is binary or larger than 4 MiB; expected kubeconfig YAML with clusters, users and"
                + " contexts", refused("apiVersion: v1\0", null).getMessage());
        // Refused by its length alone, before the YAML parser spends seconds on it.
        String big = kubeconfig("target-admin", false) + "#".repeat((4 << 20) - kubeconfig("target-admin", false).length());
        assertEquals("kubeconfig", refused(big + "#", null).field());
        // At the limit the content is parsed: here it fails at its first character, '@' being reserved in YAML.
        assertEquals("kubeconfig: is not valid kubeconfig YAML; expected kubeconfig YAML with clusters, users and"
                + " contexts", refused("@" + "a".repeat((4 << 20) - 1), null).getMessage());
    }

    @Test
    void unparsableYamlIsRefusedWithoutQuotingIt() {
        InvalidInputException e = refused("users: [token: " + TOKEN + "\n  : {", null);
        assertEquals("kubeconfig: is not valid kubeconfig YAML; expected kubeconfig YAML with clusters, users and"
                + " contexts", e.getMessage());
    }

    @Test
    void aKubeconfigWithoutContextsOrClustersIsRefused() {
        String noContexts = "apiVersion: v1\nkind: Config\nclusters:\n- name: a\n  cluster:\n    server: https://127.0.0.1\n"
                + "users:\n- name: admin\n  user:\n    token: " + TOKEN + "\n";
        assertEquals("kubeconfig: has no contexts or no clusters; expected kubeconfig YAML with clusters, users and"
                + " contexts", refused(noContexts, null).getMessage());
        String noClusters = "apiVersion: v1\nkind: Config\ncontexts:\n- name: a\n  context:\n    cluster: a\n";
        assertEquals("kubeconfig", refused(noClusters, null).field());
        assertEquals("kubeconfig", refused("apiVersion: v1\nkind: Config\n", null).field());
    }

    @Test
    void contextsThatCannotBeUsedAreRefusedAsTheContext() {
        assertEquals("context: is not given and the kubeconfig has no current-context; expected one of [target-admin,"
                + " client-admin, dangling]", refused(kubeconfig(null, false), null).getMessage());
        assertEquals("context: 'prod' is not allowed; expected one of the kubeconfig's contexts [target-admin,"
                + " client-admin, dangling]", refused(kubeconfig("target-admin", false), "prod").getMessage());
        assertEquals("context: 'dangling' names cluster 'gone', which the kubeconfig does not define; expected a"
                + " context whose cluster is listed", refused(kubeconfig("dangling", false), null).getMessage());
    }

    @Test
    void theClientTalksToTheContextsClusterAndInsecureConfigsAreWarnedAbout() {
        List<String> log = new ArrayList<>();
        try (KubernetesClient client = ClusterAccess.connect(kubeconfig("target-admin", false), "client-admin", log::add)) {
            assertEquals("https://127.0.0.2:6443/", client.getConfiguration().getMasterUrl());
            assertEquals(0, client.getConfiguration().getRequestRetryBackoffLimit());
            assertEquals(TOKEN, client.getConfiguration().getAutoOAuthToken());
        }
        assertEquals(List.of(), log);
        try (KubernetesClient client = ClusterAccess.connect(kubeconfig("target-admin", true), null, log::add)) {
            assertTrue(client.getConfiguration().isTrustCerts());
        }
        assertEquals(List.of("WARNING: the kubeconfig sets insecure-skip-tls-verify for context 'target-admin': the API"
                + " server's certificate is not verified"), log);
        assertThrows(InvalidInputException.class, () -> ClusterAccess.connect(kubeconfig(null, false), null, log::add));
    }
}
