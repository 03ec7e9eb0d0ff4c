package io.athenaworkflow.athena.config;

import io.athenaworkflow.athena.errors.InvalidInputException;

import java.util.regex.Pattern;

/**
 * An {@code s3://bucket/key} location. Bucket names are checked against S3's naming rules so that a typo fails
 * at validation, not half-way through a query.
 */
public record S3Location(String bucket, String key) {

    private static final Pattern BUCKET = Pattern.compile("[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]");

    public S3Location {
        if (bucket == null || !BUCKET.matcher(bucket).matches() || bucket.contains("..")) {
            throw new IllegalArgumentException("Invalid S3 bucket name: " + bucket);
        }
        key = key == null ? "" : key;
    }

    /**
     * Parses {@code s3://bucket/key}.
     *
     * @throws InvalidInputException naming {@code field} when the text is not such a location
     */
    public static S3Location parse(String uri, String field) {
        String hint = " Expected s3://bucket/prefix/ with a valid bucket name (3-63 lowercase letters, digits, dots"
                + " and hyphens).";
        if (uri == null || !uri.startsWith("s3://")) {
            throw new InvalidInputException("Field '" + field + "' must be an s3:// location, but was '" + uri + "'." + hint);
        }
        String rest = uri.substring("s3://".length());
        int slash = rest.indexOf('/');
        String bucket = slash < 0 ? rest : rest.substring(0, slash);
        String key = slash < 0 ? "" : rest.substring(slash + 1);
        if (!BUCKET.matcher(bucket).matches() || bucket.contains("..")) {
            throw new InvalidInputException("Field '" + field + "' names an invalid bucket '" + bucket + "' in '" + uri + "'." + hint);
        }
        return new S3Location(bucket, key);
    }

    /** This location as a folder: the key ends with '/' (or is empty, the bucket's root). */
    public S3Location asPrefix() {
        return key.isEmpty() || key.endsWith("/") ? this : new S3Location(bucket, key + "/");
    }

    /** Whether {@code other} is this location or lies under it (same bucket, key starting with this key). */
    public boolean contains(S3Location other) {
        return bucket.equals(other.bucket) && other.key.startsWith(key);
    }

    /** The location of {@code name} inside this prefix. */
    public S3Location resolve(String name) {
        return new S3Location(bucket, asPrefix().key + name);
    }

    /** The last path segment of the key. */
    public String fileName() {
        return key.substring(key.lastIndexOf('/') + 1);
    }

    /** The key up to and including the last '/'. */
    public S3Location parent() {
        return new S3Location(bucket, key.substring(0, key.lastIndexOf('/') + 1));
    }

    @Override
    public String toString() {
        return "s3://" + bucket + "/" + key;
    }
}
