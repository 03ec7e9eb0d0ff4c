package io.athenaworkflow.local.edge;

/** Thrown by {@link EdgeServer#start} when the server cannot listen (typically: the port is already in use). */
public final class EdgeStartException extends RuntimeException {

    public EdgeStartException(String message, Throwable cause) {
        super(message, cause);
    }
}
