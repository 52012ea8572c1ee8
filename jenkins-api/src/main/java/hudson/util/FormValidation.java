package hudson.util;

import java.io.IOException;

public abstract class FormValidation extends IOException {
    private static final long serialVersionUID = 1L;

    private FormValidation() {
    }

    public static FormValidation ok() {
        throw new UnsupportedOperationException("compile-only declaration");
    }

    public static FormValidation error(String message) {
        throw new UnsupportedOperationException("compile-only declaration");
    }

    public static FormValidation warning(String message) {
        throw new UnsupportedOperationException("compile-only declaration");
    }
}
