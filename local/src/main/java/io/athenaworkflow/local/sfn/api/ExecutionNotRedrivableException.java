package io.athenaworkflow.local.sfn.api;

/**
 * Thrown by RedriveExecution. On AWS for executions that are running, succeeded or otherwise not redrivable; the local
 * runtime does not redrive at all, so it answers this for every execution, with the reason DescribeExecution gives.
 */
public class ExecutionNotRedrivableException extends StepFunctionsException {

    public ExecutionNotRedrivableException(String message) {
        super(message);
    }

    @Override
    public String errorType() {
        return "ExecutionNotRedrivable";
    }
}
