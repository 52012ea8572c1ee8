package io.jenkins.plugins.kymamtls.cli;

import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;

/**
 * One part of the whole flow on a thread of its own, its failure given back as it was thrown, so
 * the command fails with the same message and exit code as the single command would.
 */
final class Background<T> {

    /** How long a stopped part may take to finish the request it is in. */
    private static final long STOP_MILLIS = 60_000;

    private final FutureTask<T> task;
    private final Thread thread;

    Background(String name, Callable<T> work) {
        task = new FutureTask<>(work);
        thread = new Thread(task, "kyma-mtls-" + name);
        thread.setDaemon(true);
        thread.start();
    }

    /** Waits for the part; its exception, if any, is thrown here unchanged. */
    T join() {
        try {
            return task.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            task.cancel(true);
            throw new IllegalStateException("interrupted", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException failure) {
                throw failure;
            }
            if (e.getCause() instanceof Error error) {
                throw error;
            }
            throw new IllegalStateException(e.getCause());
        }
    }

    /** Stops the part (its waits and verification end at the interrupt) and waits until it has. */
    void stop() {
        task.cancel(true);
        try {
            // What it did is in its log, and a re-run converges.
            thread.join(STOP_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The failure of the part, or null when it succeeded. */
    RuntimeException failure() {
        try {
            join();
            return null;
        } catch (RuntimeException failure) {
            return failure;
        }
    }
}
