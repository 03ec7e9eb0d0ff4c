package io.athenaworkflow.local.sfn.tasks;

/**
 * Invokes a Lambda function synchronously (InvocationType RequestResponse), the way Step Functions reaches Lambda.
 * The local Lambda host implements it; unit tests use a fake.
 *
 * <p>Errors raised by the function itself are not exceptions: they come back as a {@link LambdaInvocation} with a
 * {@code functionError} ({@code Unhandled}) and the error document as payload, exactly as the Lambda Invoke API
 * returns them. That includes a function that runs past its timeout: the Lambda service reports it as
 * {@code {"errorType":"Sandbox.Timedout","errorMessage":"RequestId: ... Error: Task timed out after 3.00 seconds"}}.
 */
@FunctionalInterface
public interface LambdaInvoker {

    /**
     * Runs the function and returns what it returned.
     *
     * @param functionNameOrArn a function name, {@code name:qualifier}, a partial ARN ({@code ACCOUNT:function:NAME})
     *     or a full function ARN, with or without a version/alias qualifier
     * @param payload the event (JSON bytes)
     * @throws LambdaFunctionNotFoundException when no such function (or qualifier) exists
     * @throws LambdaThrottledException when the function's concurrency is exhausted
     * @throws LambdaServiceException when the host itself fails (cannot load or start the function)
     */
    LambdaInvocation invoke(String functionNameOrArn, byte[] payload);
}
