package io.athenaworkflow.local.lambda;

/**
 * Synchronous Lambda invocation ({@code Invoke} with {@code InvocationType=RequestResponse}), the contract the Step
 * Functions and EventBridge parts call. Implemented by {@link LocalLambda}; a decorator may wrap it (fault
 * injection, recording).
 */
public interface LambdaService {

    /**
     * Invokes a function and waits for its result.
     *
     * @param functionNameOrArn a name ({@code my-fn}), a qualified name ({@code my-fn:live}, {@code my-fn:$LATEST},
     *     {@code my-fn:1}), a partial ARN ({@code 123456789012:function:my-fn}), a function ARN or an alias/version ARN
     * @param payload the event, JSON; may be empty
     * @return the function's response, or its error document when {@link InvocationResult#functionError()} is set
     * @throws ResourceNotFoundException when no deployed function (or qualifier) has that name
     * @throws TooManyRequestsException when the function is already running at its concurrency limit
     * @throws InvalidRequestContentException when the payload is not JSON
     * @throws RequestTooLargeException when the payload is larger than 6 MB
     */
    InvocationResult invoke(String functionNameOrArn, byte[] payload);
}
