package io.jenkins.plugins.kymamtls.steps;

import com.cloudbees.plugins.credentials.CredentialsMatcher;
import com.cloudbees.plugins.credentials.CredentialsMatchers;
import com.cloudbees.plugins.credentials.CredentialsProvider;
import com.cloudbees.plugins.credentials.common.StandardCertificateCredentials;
import com.cloudbees.plugins.credentials.common.StandardCredentials;
import com.cloudbees.plugins.credentials.common.StandardListBoxModel;
import hudson.AbortException;
import hudson.model.Item;
import hudson.model.Run;
import hudson.security.ACL;
import hudson.util.FormValidation;
import hudson.util.ListBoxModel;
import io.jenkins.plugins.kymamtls.certificates.PemMaterial;
import io.jenkins.plugins.kymamtls.input.InvalidInputException;
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
public final class KubeconfigCredentials {

    private static final long MAX_BYTES = 4 << 20;

    private KubeconfigCredentials() {
    }

    /** The kinds of credentials a field takes, in words. */
    public static String acceptedKinds(boolean certificates) {
        return certificates ? Messages.Credentials_AcceptedForCa() : Messages.Credentials_Accepted();
    }

    /** Reads the credential's text for this build and records its use on the build. */
    public static String read(String id, Run<?, ?> run, String field) throws IOException {
        return read(id, run, field, false);
    }

    /**
     * The CA for kymaMtlsCerts: a PEM bundle from a Secret file or Secret text, or the one key entry
     * of a certificate credential's keystore turned into one.
     */
    public static String readCa(String id, Run<?, ?> run, String field) throws IOException {
        return read(id, run, field, true);
    }

    private static String read(String id, Run<?, ?> run, String field, boolean certificates) throws IOException {
        if (id == null || id.isBlank()) {
            throw new AbortException(StepLog.PREFIX + Messages.Credentials_Required(field, acceptedKinds(certificates)));
        }
        StandardCredentials credentials = CredentialsProvider.findCredentialById(id, StandardCredentials.class, run,
                List.of());
        if (credentials == null) {
            throw new AbortException(StepLog.PREFIX + Messages.Credentials_NotVisible(field, id, acceptedKinds(certificates)));
        }
        String text;
        if (credentials instanceof FileCredentials file) {
            text = content(file, id, field);
        } else if (credentials instanceof StringCredentials string) {
            text = string.getSecret().getPlainText();
        } else if (certificates && credentials instanceof StandardCertificateCredentials keystore) {
            String password = keystore.getPassword() == null ? "" : keystore.getPassword().getPlainText();
            try {
                PemMaterial.Bundle bundle = PemMaterial.fromKeyStore(field, "the keystore of credentials '" + id + "'",
                        keystore.getKeyStore(), password.toCharArray());
                text = bundle.certificatePem() + bundle.keyPem();
            } catch (InvalidInputException e) {
                throw new AbortException(StepLog.PREFIX + e.getMessage());
            }
        } else {
            throw new AbortException(StepLog.PREFIX + Messages.Credentials_OtherType(field, id, acceptedKinds(certificates)));
        }
        CredentialsProvider.track(run, credentials);
        return text;
    }

    public static String content(FileCredentials file, String id, String field) throws IOException {
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
    public static String sizeProblem(int length, String id, String field) {
        return length <= MAX_BYTES ? null : StepLog.PREFIX + Messages.Credentials_TooLarge(field, id);
    }

    /**
     * Who may see which credentials a job could use: an administrator outside a job; in a job, who
     * may read its configuration or use its credentials (the credentials plugin's consumer rules).
     */
    private static boolean mayList(Item item) {
        return item == null ? Jenkins.get().hasPermission(Jenkins.ADMINISTER)
                : item.hasPermission(Item.EXTENDED_READ) || item.hasPermission(CredentialsProvider.USE_ITEM);
    }

    private static CredentialsMatcher accepted(boolean certificates) {
        return certificates
                ? CredentialsMatchers.anyOf(CredentialsMatchers.instanceOf(FileCredentials.class),
                        CredentialsMatchers.instanceOf(StringCredentials.class),
                        CredentialsMatchers.instanceOf(StandardCertificateCredentials.class))
                : CredentialsMatchers.anyOf(CredentialsMatchers.instanceOf(FileCredentials.class),
                        CredentialsMatchers.instanceOf(StringCredentials.class));
    }

    /** The drop-down of the step forms; the list only for users who may see it. */
    public static ListBoxModel choices(Item item, String current) {
        return choices(item, current, false);
    }

    /** The CA drop-down, which also offers certificate credentials. */
    public static ListBoxModel caChoices(Item item, String current) {
        return choices(item, current, true);
    }

    private static ListBoxModel choices(Item item, String current, boolean certificates) {
        StandardListBoxModel result = new StandardListBoxModel();
        if (!mayList(item)) {
            result.includeCurrentValue(current);
            return result;
        }
        CredentialsMatcher accepted = accepted(certificates);
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
    public static FormValidation check(Item item, String id, boolean required) {
        return check(item, id, required, false);
    }

    public static FormValidation checkCa(Item item, String id) {
        return check(item, id, false, true);
    }

    private static FormValidation check(Item item, String id, boolean required, boolean certificates) {
        if (!mayList(item)) {
            return FormValidation.ok();
        }
        if (id == null || id.isBlank()) {
            return required ? FormValidation.error(Messages.Credentials_Choose()) : FormValidation.ok();
        }
        if (id.contains("$")) {
            return FormValidation.warning(Messages.Credentials_Expression());
        }
        if (CredentialsProvider.listCredentialsInItem(StandardCredentials.class, item, ACL.SYSTEM2, List.of(),
                CredentialsMatchers.withId(id)).isEmpty()) {
            return FormValidation.error(Messages.Credentials_Unknown(id));
        }
        if (CredentialsProvider.listCredentialsInItem(StandardCredentials.class, item, ACL.SYSTEM2, List.of(),
                CredentialsMatchers.allOf(CredentialsMatchers.withId(id), accepted(certificates))).isEmpty()) {
            return FormValidation.error(Messages.Credentials_WrongType(id, acceptedKinds(certificates)));
        }
        return FormValidation.ok();
    }
}
