package io.athenaworkflow.local.s3;

import java.time.Instant;
import java.util.Objects;

/**
 * One object written to the local S3, as S3 describes it in an EventBridge "Object Created" event.
 *
 * @param bucket the bucket name
 * @param key the object key, not URL-encoded
 * @param size the object's size in bytes
 * @param etag the entity tag, without the surrounding quotes
 * @param sequencer a hexadecimal string that orders the events of one key (a later write has a greater value when
 *     both are compared as equal-length upper-case strings), like S3's
 * @param reason what wrote the object: "PutObject", "CopyObject" or "CompleteMultipartUpload" (S3's
 *     {@code detail.reason})
 * @param time when the object was stored, on the runtime clock
 */
public record ObjectCreated(
        String bucket, String key, long size, String etag, String sequencer, String reason, Instant time) {

    /** {@code reason} of a PutObject request (and of objects written through {@link ObjectStore}). */
    public static final String PUT_OBJECT = "PutObject";
    /** {@code reason} of a CopyObject request. */
    public static final String COPY_OBJECT = "CopyObject";
    /** {@code reason} of a CompleteMultipartUpload request. */
    public static final String COMPLETE_MULTIPART_UPLOAD = "CompleteMultipartUpload";

    public ObjectCreated {
        Objects.requireNonNull(bucket, "bucket");
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(etag, "etag");
        Objects.requireNonNull(sequencer, "sequencer");
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(time, "time");
    }
}
