package io.athenaworkflow.local.s3;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * In-process access to the objects of the local S3, for the other local services (the Athena service writes query
 * results here; its engine reads table files over the S3 protocol). Writes made through this interface are
 * the same objects S3 clients see, and raise the same object-created notifications as a PutObject would.
 */
public interface ObjectStore {

    /** Whether the bucket exists. */
    boolean bucketExists(String bucket);

    /** The file holding the object's bytes, or empty when there is no such object. */
    Optional<Path> file(String bucket, String key);

    /** The keys under {@code prefix} (all keys when it is empty), sorted, excluding "directory" markers. */
    List<String> listKeys(String bucket, String prefix);

    /** Creates or replaces an object with the content of {@code source} (copied), recorded under {@code encryption}. */
    void put(String bucket, String key, Path source, String contentType, ObjectEncryption encryption);

    /** Creates or replaces an object with {@code content}, recorded under {@code encryption}. */
    void put(String bucket, String key, byte[] content, String contentType, ObjectEncryption encryption);

    /** Creates or replaces an object with the content of {@code source} (copied), under S3's default encryption. */
    default void put(String bucket, String key, Path source, String contentType) {
        put(bucket, key, source, contentType, ObjectEncryption.S3_MANAGED);
    }

    /** Creates or replaces an object with {@code content}, under S3's default encryption. */
    default void put(String bucket, String key, byte[] content, String contentType) {
        put(bucket, key, content, contentType, ObjectEncryption.S3_MANAGED);
    }

    /** Deletes an object; no error when it does not exist. */
    void delete(String bucket, String key);
}
