package io.jenkins.plugins.kymamtls.steps;

import hudson.EnvVars;
import hudson.FilePath;
import hudson.Launcher;
import hudson.model.Run;
import hudson.model.TaskListener;
import io.jenkins.plugins.kymamtls.work.EgressWork;
import java.io.IOException;
import java.util.Map;

/** What kymaEgressRoute and its build step share: the parameters and the one way to run them. */
interface EgressSettings {

    String getCredentialsId();

    String getContext();

    String getDomain();

    String getNamespace();

    String getCertsDir();

    String getClient();

    String getCaCert();

    String getClientCert();

    String getClientKey();

    String getSecretName();

    boolean isCurlWorkload();

    boolean isEnableEgressGateway();

    boolean isAccessLogging();

    String getCurlImage();

    int getReadyTimeout();

    int getVerifyTimeout();

    static Map<String, Object> perform(EgressSettings settings, Run<?, ?> run, FilePath workspace, EnvVars env,
                                       Launcher launcher,
                                       TaskListener listener) throws IOException, InterruptedException {
        EgressWork.Options options = new EgressWork.Options();
        options.certsDir(settings.getCertsDir());
        options.caCert(settings.getCaCert());
        options.client(settings.getClient());
        options.clientCert(settings.getClientCert());
        options.clientKey(settings.getClientKey());
        options.secretName(settings.getSecretName());
        options.curlWorkload(settings.isCurlWorkload());
        options.enableEgressGateway(settings.isEnableEgressGateway());
        options.accessLogging(settings.isAccessLogging());
        options.curlImage(settings.getCurlImage());
        String kubeconfig = KubeconfigCredentials.read(settings.getCredentialsId(), run, "credentialsId");
        return StepRunner.run(env, new EgressWork(kubeconfig, settings.getCredentialsId(), settings.getContext(),
                settings.getDomain(), settings.getNamespace(), options, settings.getReadyTimeout(),
                settings.getVerifyTimeout()), workspace, listener);
    }
}
