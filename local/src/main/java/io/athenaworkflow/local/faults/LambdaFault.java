package io.athenaworkflow.local.faults;

import java.util.Objects;

/**
 * A fault of Lambda: invocations of {@code function} that {@code calls} selects fail as {@code kind} says.
 *
 * @param function the function's name (e.g. {@code athena-workflow-StartQueryFunction}); invocations by ARN,
 *     partial ARN or qualified name (alias, version) of that function match too
 * @param calls which of the function's invocations fail (counted per rule)
 * @param kind how they fail
 */
public record LambdaFault(String function, Calls calls, Kind kind) implements FaultRule {

    /** How an invocation fails. */
    public enum Kind {
        /**
         * The Lambda service fails the Invoke request (HTTP 500 {@code ServiceException}); the function does not run.
         * Step Functions reports {@code Lambda.ServiceException}.
         */
        SERVICE_EXCEPTION,
        /**
         * The Lambda service throttles the Invoke request (HTTP 429 {@code TooManyRequestsException}, reason
         * {@code ConcurrentInvocationLimitExceeded}); the function does not run. Step Functions reports
         * {@code Lambda.TooManyRequestsException}.
         */
        TOO_MANY_REQUESTS,
        /**
         * The function's process dies before its handler runs: Invoke answers 200 with {@code X-Amz-Function-Error:
         * Unhandled} and Lambda's {@code Runtime.ExitError} document, which Step Functions reports as the error
         * {@code Runtime.ExitError}.
         */
        CRASH_BEFORE_HANDLER,
        /**
         * The handler runs to its end (its side effects happen, e.g. a query starts), then the process dies before
         * the response is sent: reported like {@link #CRASH_BEFORE_HANDLER}.
         */
        CRASH_AFTER_HANDLER
    }

    public LambdaFault {
        if (function == null || function.isBlank() || function.contains(":")) {
            throw new IllegalArgumentException("a Lambda fault needs a plain function name (no ARN or qualifier), e.g."
                    + " athena-workflow-StartQueryFunction, got '" + function + "'");
        }
        Objects.requireNonNull(calls, "calls");
        Objects.requireNonNull(kind, "kind");
    }

    /** {@code Lambda.ServiceException} on the selected invocations. */
    public static LambdaFault serviceException(String function, Calls calls) {
        return new LambdaFault(function, calls, Kind.SERVICE_EXCEPTION);
    }

    /** {@code Lambda.TooManyRequestsException} on the selected invocations. */
    public static LambdaFault tooManyRequests(String function, Calls calls) {
        return new LambdaFault(function, calls, Kind.TOO_MANY_REQUESTS);
    }

    /** The process dies after the handler did its work ({@code Runtime.ExitError}). */
    public static LambdaFault crash(String function, Calls calls) {
        return new LambdaFault(function, calls, Kind.CRASH_AFTER_HANDLER);
    }

    /** The process dies before the handler runs ({@code Runtime.ExitError}). */
    public static LambdaFault crashBeforeHandler(String function, Calls calls) {
        return new LambdaFault(function, calls, Kind.CRASH_BEFORE_HANDLER);
    }

    @Override
    public String toString() {
        return "Lambda " + function + " " + calls + ": " + kind;
    }
}
