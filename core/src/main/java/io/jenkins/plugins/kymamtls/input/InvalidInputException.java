package io.jenkins.plugins.kymamtls.input;

/**
 * A parameter failed its check before anything was written or sent. The message names the field,
 * the offending value (unless it is secret) and the form that is allowed, on one line, so that a
 * build log or a terminal shows the whole reason.
 */
public final class InvalidInputException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    private final String field;

    public InvalidInputException(String field, String value, String allowedForm) {
        super(field + ": " + describe(value) + " is not allowed; expected " + allowedForm);
        this.field = field;
    }

    /**
     * For a problem that is not a bad value of its own (a missing file, a clash between fields), or
     * whose value must not be echoed, such as key material or kubeconfig content.
     */
    public static InvalidInputException problem(String field, String problem) {
        return new InvalidInputException(field, problem);
    }

    private InvalidInputException(String field, String problem) {
        super(field + ": " + problem);
        this.field = field;
    }

    public String field() {
        return field;
    }

    private static String describe(String value) {
        if (value == null) {
            return "no value";
        }
        if (value.isEmpty()) {
            return "an empty value";
        }
        StringBuilder shown = new StringBuilder("'");
        int limit = Math.min(value.length(), 80);
        for (int i = 0; i < limit; i++) {
            char c = value.charAt(i);
            // Control characters would break the one-line message or forge log lines.
            if (c < 0x20 || c == 0x7f) {
                shown.append(String.format("\\u%04x", (int) c));
            } else {
                shown.append(c);
            }
        }
        if (value.length() > limit) {
            shown.append("…(").append(value.length()).append(" characters)");
        }
        return shown.append('\'').toString();
    }
}
