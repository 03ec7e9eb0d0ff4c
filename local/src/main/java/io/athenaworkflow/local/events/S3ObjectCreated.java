package io.athenaworkflow.local.events;

import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The detail of an S3 "Object Created" event.
 *
 * @param bucket detail.bucket.name
 * @param key detail.object.key (not URL-encoded, unlike S3 event notifications)
 * @param size detail.object.size in bytes
 * @param etag detail.object.etag, without quotes
 * @param versionId detail.object.version-id, or null for an unversioned bucket (then the field is left out)
 * @param sequencer detail.object.sequencer: grows with each change of a key
 * @param requestId detail.request-id
 * @param requester detail.requester (the account or service that wrote the object)
 * @param sourceIpAddress detail.source-ip-address
 * @param reason detail.reason
 */
public record S3ObjectCreated(String bucket, String key, long size, String etag, String versionId, String sequencer,
                              String requestId, String requester, String sourceIpAddress, Reason reason) {

    private static final AtomicLong SEQUENCE = new AtomicLong(System.currentTimeMillis() << 16);
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final String REQUEST_ID_CHARACTERS = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";

    /** The API call that created the object, as S3 names it in {@code detail.reason}. */
    public enum Reason {
        PUT_OBJECT("PutObject"),
        POST_OBJECT("POST Object"),
        COPY_OBJECT("CopyObject"),
        COMPLETE_MULTIPART_UPLOAD("CompleteMultipartUpload");

        private final String wireName;

        Reason(String wireName) {
            this.wireName = wireName;
        }

        public String wireName() {
            return wireName;
        }
    }

    public S3ObjectCreated {
        if (bucket == null || bucket.isEmpty() || key == null || key.isEmpty() || reason == null) {
            throw new IllegalArgumentException("bucket, key and reason are required");
        }
    }

    /** An object written by {@code requester} from 127.0.0.1, with a fresh request id and sequencer. */
    public static S3ObjectCreated of(String bucket, String key, long size, String etag, Reason reason, String requester) {
        return new S3ObjectCreated(bucket, key, size, etag, null, nextSequencer(), newRequestId(), requester, "127.0.0.1",
                reason);
    }

    /** A sequencer greater than every one handed out before (hex, as S3 writes it). */
    public static String nextSequencer() {
        return HexFormat.of().withUpperCase().toHexDigits(SEQUENCE.incrementAndGet()).toUpperCase(Locale.ROOT);
    }

    /** A 16-character request id in S3's style. */
    public static String newRequestId() {
        StringBuilder id = new StringBuilder(16);
        for (int i = 0; i < 16; i++) {
            id.append(REQUEST_ID_CHARACTERS.charAt(RANDOM.nextInt(REQUEST_ID_CHARACTERS.length())));
        }
        return id.toString();
    }
}
