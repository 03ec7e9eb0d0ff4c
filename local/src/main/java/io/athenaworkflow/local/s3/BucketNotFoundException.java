package io.athenaworkflow.local.s3;

/** Thrown by {@link ObjectStore} writes when the bucket does not exist (S3's NoSuchBucket). */
public final class BucketNotFoundException extends RuntimeException {

    private final String bucket;

    public BucketNotFoundException(String bucket) {
        super("The specified bucket does not exist: " + bucket
                + ". Create it first (e.g. aws s3 mb s3://" + bucket + ").");
        this.bucket = bucket;
    }

    public String bucket() {
        return bucket;
    }
}
