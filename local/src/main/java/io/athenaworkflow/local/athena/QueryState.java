package io.athenaworkflow.local.athena;

/** Athena's QueryExecutionState. */
enum QueryState {
    QUEUED, RUNNING, SUCCEEDED, FAILED, CANCELLED;

    boolean isTerminal() {
        return this == SUCCEEDED || this == FAILED || this == CANCELLED;
    }
}
