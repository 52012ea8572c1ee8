package hudson.security;

public interface AccessControlled {
    ACL getACL();

    default boolean hasPermission(Permission permission) {
        throw new UnsupportedOperationException("compile-only declaration");
    }

    default void checkPermission(Permission permission) {
        throw new UnsupportedOperationException("compile-only declaration");
    }
}
