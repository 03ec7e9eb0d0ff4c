package io.athenaworkflow.local.faults;

import io.athenaworkflow.local.lambda.InvocationResult;
import io.athenaworkflow.local.lambda.LambdaService;
import io.athenaworkflow.local.lambda.ServiceException;
import io.athenaworkflow.local.lambda.TooManyRequestsException;

import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.UUID;

/**
 * Lambda invocations behind a fault plan. Service errors are thrown as the host's own service exceptions (the
 * Invoke request fails; the function does not run). A crash answers as Lambda does when the runtime process exits
 * during an invocation: a function error ({@code Unhandled}) whose document is {@code Runtime.ExitError}.
 */
final class FaultyLambda implements LambdaService {

    /** Lambda's error type when the runtime process exits before it returned a response. */
    static final String EXIT_ERROR = "Runtime.ExitError";
    /** Lambda's throttling reason when the account's (or function's) concurrency is used up. */
    static final String CONCURRENCY_REASON = "ConcurrentInvocationLimitExceeded";

    private final LambdaService lambda;
    private final Faults faults;

    FaultyLambda(LambdaService lambda, Faults faults) {
        this.lambda = lambda;
        this.faults = faults;
    }

    @Override
    public InvocationResult invoke(String functionNameOrArn, byte[] payload) {
        Optional<LambdaFault> fault = faults.lambdaFault(functionName(functionNameOrArn));
        if (fault.isEmpty()) {
            return lambda.invoke(functionNameOrArn, payload);
        }
        return switch (fault.get().kind()) {
            case SERVICE_EXCEPTION -> throw new ServiceException("Lambda was unable to process the request because of"
                    + " an internal error (injected fault). Retry the request.");
            case TOO_MANY_REQUESTS -> throw new TooManyRequestsException("Rate Exceeded.", CONCURRENCY_REASON);
            case CRASH_BEFORE_HANDLER -> crashed(null);
            case CRASH_AFTER_HANDLER -> crashed(lambda.invoke(functionNameOrArn, payload).executedVersion());
        };
    }

    private static InvocationResult crashed(String executedVersion) {
        String requestId = UUID.randomUUID().toString();
        String message = "RequestId: " + requestId + " Error: Runtime exited with error: exit status 1";
        String document = "{\"errorType\":\"" + EXIT_ERROR + "\",\"errorMessage\":\"" + message + "\"}";
        return new InvocationResult(document.getBytes(StandardCharsets.UTF_8), InvocationResult.UNHANDLED,
                executedVersion, message + "\n" + EXIT_ERROR + "\nEND RequestId: " + requestId + "\n");
    }

    /**
     * The function name in a name, qualified name, partial ARN ({@code 123456789012:function:name}) or (qualified)
     * function ARN.
     */
    static String functionName(String functionNameOrArn) {
        if (functionNameOrArn == null) {
            return "";
        }
        int function = functionNameOrArn.indexOf(":function:");
        String rest = function >= 0 ? functionNameOrArn.substring(function + ":function:".length()) : functionNameOrArn;
        int qualifier = rest.indexOf(':');
        return qualifier >= 0 ? rest.substring(0, qualifier) : rest;
    }
}
