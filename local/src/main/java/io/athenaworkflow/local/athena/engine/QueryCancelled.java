package io.athenaworkflow.local.athena.engine;

/** The statement stopped because its {@link Cancellation} was triggered (StopQueryExecution). */
public final class QueryCancelled extends RuntimeException {

    public QueryCancelled(String message) {
        super(message);
    }
}
