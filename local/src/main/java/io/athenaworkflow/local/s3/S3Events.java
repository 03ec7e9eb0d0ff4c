package io.athenaworkflow.local.s3;

/** Object-created notifications of the local S3 (what S3 sends to EventBridge as "Object Created" events). */
public interface S3Events {

    /**
     * Registers {@code listener} for every PutObject, CopyObject, CompleteMultipartUpload and {@link ObjectStore}
     * write from now on, in every bucket.
     *
     * @return closing it unregisters the listener
     */
    Subscription onObjectCreated(ObjectCreatedListener listener);

    /** A registration; closing it stops the notifications. Idempotent. */
    interface Subscription extends AutoCloseable {
        @Override
        void close();
    }
}
