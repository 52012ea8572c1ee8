package hudson;

import java.util.TreeMap;

public class EnvVars extends TreeMap<String, String> {
    private static final long serialVersionUID = 1L;

    public String expand(String s) {
        throw new UnsupportedOperationException("compile-only declaration");
    }
}
