package com.cloudbees.plugins.credentials;

import com.cloudbees.plugins.credentials.common.IdCredentials;
import com.cloudbees.plugins.credentials.domains.DomainRequirement;
import hudson.model.Run;
import java.util.List;

public abstract class CredentialsProvider {
    public CredentialsProvider() {
    }

    public static <C extends IdCredentials> C findCredentialById(String id, Class<C> type, Run<?, ?> run,
                                                                 List<DomainRequirement> domainRequirements) {
        throw new UnsupportedOperationException("compile-only declaration");
    }

    public static <C extends Credentials> C track(Run<?, ?> build, C credentials) {
        throw new UnsupportedOperationException("compile-only declaration");
    }
}
