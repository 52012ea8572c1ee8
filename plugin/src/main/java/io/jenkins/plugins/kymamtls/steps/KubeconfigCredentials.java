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
import hudson.util.FormValidation;
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

    /**
     * Who may see which credentials a job could use: an administrator outside a job; in a job, who
     * may read its configuration or use its credentials (the credentials plugin's consumer rules).
     */
    private static boolean mayList(Item item) {
        return item == null ? Jenkins.get().hasPermission(Jenkins.ADMINISTER)
                : item.hasPermission(Item.EXTENDED_READ) || item.hasPermission(CredentialsProvider.USE_ITEM);
    }

    private static CredentialsMatcher accepted() {
        return CredentialsMatchers.anyOf(CredentialsMatchers.instanceOf(FileCredentials.class),
                CredentialsMatchers.instanceOf(StringCredentials.class));
    }

    /** The drop-down of the step forms; the list only for users who may see it. */
    static ListBoxModel choices(Item item, String current) {
        StandardListBoxModel result = new StandardListBoxModel();
        if (!mayList(item)) {
            result.includeCurrentValue(current);
            return result;
        }
        CredentialsMatcher accepted = accepted();
        result.includeEmptyValue();
        result.includeMatchingAs(ACL.SYSTEM2, item, StandardCredentials.class, List.of(), accepted);
        result.includeCurrentValue(current);
        return result;
    }

    /**
     * The form's verdict on a credentials id: unknown in this job, or of a type the steps cannot
     * read, is an error; an expression such as {@code ${KUBECONFIG_ID}} cannot be checked here.
     * Users who may not list credentials get no verdict, so the form reveals nothing to them.
     */
    static FormValidation check(Item item, String id, boolean required) {
        if (!mayList(item)) {
            return FormValidation.ok();
        }
        if (id == null || id.isBlank()) {
            return required ? FormValidation.error("Choose the credentials with the kubeconfig") : FormValidation.ok();
        }
        if (id.contains("${")) {
            return FormValidation.warning("Cannot check credentials given by an expression before the build");
        }
        if (CredentialsProvider.listCredentialsInItem(StandardCredentials.class, item, ACL.SYSTEM2, List.of(),
                CredentialsMatchers.withId(id)).isEmpty()) {
            return FormValidation.error("No credentials with id '" + id + "' can be used here");
        }
        if (CredentialsProvider.listCredentialsInItem(StandardCredentials.class, item, ACL.SYSTEM2, List.of(),
                CredentialsMatchers.allOf(CredentialsMatchers.withId(id), accepted())).isEmpty()) {
            return FormValidation.error("The credentials '" + id + "' are not " + ACCEPTED);
        }
        return FormValidation.ok();
    }
}
