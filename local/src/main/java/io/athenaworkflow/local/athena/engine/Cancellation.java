package io.athenaworkflow.local.athena.engine;

import java.util.ArrayList;
import java.util.List;

/** Set by StopQueryExecution; the engine registers what to abort (e.g. a JDBC Statement#cancel) while it runs. */
public final class Cancellation {

    private final List<Runnable> onCancel = new ArrayList<>();
    private boolean cancelled;

    /** Requests cancellation and runs the registered abort actions. Idempotent. */
    public void cancel() {
        List<Runnable> actions;
        synchronized (this) {
            if (cancelled) {
                return;
            }
            cancelled = true;
            actions = List.copyOf(onCancel);
        }
        actions.forEach(Runnable::run);
    }

    public synchronized boolean isCancelled() {
        return cancelled;
    }

    /** Registers an abort action; runs it at once when cancellation was already requested. */
    public void onCancel(Runnable action) {
        synchronized (this) {
            if (!cancelled) {
                onCancel.add(action);
                return;
            }
        }
        action.run();
    }
}
