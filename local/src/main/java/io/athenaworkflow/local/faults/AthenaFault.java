package io.athenaworkflow.local.faults;

import java.util.Objects;

/**
 * A fault of the Athena API: calls of {@code operation} (e.g. {@code StartQueryExecution}, or {@value #ANY_OPERATION})
 * that {@code calls} selects are answered with an Athena error instead of their result, or, with
 * {@link Kind#RESPONSE_LOST}, are carried out and then answered with an error, as when the response is lost on the
 * way back (the caller retries something that already happened).
 *
 * @param operation the operation name as in {@code X-Amz-Target: AmazonAthena.<operation>}, or {@value #ANY_OPERATION}
 * @param calls which of that operation's calls fail (counted per rule)
 * @param kind an error instead of the call, or the call carried out and its response lost
 * @param errorType the {@code __type} of the error answered, e.g. {@code TooManyRequestsException}
 * @param message the error's {@code Message}
 * @param httpStatus the error's HTTP status (4xx or 5xx)
 */
public record AthenaFault(String operation, Calls calls, Kind kind, String errorType, String message, int httpStatus)
        implements FaultRule {

    /** Matches every operation. */
    public static final String ANY_OPERATION = "*";

    /** What Athena answers when an API rate limit is exceeded. */
    public static final String THROTTLING_TYPE = "TooManyRequestsException";
    public static final String THROTTLING_MESSAGE = "Rate exceeded";
    /** What Athena answers for a failure on its side. */
    public static final String INTERNAL_TYPE = "InternalServerException";
    public static final String INTERNAL_MESSAGE = "We encountered an internal error. Please try again.";

    /** How the selected calls fail. */
    public enum Kind {
        /** The call is not carried out; the error is the answer. */
        ERROR,
        /** The call is carried out (a query may start), but the caller gets the error instead of the result. */
        RESPONSE_LOST
    }

    public AthenaFault {
        if (operation == null || operation.isBlank()) {
            throw new IllegalArgumentException("an Athena fault needs an operation name such as StartQueryExecution,"
                    + " or \"*\" for every operation");
        }
        Objects.requireNonNull(calls, "calls");
        Objects.requireNonNull(kind, "kind");
        if (errorType == null || errorType.isBlank()) {
            throw new IllegalArgumentException("an Athena fault needs an error type such as " + THROTTLING_TYPE);
        }
        Objects.requireNonNull(message, "message");
        if (httpStatus < 400 || httpStatus > 599) {
            throw new IllegalArgumentException("an Athena error needs a 4xx or 5xx status, got " + httpStatus);
        }
    }

    /** {@code TooManyRequestsException} (HTTP 400, "Rate exceeded"): Athena's API throttling. */
    public static AthenaFault throttling(String operation, Calls calls) {
        return new AthenaFault(operation, calls, Kind.ERROR, THROTTLING_TYPE, THROTTLING_MESSAGE, 400);
    }

    /** {@code InternalServerException} (HTTP 500). */
    public static AthenaFault internalError(String operation, Calls calls) {
        return new AthenaFault(operation, calls, Kind.ERROR, INTERNAL_TYPE, INTERNAL_MESSAGE, 500);
    }

    /** Any modeled error, e.g. {@code ("GetQueryExecution", Calls.only(2), "InvalidRequestException", "...", 400)}. */
    public static AthenaFault error(String operation, Calls calls, String errorType, String message, int httpStatus) {
        return new AthenaFault(operation, calls, Kind.ERROR, errorType, message, httpStatus);
    }

    /**
     * The call is carried out, then answered with {@code InternalServerException} (HTTP 500), as when the response
     * is lost: e.g. a StartQueryExecution that started its query, whose caller retries with the same
     * ClientRequestToken.
     */
    public static AthenaFault responseLost(String operation, Calls calls) {
        return new AthenaFault(operation, calls, Kind.RESPONSE_LOST, INTERNAL_TYPE, INTERNAL_MESSAGE, 500);
    }

    boolean matches(String calledOperation) {
        return operation.equals(ANY_OPERATION) || operation.equals(calledOperation);
    }

    @Override
    public String toString() {
        return "Athena " + operation + " " + calls + ": "
                + (kind == Kind.RESPONSE_LOST ? "carried out, response lost as " : "") + errorType + " (" + httpStatus + ")";
    }
}
