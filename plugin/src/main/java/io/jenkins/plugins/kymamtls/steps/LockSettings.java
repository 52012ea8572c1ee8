package io.jenkins.plugins.kymamtls.steps;

import hudson.EnvVars;
import hudson.FilePath;
import hudson.Launcher;
import hudson.model.Run;
import hudson.model.TaskListener;
import io.jenkins.plugins.kymamtls.work.LockWork;
import java.io.IOException;
import java.util.Map;

/** What kymaLockEgress and its build step share: the parameters and the one way to run them. */
interface LockSettings {

    String getCredentialsId();

    String getContext();

    String getNamespace();

    String getDomain();

    String getDnsAddresses();

    String getAllowedUrl();

    String getBlockedUrl();

    int getReadyTimeout();

    int getVerifyTimeout();

    static Map<String, Object> perform(LockSettings settings, Run<?, ?> run, FilePath workspace, EnvVars env,
                                       Launcher launcher,
                                       TaskListener listener) throws IOException, InterruptedException {
        LockWork.Options options = new LockWork.Options();
        options.domain(settings.getDomain());
        options.dnsAddresses(settings.getDnsAddresses());
        options.allowedUrl(settings.getAllowedUrl());
        options.blockedUrl(settings.getBlockedUrl());
        String kubeconfig = KubeconfigCredentials.read(settings.getCredentialsId(), run, "credentialsId");
        return StepRunner.run(env, new LockWork(kubeconfig, settings.getCredentialsId(), settings.getContext(),
                settings.getNamespace(), options, settings.getReadyTimeout(), settings.getVerifyTimeout()),
                workspace, listener);
    }
}
