package io.athenaworkflow.local.sfn.asl.history;

import java.util.Map;

/** The history event types the interpreter emits and the name of each one's details field in the API. */
public final class HistoryEventTypes {

    private static final Map<String, String> DETAILS = Map.ofEntries(
            Map.entry("ExecutionStarted", "executionStartedEventDetails"),
            Map.entry("ExecutionSucceeded", "executionSucceededEventDetails"),
            Map.entry("ExecutionFailed", "executionFailedEventDetails"),
            Map.entry("ExecutionAborted", "executionAbortedEventDetails"),
            Map.entry("ExecutionTimedOut", "executionTimedOutEventDetails"),
            Map.entry("ExecutionRedriven", "executionRedrivenEventDetails"),
            Map.entry("TaskScheduled", "taskScheduledEventDetails"),
            Map.entry("TaskStarted", "taskStartedEventDetails"),
            Map.entry("TaskSubmitted", "taskSubmittedEventDetails"),
            Map.entry("TaskSucceeded", "taskSucceededEventDetails"),
            Map.entry("TaskFailed", "taskFailedEventDetails"),
            Map.entry("TaskTimedOut", "taskTimedOutEventDetails"),
            Map.entry("TaskStartFailed", "taskStartFailedEventDetails"),
            Map.entry("TaskSubmitFailed", "taskSubmitFailedEventDetails"),
            Map.entry("LambdaFunctionScheduled", "lambdaFunctionScheduledEventDetails"),
            Map.entry("LambdaFunctionSucceeded", "lambdaFunctionSucceededEventDetails"),
            Map.entry("LambdaFunctionFailed", "lambdaFunctionFailedEventDetails"),
            Map.entry("LambdaFunctionTimedOut", "lambdaFunctionTimedOutEventDetails"),
            Map.entry("LambdaFunctionStartFailed", "lambdaFunctionStartFailedEventDetails"),
            Map.entry("LambdaFunctionScheduleFailed", "lambdaFunctionScheduleFailedEventDetails"),
            Map.entry("MapStateStarted", "mapStateStartedEventDetails"),
            Map.entry("MapIterationStarted", "mapIterationStartedEventDetails"),
            Map.entry("MapIterationSucceeded", "mapIterationSucceededEventDetails"),
            Map.entry("MapIterationFailed", "mapIterationFailedEventDetails"),
            Map.entry("MapIterationAborted", "mapIterationAbortedEventDetails"),
            Map.entry("MapRunStarted", "mapRunStartedEventDetails"),
            Map.entry("MapRunFailed", "mapRunFailedEventDetails"));

    private HistoryEventTypes() {
    }

    /**
     * The details field of {@code type}: {@code stateEnteredEventDetails} for every {@code *StateEntered},
     * {@code stateExitedEventDetails} for every {@code *StateExited}, or null when the type carries none
     * (LambdaFunctionStarted, ParallelStateStarted, ...).
     */
    public static String detailsField(String type) {
        if (type.endsWith("StateEntered")) {
            return "stateEnteredEventDetails";
        }
        if (type.endsWith("StateExited")) {
            return "stateExitedEventDetails";
        }
        return DETAILS.get(type);
    }
}
