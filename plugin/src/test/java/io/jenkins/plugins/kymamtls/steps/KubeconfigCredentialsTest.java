package io.jenkins.plugins.kymamtls.steps;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.cloudbees.plugins.credentials.Credentials;
import hudson.model.Descriptor;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.jenkinsci.plugins.plaincredentials.FileCredentials;
import org.junit.jupiter.api.Test;

class KubeconfigCredentialsTest {

    /** A Secret file credential as the credentials plugin would hand it out. */
    private record SecretFile(String id, byte[] content) implements FileCredentials {
        @Override
        public String getFileName() {
            return "kubeconfig";
        }

        @Override
        public InputStream getContent() {
            return new ByteArrayInputStream(content);
        }

        @Override
        public String getId() {
            return id;
        }

        @Override
        public String getDescription() {
            return "test";
        }

        @Override
        public Descriptor<Credentials> getDescriptor() {
            throw new UnsupportedOperationException();
        }
    }

    @Test
    void readsTheKubeconfigOfASecretFile() throws Exception {
        String kubeconfig = "apiVersion: v1\nkind: Config\n";
        assertEquals(kubeconfig, KubeconfigCredentials.content(
                new SecretFile("target", kubeconfig.getBytes(StandardCharsets.UTF_8)), "target", "credentialsId"));
    }

    @Test
    void refusesAHugeFileNamingTheIdButNotTheContent() {
        assertEquals(null, KubeconfigCredentials.sizeProblem(4 << 20, "big", "credentialsId"));
        assertEquals("[kyma-mtls] credentialsId: the file of credentials 'big' is larger than 4 MiB; expected a kubeconfig"
                + " or PEM file", KubeconfigCredentials.sizeProblem((4 << 20) + 1, "big", "credentialsId"));
    }
}
