package io.athenaworkflow.local.cli;

/**
 * Thrown by {@code run --endpoint} when the Step Functions API cannot be used: the endpoint does not answer (no
 * {@code athena-local up} running there), the credentials are refused, or the API answers with an error (e.g. the
 * state machine does not exist). The message says which and how to fix it.
 */
public final class EndpointException extends CliException {

    public EndpointException(String message, Throwable cause) {
        super(message, cause);
    }
}
