package io.jenkins.plugins.kymamtls.steps;

import com.cloudbees.plugins.credentials.CredentialsMatcher;
import com.cloudbees.plugins.credentials.CredentialsMatchers;
import com.cloudbees.plugins.credentials.CredentialsProvider;
import com.cloudbees.plugins.credentials.common.StandardCredentials;
import com.cloudbees.plugins.credentials.common.StandardListBoxModel;
import hudson.AbortException;
import hudson.model.Item;
import hudson.model.Run;
import hudson.security.ACL;
import hudson.util.ListBoxModel;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import jenkins.model.Jenkins;
import org.jenkinsci.plugins.plaincredentials.FileCredentials;
import org.jenkinsci.plugins.plaincredentials.StringCredentials;

/**
 * Kubeconfigs and CA bundles kept in Jenkins: a Secret file or a Secret text credential. Messages
 * name the id and the accepted types, never the content.
 */
final class KubeconfigCredentials {

    static final String ACCEPTED = "a Secret file or Secret text credential";
    private static final long MAX_BYTES = 4 << 20;

    private KubeconfigCredentials() {
    }

    /** Reads the credential's text for this build and records its use on the build. */
    static String read(String id, Run<?, ?> run, String field) throws IOException {
        if (id == null || id.isBlank()) {
            throw new AbortException(StepLog.PREFIX + field + " is required: the id of " + ACCEPTED);
        }
        StandardCredentials credentials = CredentialsProvider.findCredentialById(id, StandardCredentials.class, run,
                List.of());
        if (credentials == null) {
            throw new AbortException(StepLog.PREFIX + field + ": no credentials with id '" + id
                    + "' are visible to this build; expected " + ACCEPTED);
        }
        String text;
        if (credentials instanceof FileCredentials file) {
            text = content(file, id, field);
        } else if (credentials instanceof StringCredentials string) {
            text = string.getSecret().getPlainText();
        } else {
            throw new AbortException(StepLog.PREFIX + field + ": credentials '" + id + "' are of another type; expected "
                    + ACCEPTED);
        }
        CredentialsProvider.track(run, credentials);
        return text;
    }

    static String content(FileCredentials file, String id, String field) throws IOException {
        try (InputStream in = file.getContent()) {
            byte[] bytes = in.readNBytes((int) MAX_BYTES + 1);
            String problem = sizeProblem(bytes.length, id, field);
            if (problem != null) {
                throw new AbortException(problem);
            }
            return new String(bytes, StandardCharsets.UTF_8);
        }
    }

    /** Null when the size is fine; the message names the id, never the content. */
    static String sizeProblem(int length, String id, String field) {
        return length <= MAX_BYTES ? null : StepLog.PREFIX + field + ": the file of credentials '" + id
                + "' is larger than 4 MiB; expected a kubeconfig or PEM file";
    }

    /** The drop-down of the build step forms; only for users who may configure the job. */
    static ListBoxModel choices(Item item, String current) {
        StandardListBoxModel result = new StandardListBoxModel();
        boolean allowed = item == null ? Jenkins.get().hasPermission(Jenkins.ADMINISTER)
                : item.hasPermission(Item.EXTENDED_READ) || item.hasPermission(Item.CONFIGURE);
        if (!allowed) {
            result.includeCurrentValue(current);
            return result;
        }
        CredentialsMatcher accepted = CredentialsMatchers.anyOf(CredentialsMatchers.instanceOf(FileCredentials.class),
                CredentialsMatchers.instanceOf(StringCredentials.class));
        result.includeEmptyValue();
        result.includeMatchingAs(ACL.SYSTEM2, item, StandardCredentials.class, List.of(), accepted);
        result.includeCurrentValue(current);
        return result;
    }
}
