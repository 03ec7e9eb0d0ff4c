package io.athenaworkflow.local.lambda;

/**
 * Thrown when an invocation would exceed the function's concurrency limit (its reserved concurrency, else the
 * runtime's per-function limit) (429). {@link #reason()} is Lambda's reason code.
 */
public final class TooManyRequestsException extends LambdaServiceException {

    /** Lambda's reason when a function's reserved concurrency is exhausted. */
    public static final String RESERVED_LIMIT = "ReservedFunctionConcurrentInvocationLimitExceeded";

    private final String reason;

    public TooManyRequestsException(String message, String reason) {
        super(message, 429);
        this.reason = reason;
    }

    public String reason() {
        return reason;
    }
}
