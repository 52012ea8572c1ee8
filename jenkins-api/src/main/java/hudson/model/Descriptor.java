package hudson.model;

public abstract class Descriptor<T extends Describable<T>> {
    protected Descriptor() {
    }

    protected Descriptor(Class<? extends T> clazz) {
        throw new UnsupportedOperationException("compile-only declaration");
    }

    public String getDisplayName() {
        throw new UnsupportedOperationException("compile-only declaration");
    }

    public String getId() {
        throw new UnsupportedOperationException("compile-only declaration");
    }
}
