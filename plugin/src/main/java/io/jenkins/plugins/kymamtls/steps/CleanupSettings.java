package io.jenkins.plugins.kymamtls.steps;

import hudson.EnvVars;
import hudson.FilePath;
import hudson.Launcher;
import hudson.model.Run;
import hudson.model.TaskListener;
import io.jenkins.plugins.kymamtls.work.CleanupWork;
import java.io.IOException;
import java.util.Map;

/** What kymaMtlsCleanup and its build step share: the parameters and the one way to run them. */
interface CleanupSettings {

    String getCredentialsId();

    String getContext();

    String getNamespace();

    String getParts();

    String getSecretName();

    String getClientSecretName();

    int getReadyTimeout();

    static Map<String, Object> perform(CleanupSettings settings, Run<?, ?> run, FilePath workspace, EnvVars env,
                                       Launcher launcher,
                                       TaskListener listener) throws IOException, InterruptedException {
        String kubeconfig = KubeconfigCredentials.read(settings.getCredentialsId(), run, "credentialsId");
        return StepRunner.run(env, new CleanupWork(kubeconfig, settings.getCredentialsId(), settings.getContext(),
                settings.getNamespace(), settings.getParts(), settings.getSecretName(), settings.getClientSecretName(),
                settings.getReadyTimeout()), workspace, listener);
    }
}
