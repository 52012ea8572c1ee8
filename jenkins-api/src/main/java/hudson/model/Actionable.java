package hudson.model;

public abstract class Actionable {
    public Actionable() {
    }

    public <T extends Action> T getAction(Class<T> type) {
        throw new UnsupportedOperationException("compile-only declaration");
    }

    public void addAction(Action a) {
        throw new UnsupportedOperationException("compile-only declaration");
    }
}
