package io.athenaworkflow.local.sfn.tasks;

import java.util.Arrays;
import java.util.Objects;

/**
 * The answer of one synchronous Lambda invocation, as the Lambda Invoke API returns it.
 *
 * @param payload the function's response, or its error document when {@code functionError} is set
 * @param functionError null on success; {@code Unhandled} (or {@code Handled}) when the function failed
 * @param executedVersion the version that ran ({@code $LATEST}, or the version an alias resolved to)
 */
public record LambdaInvocation(byte[] payload, String functionError, String executedVersion) {

    /** The version Lambda reports when no version or alias was involved. */
    public static final String LATEST = "$LATEST";

    public LambdaInvocation {
        payload = payload == null ? new byte[0] : payload.clone();
        executedVersion = executedVersion == null || executedVersion.isBlank() ? LATEST : executedVersion;
    }

    /** A successful invocation of {@code $LATEST}. */
    public static LambdaInvocation success(byte[] payload) {
        return new LambdaInvocation(payload, null, LATEST);
    }

    /** An invocation whose function failed; {@code errorDocument} is the {@code {"errorType":...}} JSON. */
    public static LambdaInvocation failed(byte[] errorDocument) {
        return new LambdaInvocation(errorDocument, "Unhandled", LATEST);
    }

    /** A copy reporting {@code version} as the executed version. */
    public LambdaInvocation withExecutedVersion(String version) {
        return new LambdaInvocation(payload, functionError, version);
    }

    @Override
    public byte[] payload() {
        return payload.clone();
    }

    public boolean isFunctionError() {
        return functionError != null;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof LambdaInvocation that && Arrays.equals(payload, that.payload)
                && Objects.equals(functionError, that.functionError)
                && Objects.equals(executedVersion, that.executedVersion);
    }

    @Override
    public int hashCode() {
        return Objects.hash(Arrays.hashCode(payload), functionError, executedVersion);
    }

    @Override
    public String toString() {
        return "LambdaInvocation[" + payload.length + " bytes, functionError=" + functionError + ", executedVersion="
                + executedVersion + "]";
    }
}
