package io.athenaworkflow.local.athena.engine.trino;

/** The Trino engine could not be found, started or reached; the message says why and what to do. */
public final class TrinoStartException extends RuntimeException {

    public TrinoStartException(String message) {
        super(message);
    }

    public TrinoStartException(String message, Throwable cause) {
        super(message, cause);
    }
}
