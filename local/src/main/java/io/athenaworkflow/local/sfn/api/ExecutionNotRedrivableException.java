package io.athenaworkflow.local.sfn.api;

/**
 * Thrown by RedriveExecution for an execution that is running, succeeded, of an EXPRESS state machine or otherwise not
 * redrivable, with the reason DescribeExecution gives.
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
