package io.athenaworkflow.priming;

/** A handler's priming did not complete; thrown from {@code beforeCheckpoint}, so the snapshot is not taken. */
public final class PrimingFailedException extends RuntimeException {

    public PrimingFailedException(String message, Throwable cause) {
        super(message, cause);
    }
}
