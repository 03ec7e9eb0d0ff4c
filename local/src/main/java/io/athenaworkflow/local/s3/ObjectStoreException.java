package io.athenaworkflow.local.s3;

/** Thrown by {@link ObjectStore} when reading or writing the local S3's files fails (disk full, permissions). */
public final class ObjectStoreException extends RuntimeException {

    public ObjectStoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
