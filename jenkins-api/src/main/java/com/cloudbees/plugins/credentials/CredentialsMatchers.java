package com.cloudbees.plugins.credentials;

public class CredentialsMatchers {
    private CredentialsMatchers() {
    }

    public static CredentialsMatcher anyOf(CredentialsMatcher... matchers) {
        throw new UnsupportedOperationException("compile-only declaration");
    }

    public static CredentialsMatcher allOf(CredentialsMatcher... matchers) {
        throw new UnsupportedOperationException("compile-only declaration");
    }

    public static CredentialsMatcher withId(String id) {
        throw new UnsupportedOperationException("compile-only declaration");
    }

    public static CredentialsMatcher instanceOf(Class<?> clazz) {
        throw new UnsupportedOperationException("compile-only declaration");
    }
}
