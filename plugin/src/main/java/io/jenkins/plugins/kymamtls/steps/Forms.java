package io.jenkins.plugins.kymamtls.steps;

import hudson.model.Item;
import hudson.util.FormValidation;
import jenkins.model.Jenkins;

/** The answers the step and build step forms give while a user types. */
final class Forms {

    private Forms() {
    }

    /** Form checks answer only users who may configure the job (or Jenkins, outside a job). */
    static FormValidation verdict(Item item, String problem) {
        boolean allowed = item == null ? Jenkins.get().hasPermission(Jenkins.ADMINISTER)
                : item.hasPermission(Item.CONFIGURE);
        return !allowed || problem == null ? FormValidation.ok() : FormValidation.error(problem);
    }
}
