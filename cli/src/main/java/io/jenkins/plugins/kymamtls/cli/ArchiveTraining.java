package io.jenkins.plugins.kymamtls.cli;

import io.jenkins.plugins.kymamtls.files.AtomicFiles;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The training run behind the class-data archive the build makes for the launcher: the commands
 * people run as fresh processes, in one JVM, so {@code -XX:DumpLoadedClassList} lists every class
 * they load for the static archive. Cluster commands are trained up to their input checks;
 * connecting needs a cluster.
 */
public final class ArchiveTraining {

    private ArchiveTraining() {
    }

    public static void main(String[] args) throws IOException {
        Path work = Files.createTempDirectory("kyma-mtls-training");
        try {
            String certs = work.resolve("certs").toString();
            List<String[]> commands = List.of(
                    new String[] {"--help"},
                    new String[] {"--version"},
                    new String[] {"certs", "--help"},
                    new String[] {"certs", "--domain", "httpbin.training.example", "--client", "client.training.example",
                        "--out", certs},
                    new String[] {"certs", "--domain", "httpbin.training.example", "--client", "client.training.example",
                        "--out", work.resolve("ec").toString(), "--key-algorithm", "ec-p256"},
                    new String[] {"plan", "--domain", "httpbin.training.example", "--client", "client.training.example",
                        "--namespace", "training", "--out", work.resolve("plan").toString()},
                    new String[] {"status", "--client-kubeconfig", work.resolve("missing").toString()},
                    new String[] {"certs", "--domain", "Not A Host", "--client", "client.training.example"});
            for (String[] command : commands) {
                KymaMtlsCommand.execute(new PrintWriter(new StringWriter()), new PrintWriter(new StringWriter()), command);
            }
        } finally {
            AtomicFiles.deleteTree(work);
        }
    }
}
