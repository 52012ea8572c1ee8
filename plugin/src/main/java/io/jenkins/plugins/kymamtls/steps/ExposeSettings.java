package io.jenkins.plugins.kymamtls.steps;

import hudson.EnvVars;
import hudson.FilePath;
import hudson.Launcher;
import hudson.model.Run;
import hudson.model.TaskListener;
import io.jenkins.plugins.kymamtls.work.ExposeWork;
import java.io.IOException;
import java.util.Map;

/** What kymaExposeMtls and its build step share: the parameters and the one way to run them. */
interface ExposeSettings {

    String getCredentialsId();

    String getContext();

    String getDomain();

    String getNamespace();

    String getCertsDir();

    String getClient();

    String getCaCert();

    String getServerCert();

    String getServerKey();

    String getClientCert();

    String getClientKey();

    boolean isWorkload();

    String getServiceName();

    int getServicePort();

    String getGatewayName();

    String getSecretName();

    String getApiRuleName();

    String getMethods();

    String getPath();

    String getResolve();

    String getHttpbinImage();

    int getReadyTimeout();

    int getVerifyTimeout();

    static Map<String, Object> perform(ExposeSettings settings, Run<?, ?> run, FilePath workspace, EnvVars env,
                                       Launcher launcher,
                                       TaskListener listener) throws IOException, InterruptedException {
        ExposeWork.Options options = new ExposeWork.Options();
        options.certsDir(settings.getCertsDir());
        options.caCert(settings.getCaCert());
        options.serverCert(settings.getServerCert());
        options.serverKey(settings.getServerKey());
        options.client(settings.getClient());
        options.clientCert(settings.getClientCert());
        options.clientKey(settings.getClientKey());
        options.workload(settings.isWorkload());
        options.serviceName(settings.getServiceName());
        options.servicePort(settings.getServicePort());
        options.gatewayName(settings.getGatewayName());
        options.secretName(settings.getSecretName());
        options.apiRuleName(settings.getApiRuleName());
        options.methods(settings.getMethods());
        options.path(settings.getPath());
        options.resolve(settings.getResolve());
        options.httpbinImage(settings.getHttpbinImage());
        String kubeconfig = KubeconfigCredentials.read(settings.getCredentialsId(), run, "credentialsId");
        return StepRunner.run(env, new ExposeWork(kubeconfig, settings.getCredentialsId(), settings.getContext(),
                settings.getDomain(), settings.getNamespace(), options, settings.getReadyTimeout(),
                settings.getVerifyTimeout()), workspace, listener);
    }
}
