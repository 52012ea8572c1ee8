package hudson.util;

import java.util.ArrayList;

public class ListBoxModel extends ArrayList<ListBoxModel.Option> {
    private static final long serialVersionUID = 1L;

    public ListBoxModel() {
    }

    public static final class Option {
        public Option(String name, String value) {
            throw new UnsupportedOperationException("compile-only declaration");
        }
    }
}
