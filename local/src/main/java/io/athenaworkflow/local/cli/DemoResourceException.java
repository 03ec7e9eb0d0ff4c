package io.athenaworkflow.local.cli;

/** Thrown by {@code demo} when its bundled dataset or SQL files cannot be read from the runtime jar. */
public final class DemoResourceException extends CliException {

    public DemoResourceException(String message, Throwable cause) {
        super(message, cause);
    }
}
