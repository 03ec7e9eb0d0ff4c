package io.athenaworkflow.local.athena;

import java.util.Optional;

/**
 * An {@code s3://bucket/prefix} location.
 *
 * @param bucket the bucket
 * @param key the key or key prefix after the bucket, without a leading slash (may be empty)
 */
record S3Location(String bucket, String key) {

    private static final String SCHEME = "s3://";

    /** Parses {@code s3://bucket[/key]}; empty when it is not such a location. */
    static Optional<S3Location> parse(String uri) {
        if (uri == null || !uri.startsWith(SCHEME)) {
            return Optional.empty();
        }
        String rest = uri.substring(SCHEME.length());
        int slash = rest.indexOf('/');
        String bucket = slash < 0 ? rest : rest.substring(0, slash);
        String key = slash < 0 ? "" : rest.substring(slash + 1);
        if (!bucket.matches("[a-z0-9][a-z0-9.\\-_]{1,254}")) {
            return Optional.empty();
        }
        return Optional.of(new S3Location(bucket, key));
    }

    /** The location of {@code name} inside this prefix (a slash is added after a non-empty prefix when missing). */
    S3Location child(String name) {
        String prefix = key.isEmpty() || key.endsWith("/") ? key : key + "/";
        return new S3Location(bucket, prefix + name);
    }

    String uri() {
        return SCHEME + bucket + "/" + key;
    }

    @Override
    public String toString() {
        return uri();
    }
}
