package io.athenaworkflow.local.cli;

/**
 * A failure the CLI reports as one clear message on standard error (no stack trace), ending the command with
 * {@link #exitCode()}. Each subclass is one failure mode.
 */
public abstract class CliException extends RuntimeException {

    protected CliException(String message) {
        super(message);
    }

    protected CliException(String message, Throwable cause) {
        super(message, cause);
    }

    /** The process exit code: 1 unless a subclass says otherwise. */
    public int exitCode() {
        return 1;
    }
}
