package io.jenkins.plugins.kymamtls.steps;

import hudson.EnvVars;
import hudson.FilePath;
import hudson.Launcher;
import hudson.model.Run;
import hudson.model.TaskListener;
import io.jenkins.plugins.kymamtls.work.CertsWork;
import java.io.IOException;
import java.util.Map;

/** What kymaMtlsCerts and its build step share: the parameters and the one way to run them. */
interface CertsSettings {

    String getDomain();

    String getClient();

    String getCertsDir();

    String getKeyAlgorithm();

    int getDays();

    int getCaDays();

    int getRenewBefore();

    boolean isRenew();

    boolean isRenewCa();

    String getRotateCa();

    String getOrg();

    String getCaCredentialsId();

    boolean isArchiveKeys();

    boolean isForce();

    boolean isSelfTest();

    static Map<String, Object> perform(CertsSettings settings, Run<?, ?> run, FilePath workspace, EnvVars env,
                                       Launcher launcher,
                                       TaskListener listener) throws IOException, InterruptedException {
        String caBundle = settings.getCaCredentialsId() == null ? null
                : KubeconfigCredentials.readCa(settings.getCaCredentialsId(), run, "caCredentialsId");
        CertsWork work = new CertsWork(settings.getDomain(), settings.getClient(), settings.getCertsDir(),
                settings.getKeyAlgorithm(), settings.getDays(), settings.getOrg(), caBundle,
                settings.getCaCredentialsId(), settings.isForce(), settings.isSelfTest(),
                new CertsWork.Lifetime(settings.getCaDays(), settings.getRenewBefore(), settings.isRenew(),
                        settings.isRenewCa(), settings.getRotateCa()));
        Map<String, Object> result = StepRunner.run(env, work, workspace, listener);
        StepRunner.archive(result, settings.isArchiveKeys(), run, workspace, launcher, listener);
        return result;
    }
}
