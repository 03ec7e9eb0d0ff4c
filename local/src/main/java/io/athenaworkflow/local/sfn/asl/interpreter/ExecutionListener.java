package io.athenaworkflow.local.sfn.asl.interpreter;

import io.athenaworkflow.local.sfn.asl.history.HistoryEvent;

/**
 * Observes executions: the EventBridge part publishes "Step Functions Execution Status Change" events from
 * {@link #onStatusChange}, the CLI prints live progress from {@link #onEvent}. Called on the execution's threads:
 * implementations must be quick and must not throw.
 */
public interface ExecutionListener {

    /** No-op listener. */
    ExecutionListener NONE = new ExecutionListener() { };

    /** The execution entered {@code status} (RUNNING once at start, then its terminal status). */
    default void onStatusChange(Execution execution, ExecutionStatus status) {
    }

    /** A history event was recorded. */
    default void onEvent(Execution execution, HistoryEvent event) {
    }
}
