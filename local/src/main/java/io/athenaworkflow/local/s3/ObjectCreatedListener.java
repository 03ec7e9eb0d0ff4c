package io.athenaworkflow.local.s3;

/**
 * Receives every object the local S3 stores. Called on the thread that wrote the object, after the object is
 * visible to readers and before the writing request is answered: keep it short and hand long work to another
 * thread. An exception it throws is logged and does not fail the write.
 */
@FunctionalInterface
public interface ObjectCreatedListener {

    void objectCreated(ObjectCreated event);
}
