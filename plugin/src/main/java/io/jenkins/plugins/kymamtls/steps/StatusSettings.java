package io.jenkins.plugins.kymamtls.steps;

import hudson.EnvVars;
import hudson.FilePath;
import hudson.Launcher;
import hudson.model.Run;
import hudson.model.TaskListener;
import io.jenkins.plugins.kymamtls.work.StatusWork;
import java.io.IOException;
import java.util.Map;

/** What kymaMtlsStatus and its build step share: the parameters and the one way to run them. */
interface StatusSettings {

    String getTargetCredentialsId();

    String getTargetContext();

    String getClientCredentialsId();

    String getClientContext();

    String getNamespace();

    String getDomain();

    String getSecretName();

    String getClientSecretName();

    int getWarnDays();

    String getCertsDir();

    static Map<String, Object> perform(StatusSettings settings, Run<?, ?> run, FilePath workspace, EnvVars env,
                                       Launcher launcher,
                                       TaskListener listener) throws IOException, InterruptedException {
        StatusWork.Cluster target = cluster(settings.getTargetCredentialsId(), settings.getTargetContext(), run,
                "targetCredentialsId");
        StatusWork.Cluster client = cluster(settings.getClientCredentialsId(), settings.getClientContext(), run,
                "clientCredentialsId");
        return StepRunner.run(env, new StatusWork(target, client, new StatusWork.Options(settings.getSecretName(),
                settings.getClientSecretName(), settings.getNamespace(), settings.getDomain(), settings.getWarnDays(),
                settings.getCertsDir())), workspace, listener);
    }

    private static StatusWork.Cluster cluster(String credentialsId, String context, Run<?, ?> run, String field)
            throws IOException {
        return credentialsId == null ? null
                : new StatusWork.Cluster(KubeconfigCredentials.read(credentialsId, run, field), credentialsId, context);
    }
}
