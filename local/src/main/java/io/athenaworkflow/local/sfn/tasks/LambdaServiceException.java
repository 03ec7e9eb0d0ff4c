package io.athenaworkflow.local.sfn.tasks;

/**
 * Thrown by a {@link LambdaInvoker} when the Lambda host itself fails (it cannot load the code, build the handler or
 * start the runtime), as opposed to the function raising an error. Step Functions reports it as
 * {@code Lambda.ServiceException}.
 */
public class LambdaServiceException extends RuntimeException {

    public LambdaServiceException(String message, Throwable cause) {
        super(message, cause);
    }
}
