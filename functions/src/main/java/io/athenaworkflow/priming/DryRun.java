package io.athenaworkflow.priming;

import java.util.concurrent.Callable;

/**
 * The scope of a dry run: while {@link #call(Callable)} runs on a thread, the SDK clients built by the handlers
 * answer every request on that thread from {@link DryRunResponses} ({@link DryRunHttpClient}) and sign it with
 * placeholder credentials ({@link DryRunCredentials}). Nothing leaves the process and the real credential chain is
 * not asked, so a snapshot taken afterwards holds no credentials and a restore resolves fresh ones on first use.
 * Other threads, and this thread outside the scope, are unaffected.
 */
public final class DryRun {

    private static final ThreadLocal<Boolean> ACTIVE = ThreadLocal.withInitial(() -> false);

    private DryRun() {
    }

    /** Whether the current thread is inside a dry run. */
    public static boolean active() {
        return ACTIVE.get();
    }

    /** Runs {@code work} as a dry run on the current thread and returns its result. */
    public static <T> T call(Callable<T> work) throws Exception {
        if (active()) {
            return work.call();
        }
        ACTIVE.set(true);
        try {
            return work.call();
        } finally {
            ACTIVE.remove();
        }
    }
}
