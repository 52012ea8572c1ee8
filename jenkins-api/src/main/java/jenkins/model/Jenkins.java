package jenkins.model;

import hudson.security.ACL;
import hudson.security.AccessControlled;
import hudson.security.Permission;

public class Jenkins implements AccessControlled {
    public static final Permission ADMINISTER = null;

    private Jenkins() {
    }

    public static Jenkins get() throws IllegalStateException {
        throw new UnsupportedOperationException("compile-only declaration");
    }

    @Override
    public ACL getACL() {
        throw new UnsupportedOperationException("compile-only declaration");
    }
}
