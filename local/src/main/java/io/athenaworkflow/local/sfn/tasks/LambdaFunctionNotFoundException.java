package io.athenaworkflow.local.sfn.tasks;

/**
 * Thrown by a {@link LambdaInvoker} when the function (or the version/alias asked for) does not exist. Step Functions
 * reports it as {@code Lambda.ResourceNotFoundException}.
 */
public class LambdaFunctionNotFoundException extends RuntimeException {

    private final String function;

    public LambdaFunctionNotFoundException(String function, String message) {
        super(message);
        this.function = function;
    }

    /** The function name or ARN that was asked for. */
    public String function() {
        return function;
    }
}
