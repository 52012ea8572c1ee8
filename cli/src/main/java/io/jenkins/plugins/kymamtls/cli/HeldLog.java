package io.jenkins.plugins.kymamtls.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * The log of a part of the whole flow that runs beside another: its lines are held until the part
 * before it is done, then printed in one piece and live from there on, so {@code up} and {@code down}
 * print the same lines in the same order as the single commands.
 */
final class HeldLog implements Consumer<String> {

    private final Consumer<String> out;
    private final List<String> held = new ArrayList<>();
    private boolean live;

    HeldLog(Consumer<String> out) {
        this.out = out;
    }

    @Override
    public synchronized void accept(String line) {
        if (live) {
            out.accept(line);
        } else {
            held.add(line);
        }
    }

    /** Prints what was held; what comes later is printed at once. */
    synchronized void release() {
        held.forEach(out);
        held.clear();
        live = true;
    }
}
