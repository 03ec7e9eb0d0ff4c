package io.athenaworkflow.local.lambda;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * What an {@code Invoke} returns.
 *
 * @param payload the function's response, or, when {@code functionError} is set, the error document
 *     ({@code {"errorMessage": ..., "errorType": ..., "stackTrace": [...]}})
 * @param functionError null on success, else {@value #UNHANDLED} (the {@code X-Amz-Function-Error} header)
 * @param executedVersion the version that ran: {@code $LATEST} or a published version number
 * @param logTail the end of the invocation's log (at most the last 4 KB, like {@code LogType=Tail}), as text
 */
public record InvocationResult(byte[] payload, String functionError, String executedVersion, String logTail) {

    /** The function error value for errors the function (or its runtime) raised. */
    public static final String UNHANDLED = "Unhandled";

    public InvocationResult {
        payload = payload.clone();
    }

    @Override
    public byte[] payload() {
        return payload.clone();
    }

    /** The payload as UTF-8 text. */
    public String payloadText() {
        return new String(payload, StandardCharsets.UTF_8);
    }

    /** Whether the function failed ({@link #functionError()} is set). */
    public boolean failed() {
        return functionError != null;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof InvocationResult that && Arrays.equals(payload, that.payload)
                && java.util.Objects.equals(functionError, that.functionError)
                && java.util.Objects.equals(executedVersion, that.executedVersion)
                && java.util.Objects.equals(logTail, that.logTail);
    }

    @Override
    public int hashCode() {
        return java.util.Objects.hash(Arrays.hashCode(payload), functionError, executedVersion, logTail);
    }

    @Override
    public String toString() {
        return "InvocationResult[functionError=" + functionError + ", executedVersion=" + executedVersion
                + ", payload=" + payloadText() + "]";
    }
}
