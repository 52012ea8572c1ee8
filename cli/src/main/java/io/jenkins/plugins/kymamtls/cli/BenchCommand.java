package io.jenkins.plugins.kymamtls.cli;

import io.jenkins.plugins.kymamtls.files.AtomicFiles;
import io.jenkins.plugins.kymamtls.certificates.CertificateEngine;
import io.jenkins.plugins.kymamtls.certificates.CertificateRequest;
import io.jenkins.plugins.kymamtls.certificates.KeyAlgorithm;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * Times, in one run, the in-process generation of the whole set against the tutorial's openssl
 * commands that make the same three certificates, and reports medians and ratios. Medians, because
 * on a small shared machine single runs vary widely.
 */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = "Time in-process certificate generation against the tutorial's openssl commands.")
final class BenchCommand implements Callable<Integer> {

    private static final String DOMAIN = "httpbin.bench.example";
    private static final String CLIENT = "client.bench.example";

    @Spec
    CommandSpec spec;

    @Option(names = "--rounds", defaultValue = "15", description = "Measured rounds per flow (default: ${DEFAULT-VALUE}).")
    int rounds;

    @Option(names = "--warmup-seconds", defaultValue = "4",
            description = "Unmeasured in-process rounds for this long first, so the JIT has compiled the path"
                    + " (default: ${DEFAULT-VALUE}).")
    double warmupSeconds;

    /** openssl runs as new processes each time; a couple of rounds only warm the page cache. */
    private static final double OPENSSL_WARMUP_SECONDS = 1;

    @Option(names = "--openssl", defaultValue = "openssl", description = "openssl binary (default: ${DEFAULT-VALUE}).")
    String openssl;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        Path work = Files.createTempDirectory("kyma-mtls-bench");
        try {
            out.printf(Locale.ROOT, "rounds=%d warmup=%.0fs (openssl %.0fs) cores=%d java=%s%n", rounds, warmupSeconds,
                    OPENSSL_WARMUP_SECONDS,
                    Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"));
            out.println("| key algorithm | in-process median ms | openssl median ms | in-process / openssl |");
            out.println("|---|---|---|---|");
            double rsaInProcess = 0;
            double ecInProcess = 0;
            for (KeyAlgorithm algorithm : List.of(KeyAlgorithm.RSA_2048, KeyAlgorithm.EC_P256)) {
                double inProcess = median(work, algorithm, warmupSeconds, this::inProcess);
                double tutorial = median(work, algorithm, OPENSSL_WARMUP_SECONDS, this::opensslFlow);
                out.printf(Locale.ROOT, "| %s | %.1f | %.1f | %.2f |%n", algorithm.id(), inProcess, tutorial,
                        inProcess / tutorial);
                if (algorithm == KeyAlgorithm.RSA_2048) {
                    rsaInProcess = inProcess;
                } else {
                    ecInProcess = inProcess;
                }
            }
            out.printf(Locale.ROOT, "in-process rsa-2048 / ec-p256: %.1f%n", rsaInProcess / ecInProcess);
            return 0;
        } finally {
            AtomicFiles.deleteTree(work);
        }
    }

    private interface Flow {
        void run(Path directory, KeyAlgorithm algorithm) throws Exception;
    }

    private double median(Path work, KeyAlgorithm algorithm, double warmupSeconds, Flow flow) throws Exception {
        long warmupEnd = System.nanoTime() + (long) (warmupSeconds * 1e9);
        while (System.nanoTime() < warmupEnd) {
            time(work, algorithm, flow);
        }
        List<Double> millis = new ArrayList<>();
        for (int i = 0; i < rounds; i++) {
            millis.add(time(work, algorithm, flow));
        }
        millis.sort(Comparator.naturalOrder());
        int middle = millis.size() / 2;
        return millis.size() % 2 == 1 ? millis.get(middle) : (millis.get(middle - 1) + millis.get(middle)) / 2;
    }

    private static double time(Path work, KeyAlgorithm algorithm, Flow flow) throws Exception {
        Path directory = Files.createDirectory(work.resolve(algorithm.id() + "-" + System.nanoTime()));
        long start = System.nanoTime();
        flow.run(directory, algorithm);
        long elapsed = System.nanoTime() - start;
        AtomicFiles.deleteTree(directory);
        return elapsed / 1e6;
    }

    /** The same work as {@code kyma-mtls certs --no-self-test}: three keys, three certificates, files. */
    private void inProcess(Path directory, KeyAlgorithm algorithm) {
        new CertificateEngine().generate(CertificateRequest.builder(DOMAIN, CLIENT).keyAlgorithm(algorithm)
                .outputDirectory(directory).selfTest(false).build(), line -> { });
    }

    /** The tutorial's five openssl commands, with the key type swapped in for EC. */
    private void opensslFlow(Path directory, KeyAlgorithm algorithm) throws IOException, InterruptedException {
        List<String> newKey = algorithm.isRsa() ? List.of("-newkey", "rsa:2048")
                : List.of("-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1");
        run(directory, concat(List.of(openssl, "req", "-x509", "-sha256", "-nodes", "-days", "365"), newKey,
                List.of("-subj", "/O=example Inc./CN=" + DOMAIN, "-keyout", "egress.key", "-out", "egress.crt")));
        int serial = 0;
        for (String[] leaf : new String[][] {{DOMAIN, "/CN=" + DOMAIN + "/O=some organization"},
            {CLIENT, "/CN=" + CLIENT + "/O=client organization"}}) {
            run(directory, concat(List.of(openssl, "req", "-out", leaf[0] + ".csr"), newKey,
                    List.of("-nodes", "-keyout", leaf[0] + ".key", "-subj", leaf[1])));
            run(directory, List.of(openssl, "x509", "-req", "-sha256", "-days", "365", "-CA", "egress.crt",
                    "-CAkey", "egress.key", "-set_serial", Integer.toString(serial++), "-in", leaf[0] + ".csr",
                    "-out", leaf[0] + ".crt"));
        }
    }

    private static List<String> concat(List<String> first, List<String> second, List<String> third) {
        return Stream.of(first, second, third).flatMap(List::stream).toList();
    }

    private static void run(Path directory, List<String> command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).directory(directory.toFile()).redirectErrorStream(true).start();
        byte[] output = process.getInputStream().readAllBytes();
        if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
            throw new IOException(String.join(" ", command) + " failed: " + new String(output));
        }
    }

}
