package io.jenkins.plugins.kymamtls.steps;

import hudson.model.Item;
import hudson.util.FormValidation;
import jenkins.model.Jenkins;

/** The answers the step and build step forms give while a user types. */
public final class Forms {

    private Forms() {
    }

    /**
     * What a form's text field holds: trimmed, and null when blank, so an empty field means "not
     * given" (what Jenkins' Util.fixEmptyAndTrim does, in plain Java so the steps can be built in tests).
     */
    public static String trimmed(String value) {
        if (value == null) {
            return null;
        }
        String trimmed = value.trim();
        return trimmed.isEmpty() ? null : trimmed;
    }

    /** Form checks answer only users who may configure the job (or Jenkins, outside a job). */
    public static FormValidation verdict(Item item, String problem) {
        boolean allowed = item == null ? Jenkins.get().hasPermission(Jenkins.ADMINISTER)
                : item.hasPermission(Item.CONFIGURE);
        return !allowed || problem == null ? FormValidation.ok() : FormValidation.error(problem);
    }
}
