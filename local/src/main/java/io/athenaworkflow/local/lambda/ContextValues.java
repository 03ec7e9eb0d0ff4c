package io.athenaworkflow.local.lambda;

/**
 * What the handler's {@code Context} answers for one invocation.
 *
 * @param requestId getAwsRequestId
 * @param logGroupName getLogGroupName
 * @param logStreamName getLogStreamName
 * @param functionName getFunctionName
 * @param functionVersion getFunctionVersion
 * @param invokedFunctionArn getInvokedFunctionArn (the ARN as the caller wrote it, qualified or not)
 * @param memoryLimitMb getMemoryLimitInMB
 * @param deadlineNanos {@link System#nanoTime()} at which the invocation times out
 */
record ContextValues(String requestId, String logGroupName, String logStreamName, String functionName,
                     String functionVersion, String invokedFunctionArn, int memoryLimitMb, long deadlineNanos) {

    int remainingMillis() {
        long remaining = (deadlineNanos - System.nanoTime()) / 1_000_000;
        return (int) Math.max(0, Math.min(Integer.MAX_VALUE, remaining));
    }
}
