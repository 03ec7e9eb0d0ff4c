package io.athenaworkflow.local.s3;

/**
 * Thrown by {@link LocalS3#start(LocalS3Config)} when the local S3 cannot start: the data directory cannot be
 * created or written, or the embedded S3Proxy (version 4.1.0 is required) cannot be set up.
 */
public final class S3StartException extends RuntimeException {

    public S3StartException(String message, Throwable cause) {
        super(message, cause);
    }
}
