package io.jenkins.plugins.kymamtls.testing;

import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.jenkins.plugins.kymamtls.cluster.ClusterAccess;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * The local Kyma-shaped cluster of {@code sandbox/} (a real kube-apiserver, etcd, controller-manager
 * and scheduler, kwok as the node, the upstream CRDs, stand-ins for Istio and Kyma), started once per
 * test run with {@code sandbox/start} in {@code target/sandbox} and stopped at its end; the logs of
 * every process stay in {@code target/sandbox/logs}.
 *
 * <p>Without Go the sandbox cannot be built and the tests are skipped with one line saying so; with
 * the variable {@code CI} set they must run, and a missing tool is a failure.
 */
public final class SandboxCluster implements ExtensionContext.Store.CloseableResource {

    /** Use with {@code @ExtendWith}: starts the sandbox before the class and injects it. */
    public static final class Extension implements BeforeAllCallback, ParameterResolver {
        @Override
        public void beforeAll(ExtensionContext context) {
            shared(context);
        }

        @Override
        public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
            return parameter.getParameter().getType() == SandboxCluster.class;
        }

        @Override
        public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
            return shared(context);
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path sandbox;
    private final Path directory;
    private final Map<String, String> env;

    private SandboxCluster(Path sandbox, Path directory, Map<String, String> env) {
        this.sandbox = sandbox;
        this.directory = directory;
        this.env = env;
    }

    private static SandboxCluster shared(ExtensionContext context) {
        return context.getRoot().getStore(ExtensionContext.Namespace.create(SandboxCluster.class))
                .getOrComputeIfAbsent(SandboxCluster.class, key -> start(), SandboxCluster.class);
    }

    private static SandboxCluster start() {
        ExternalTools.require("go", "haproxy", "python3");
        Path sandbox = sandboxSources();
        Path directory = Path.of("target", "sandbox").toAbsolutePath();
        try {
            Files.createDirectories(directory);
            // Progress (the first build takes tens of minutes) goes to the test output as it comes.
            Process process = new ProcessBuilder(sandbox.resolve("start").toString(), directory.toString())
                    .redirectOutput(ProcessBuilder.Redirect.INHERIT)
                    .redirectError(ProcessBuilder.Redirect.INHERIT)
                    .start();
            process.getOutputStream().close();
            if (!process.waitFor(80, TimeUnit.MINUTES)) {
                process.destroyForcibly();
                fail("sandbox/start did not finish in 80 minutes");
            }
            if (process.exitValue() != 0) {
                fail("sandbox/start failed with exit " + process.exitValue() + "; logs in " + directory.resolve("logs"));
            }
            return new SandboxCluster(sandbox, directory, readEnv(directory.resolve("env")));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static Path sandboxSources() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isExecutable(dir.resolve("sandbox").resolve("start"))) {
                return dir.resolve("sandbox");
            }
        }
        throw new IllegalStateException("no sandbox/start above " + Path.of("").toAbsolutePath());
    }

    private static Map<String, String> readEnv(Path file) throws IOException {
        Map<String, String> env = new LinkedHashMap<>();
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            int eq = line.indexOf('=');
            if (eq > 0) {
                env.put(line.substring(0, eq), line.substring(eq + 1));
            }
        }
        return env;
    }

    /** Kubeconfig content of the cluster administrator (client certificate). */
    public String kubeconfig() {
        try {
            return Files.readString(kubeconfigFile(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public Path kubeconfigFile() {
        return Path.of(env.get("KUBECONFIG"));
    }

    /** A fresh administrator client; close it. */
    public KubernetesClient client() {
        return ClusterAccess.connect(kubeconfig(), null, line -> { });
    }

    /** Where the stand-in ingress gateway listens on port 443: the value for {@code --resolve}. */
    public String ingressAddress() {
        return env.get("KYMA_MTLS_RESOLVE");
    }

    /** The egress gateway stand-in's HTTP address, which a pod's plain HTTP goes to (as to its sidecar). */
    public java.net.InetSocketAddress egressProxy() {
        java.net.URI proxy = java.net.URI.create(env.get("KYMA_MTLS_EGRESS_PROXY"));
        return new java.net.InetSocketAddress(proxy.getHost(), proxy.getPort());
    }

    /** A URL whose host refuses connections, for the lock step's blocked-URL check. */
    public String blockedUrl() {
        return env.get("KYMA_MTLS_BLOCKED_URL");
    }

    public Path auditLog() {
        return Path.of(env.get("KYMA_MTLS_AUDIT_LOG"));
    }

    public Path directory() {
        return directory;
    }

    /** Runs the sandbox's own kubectl against it; returns exit code and combined output. */
    public ExternalTools.Result kubectl(String... args) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(env.get("KYMA_MTLS_SANDBOX_BIN"), "kubectl").toString());
        command.add("--kubeconfig");
        command.add(kubeconfigFile().toString());
        command.addAll(List.of(args));
        return run(command);
    }

    /** A command of the sandbox's, run in its folder; exit code and combined output. */
    private ExternalTools.Result run(List<String> command) {
        try {
            return ExternalTools.run(directory, command);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /**
     * Runs Istio's own istioctl, built from the pinned module by {@code sandbox/build-istio} (cached after
     * the first build), against this cluster; returns exit code and combined output.
     */
    public ExternalTools.Result istioctl(String... args) {
        if (istioctl == null) {
            ExternalTools.Result built = run(List.of(sandbox.resolve("build-istio").toString()));
            if (!built.succeeded()) {
                fail("sandbox/build-istio failed: " + built.output());
            }
            String[] lines = built.output().strip().split("\n");
            istioctl = Path.of(lines[lines.length - 1]).resolve("istioctl");
        }
        List<String> command = new ArrayList<>(List.of(istioctl.toString(), "--kubeconfig", kubeconfigFile().toString()));
        command.addAll(List.of(args));
        return run(command);
    }

    private Path istioctl;

    /**
     * What istiod, started by {@code sandbox/start}, generates for one proxy, read over its xDS port by
     * {@code xds-dump} (sandbox/istio/cmd/xds-dump) connecting as that proxy: {@code clusters},
     * {@code listeners} and {@code routes}, as Envoy would receive them, private keys redacted.
     *
     * @param type {@code router} for a gateway, {@code sidecar} for a pod's proxy
     * @param labels the pod's labels as {@code k=v,k=v}: a Gateway's selector picks the gateway by them
     */
    public com.fasterxml.jackson.databind.JsonNode xds(String type, String name, String namespace, String labels) {
        return dump(List.of("-addr", env.get("KYMA_MTLS_ISTIOD_XDS"), "-type", type, "-name", name, "-namespace",
                namespace, "-labels", labels));
    }

    /**
     * As {@link #xds}, over istiod's secure port as a gateway of istio-system with its ServiceAccount's
     * SPIFFE identity (a workload certificate signed here with istiod's own CA from istio-ca-secret, as
     * istio-agent would obtain one), asking also for the SDS secrets named: {@code secrets} then holds
     * what istiod serves that gateway for each credentialName, private keys redacted.
     */
    public com.fasterxml.jackson.databind.JsonNode xdsWithSecrets(String name, String labels, String serviceAccount,
                                                                  String... secrets) {
        Path identity = directory.resolve("workload-" + serviceAccount);
        try {
            Files.createDirectories(identity);
            for (String entry : List.of("ca-cert.pem", "ca-key.pem")) {
                String data = kubectlOk("-n", "istio-system", "get", "secret", "istio-ca-secret", "-o",
                        "jsonpath={.data." + entry.replace(".", "\\.") + "}").strip();
                Files.write(identity.resolve(entry), java.util.Base64.getDecoder().decode(data));
            }
            Files.writeString(identity.resolve("ext.cnf"), "subjectAltName=URI:spiffe://cluster.local/ns/istio-system/sa/"
                    + serviceAccount + "\nextendedKeyUsage=clientAuth,serverAuth\n");
            for (List<String> command : List.of(
                    List.of("openssl", "req", "-new", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes",
                            "-keyout", "workload.key", "-subj", "/O=cluster.local", "-out", "workload.csr"),
                    List.of("openssl", "x509", "-req", "-in", "workload.csr", "-CA", "ca-cert.pem", "-CAkey",
                            "ca-key.pem", "-CAcreateserial", "-days", "1", "-extfile", "ext.cnf", "-out", "workload.crt"))) {
                ExternalTools.Result made = ExternalTools.run(identity, command);
                if (!made.succeeded()) {
                    fail(String.join(" ", command) + " failed: " + made.output());
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        return dump(List.of("-addr", env.get("KYMA_MTLS_ISTIOD_SECURE_XDS"), "-cert",
                identity.resolve("workload.crt").toString(), "-key", identity.resolve("workload.key").toString(), "-ca",
                identity.resolve("ca-cert.pem").toString(), "-type", "router", "-name", name, "-namespace", "istio-system",
                "-labels", labels, "-secrets", String.join(",", secrets)));
    }

    private com.fasterxml.jackson.databind.JsonNode dump(List<String> args) {
        List<String> command = new ArrayList<>(List.of(env.get("KYMA_MTLS_XDS_DUMP")));
        command.addAll(args);
        ExternalTools.Result dumped = run(command);
        if (!dumped.succeeded()) {
            fail("xds-dump " + args + " failed: " + dumped.output());
        }
        try {
            String output = dumped.output();
            return new com.fasterxml.jackson.databind.ObjectMapper().readTree(output.substring(output.indexOf('{')));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The egress gateway stand-in's haproxy configuration, as it runs now. */
    public String egressStandInConfig() {
        try {
            return Files.readString(directory.resolve("standins").resolve("egressgateway").resolve("haproxy.cfg"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** kubectl that must succeed; returns its output. */
    public String kubectlOk(String... args) {
        ExternalTools.Result result = kubectl(args);
        if (!result.succeeded()) {
            fail("kubectl " + String.join(" ", args) + " failed: " + result.output());
        }
        return result.output();
    }

    /**
     * Kills kube-apiserver, as a crash would, and starts it again with the same command line, ports
     * and data; everything else keeps running and reconnects.
     */
    public void restartApiServer() {
        Path cluster = Path.of(env.get("KYMA_MTLS_SANDBOX_CLUSTER"));
        Path pidFile = cluster.resolve("pids").resolve("kube-apiserver.pid");
        try {
            long pid = Long.parseLong(Files.readString(pidFile).strip());
            ProcessHandle running = ProcessHandle.of(pid).orElseThrow(() -> new IllegalStateException(
                    "kube-apiserver (pid " + pid + ") is not running"));
            List<String> command = new java.util.ArrayList<>(List.of(Files.readString(Path.of("/proc",
                    Long.toString(pid), "cmdline")).split("\0")));
            // The killed server's connections linger in TIME_WAIT on its port; without SO_REUSEADDR,
            // which kube-apiserver sets only when asked, the new one cannot bind it for a while.
            if (command.stream().noneMatch(arg -> arg.startsWith("--permit-address-sharing"))) {
                command.add("--permit-address-sharing=true");
            }
            running.destroyForcibly();
            awaitExit(pid);
            for (int attempt = 1; ; attempt++) {
                Process started = new ProcessBuilder(command).directory(cluster.toFile()).redirectErrorStream(true)
                        .redirectOutput(ProcessBuilder.Redirect.appendTo(cluster.resolve("logs")
                                .resolve("kube-apiserver.log").toFile()))
                        .start();
                // kwokctl stops the cluster by this file; keep it pointing at the running server.
                Files.writeString(pidFile, Long.toString(started.pid()));
                for (int i = 0; i < 600 && started.isAlive() && !kubectl("get", "--raw", "/readyz").succeeded(); i++) {
                    Thread.sleep(100);
                }
                if (started.isAlive() || attempt == 3) {
                    break;
                }
                Thread.sleep(2000);
            }
            kubectlOk("get", "--raw", "/readyz");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /**
     * Waits until the process is gone or a zombie: it is not our child (kwokctl started it), and
     * whoever adopted it may never reap it.
     */
    private static void awaitExit(long pid) throws IOException, InterruptedException {
        Path stat = Path.of("/proc", Long.toString(pid), "stat");
        for (int i = 0; i < 600; i++) {
            if (!Files.exists(stat)) {
                return;
            }
            String fields = Files.readString(stat);
            if (fields.substring(fields.lastIndexOf(')') + 2).startsWith("Z")) {
                return;
            }
            Thread.sleep(100);
        }
        throw new IllegalStateException("kube-apiserver (pid " + pid + ") did not stop in 60 s");
    }

    /** API requests of one kind of client in a time window, by what they did, from the audit log. */
    public record Requests(int accessChecks, int writes, int reads, int lists, int watches, int execs, int logs) {
        public int total() {
            return accessChecks + writes + reads + lists + watches + execs + logs;
        }
    }

    /**
     * Counts, from the API server's audit log (not from our own counters), the requests received
     * between {@code from} and {@code to} from clients whose User-Agent starts with the prefix. Every
     * request is counted once, whatever stages the log records for it.
     */
    public Requests requests(Instant from, Instant to, String userAgentPrefix) {
        int accessChecks = 0;
        int writes = 0;
        int reads = 0;
        int lists = 0;
        int watches = 0;
        int execs = 0;
        int logs = 0;
        Set<String> seen = new HashSet<>();
        List<String> lines;
        try {
            lines = Files.readAllLines(auditLog(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        for (String line : lines) {
            JsonNode event;
            try {
                event = JSON.readTree(line);
            } catch (IOException partialLastLine) {
                continue;
            }
            Instant received = Instant.parse(event.path("requestReceivedTimestamp").asText());
            if (received.isBefore(from) || received.isAfter(to)
                    || !event.path("userAgent").asText().startsWith(userAgentPrefix)
                    || !seen.add(event.path("auditID").asText())) {
                continue;
            }
            String subresource = event.path("objectRef").path("subresource").asText();
            String resource = event.path("objectRef").path("resource").asText();
            switch (resource.startsWith("selfsubject") ? "access" : subresource.equals("exec") ? "exec"
                    : subresource.equals("log") ? "log" : event.path("verb").asText()) {
                case "access" -> accessChecks++;
                case "exec" -> execs++;
                case "log" -> logs++;
                case "get" -> reads++;
                case "list" -> lists++;
                case "watch" -> watches++;
                default -> writes++;
            }
        }
        return new Requests(accessChecks, writes, reads, lists, watches, execs, logs);
    }

    @Override
    public void close() throws Exception {
        Process process = new ProcessBuilder(sandbox.resolve("stop").toString(), directory.toString())
                .redirectErrorStream(true).redirectOutput(directory.resolve("stop.log").toFile()).start();
        process.waitFor(2, TimeUnit.MINUTES);
    }
}
