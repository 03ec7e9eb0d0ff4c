package io.athenaworkflow.local.faults;

import io.athenaworkflow.local.s3.ObjectEncryption;
import io.athenaworkflow.local.s3.ObjectStore;
import io.athenaworkflow.local.s3.ObjectStoreException;
import io.athenaworkflow.local.s3.S3Error;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * The in-process object store of the local Athena behind the plan's S3 faults: a selected PUT or DELETE throws
 * {@link ObjectStoreException} with S3's error (Athena then fails the query as it does when S3 refuses its write).
 * Reads pass through: the local Athena reads table files straight from disk, as a stand-in for Athena's own reads.
 */
final class FaultyObjectStore implements ObjectStore {

    private final ObjectStore store;
    private final Faults faults;

    FaultyObjectStore(ObjectStore store, Faults faults) {
        this.store = store;
        this.faults = faults;
    }

    @Override
    public boolean bucketExists(String bucket) {
        return store.bucketExists(bucket);
    }

    @Override
    public Optional<Path> file(String bucket, String key) {
        return store.file(bucket, key);
    }

    @Override
    public List<String> listKeys(String bucket, String prefix) {
        return store.listKeys(bucket, prefix);
    }

    @Override
    public void put(String bucket, String key, Path source, String contentType, ObjectEncryption encryption) {
        check(S3Method.PUT, bucket, key);
        store.put(bucket, key, source, contentType, encryption);
    }

    @Override
    public void put(String bucket, String key, byte[] content, String contentType, ObjectEncryption encryption) {
        check(S3Method.PUT, bucket, key);
        store.put(bucket, key, content, contentType, encryption);
    }

    @Override
    public void delete(String bucket, String key) {
        check(S3Method.DELETE, bucket, key);
        store.delete(bucket, key);
    }

    private void check(S3Method method, String bucket, String key) {
        Optional<S3Fault> fault = faults.s3Fault(method, bucket, key);
        if (fault.isPresent()) {
            S3Error error = fault.get().error();
            // The text an AWS SDK gives such a failure, which is what Athena's error message quotes.
            throw new ObjectStoreException(error.message() + " (Service: Amazon S3; Status Code: " + error.status()
                    + "; Error Code: " + error.code() + ")", null);
        }
    }
}
