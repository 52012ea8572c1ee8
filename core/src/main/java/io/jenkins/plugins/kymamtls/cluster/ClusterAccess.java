package io.jenkins.plugins.kymamtls.cluster;

import io.fabric8.kubernetes.api.model.ExecConfig;
import io.fabric8.kubernetes.api.model.ExecEnvVar;
import io.fabric8.kubernetes.api.model.NamedAuthInfo;
import io.fabric8.kubernetes.api.model.NamedCluster;
import io.fabric8.kubernetes.api.model.NamedContext;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.internal.KubeConfigUtils;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.jenkins.plugins.kymamtls.input.InvalidInputException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * Builds a Kubernetes client from kubeconfig content held in memory (from a Jenkins credential or a
 * file the user named); the content is never written anywhere and never appears in a message.
 * Whatever fabric8 supports in a kubeconfig works: tokens, client certificates, exec plugins (whose
 * binary must exist where the step runs).
 */
public final class ClusterAccess {

    public static final String KUBECONFIG_FIELD = "kubeconfig";
    public static final String CONTEXT_FIELD = "context";
    private static final int MAX_KUBECONFIG_CHARS = 4 << 20;

    private ClusterAccess() {
    }

    /**
     * Checks the kubeconfig and the context before any connection; returns the context used.
     *
     * @param context a context name, or null/blank for the kubeconfig's current context
     */
    public static String check(String kubeconfig, String context) {
        if (kubeconfig == null || kubeconfig.isBlank()) {
            throw InvalidInputException.problem(KUBECONFIG_FIELD, "is empty; expected kubeconfig YAML with clusters,"
                    + " users and contexts");
        }
        if (kubeconfig.length() > MAX_KUBECONFIG_CHARS || kubeconfig.indexOf('\0') >= 0) {
            throw InvalidInputException.problem(KUBECONFIG_FIELD, "is binary or larger than 4 MiB; expected kubeconfig"
                    + " YAML with clusters, users and contexts");
        }
        io.fabric8.kubernetes.api.model.Config parsed;
        try {
            parsed = KubeConfigUtils.parseConfigFromString(kubeconfig);
        } catch (RuntimeException e) {
            // The parser's message can quote the content, which holds tokens and keys.
            throw InvalidInputException.problem(KUBECONFIG_FIELD, "is not valid kubeconfig YAML; expected kubeconfig"
                    + " YAML with clusters, users and contexts");
        }
        if (parsed == null || parsed.getContexts() == null || parsed.getContexts().isEmpty()
                || parsed.getClusters() == null || parsed.getClusters().isEmpty()) {
            throw InvalidInputException.problem(KUBECONFIG_FIELD, "has no contexts or no clusters; expected kubeconfig"
                    + " YAML with clusters, users and contexts");
        }
        List<String> names = parsed.getContexts().stream().map(NamedContext::getName).toList();
        String wanted = context == null || context.isBlank() ? parsed.getCurrentContext() : context.strip();
        if (wanted == null || wanted.isBlank()) {
            throw InvalidInputException.problem(CONTEXT_FIELD, "is not given and the kubeconfig has no current-context;"
                    + " expected one of " + names);
        }
        if (!names.contains(wanted)) {
            throw new InvalidInputException(CONTEXT_FIELD, wanted, "one of the kubeconfig's contexts " + names);
        }
        NamedContext named = parsed.getContexts().stream().filter(c -> c.getName().equals(wanted)).findFirst()
                .orElseThrow();
        String clusterName = named.getContext() == null ? null : named.getContext().getCluster();
        if (parsed.getClusters().stream().map(NamedCluster::getName).noneMatch(n -> n.equals(clusterName))) {
            throw InvalidInputException.problem(CONTEXT_FIELD, "'" + wanted + "' names cluster '" + clusterName
                    + "', which the kubeconfig does not define; expected a context whose cluster is listed");
        }
        return wanted;
    }

    // Config.fromKubeconfig(context, content, path) is the 7.3 way to pick a context from content held
    // in memory; Jenkins pins kubernetes-client 7.3.1, where it works as documented.
    public static KubernetesClient connect(String kubeconfig, String context, Consumer<String> log) {
        return connect(kubeconfig, context, Map.of(), log);
    }

    /**
     * @param environment variables an exec credential plugin named in the kubeconfig runs with, on top
     *     of this process's own (a Jenkins build's: withEnv, withCredentials, tool paths); a variable the
     *     kubeconfig's exec section sets itself keeps the kubeconfig's value
     * @param log receives a warning when the kubeconfig itself turns off TLS verification
     */
    @SuppressWarnings("removal")
    public static KubernetesClient connect(String kubeconfig, String context, Map<String, String> environment,
                                           Consumer<String> log) {
        String used = check(kubeconfig, context);
        Config config;
        try {
            config = Config.fromKubeconfig(used, withExecEnvironment(kubeconfig, environment), null);
        } catch (RuntimeException e) {
            throw InvalidInputException.problem(KUBECONFIG_FIELD, "cannot be used for context '" + used + "' ("
                    + e.getClass().getSimpleName() + "); expected a complete kubeconfig");
        }
        // Retries are ours (ApiRetry): bounded, with Retry-After, and said in the log.
        config.setRequestRetryBackoffLimit(0);
        if (config.isTrustCerts()) {
            log.accept("WARNING: the kubeconfig sets insecure-skip-tls-verify for context '" + used
                    + "': the API server's certificate is not verified");
        }
        return new KubernetesClientBuilder().withConfig(config).build();
    }

    /**
     * The kubeconfig with the environment added to every exec credential plugin's {@code env}, in
     * memory only. fabric8 starts the plugin with this process's environment plus that list.
     */
    static String withExecEnvironment(String kubeconfig, Map<String, String> environment) {
        if (environment == null || environment.isEmpty()) {
            return kubeconfig;
        }
        io.fabric8.kubernetes.api.model.Config parsed = KubeConfigUtils.parseConfigFromString(kubeconfig);
        boolean changed = false;
        for (NamedAuthInfo user : parsed.getUsers() == null ? List.<NamedAuthInfo>of() : parsed.getUsers()) {
            ExecConfig exec = user.getUser() == null ? null : user.getUser().getExec();
            if (exec == null) {
                continue;
            }
            List<ExecEnvVar> env = new ArrayList<>(exec.getEnv() == null ? List.of() : exec.getEnv());
            Set<String> own = new HashSet<>();
            env.forEach(variable -> own.add(variable.getName()));
            new TreeMap<>(environment).forEach((name, value) -> {
                if (!own.contains(name) && value != null) {
                    env.add(new ExecEnvVar(name, value));
                }
            });
            exec.setEnv(env);
            changed = true;
        }
        return changed ? Serialization.asYaml(parsed) : kubeconfig;
    }
}
