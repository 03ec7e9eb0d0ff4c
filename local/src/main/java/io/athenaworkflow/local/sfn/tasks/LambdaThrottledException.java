package io.athenaworkflow.local.sfn.tasks;

/**
 * Thrown by a {@link LambdaInvoker} when the function cannot run now because its concurrency is exhausted. Step
 * Functions reports it as {@code Lambda.TooManyRequestsException}, which a Retry usually handles.
 */
public class LambdaThrottledException extends RuntimeException {

    public LambdaThrottledException(String message) {
        super(message);
    }
}
