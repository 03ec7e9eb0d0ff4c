package io.athenaworkflow.local.athena.engine;

import java.util.Optional;

/**
 * An {@code s3://bucket/prefix} location.
 *
 * @param bucket the bucket
 * @param prefix the key prefix, without a leading slash; ends with {@code /} unless empty
 */
public record S3Location(String bucket, String prefix) {

    /** Parses {@code s3://bucket/prefix} (also s3a:// and s3n://); empty when it is not an S3 URI. */
    public static Optional<S3Location> parse(String uri) {
        if (uri == null) {
            return Optional.empty();
        }
        int scheme = uri.indexOf("://");
        if (scheme < 0 || !uri.substring(0, scheme).matches("(?i)s3[an]?")) {
            return Optional.empty();
        }
        String rest = uri.substring(scheme + 3);
        int slash = rest.indexOf('/');
        String bucket = slash < 0 ? rest : rest.substring(0, slash);
        String prefix = slash < 0 ? "" : rest.substring(slash + 1);
        if (bucket.isEmpty()) {
            return Optional.empty();
        }
        if (!prefix.isEmpty() && !prefix.endsWith("/")) {
            prefix = prefix + "/";
        }
        return Optional.of(new S3Location(bucket, prefix));
    }

    /** This location as a URI, with a trailing slash when it has a prefix. */
    public String uri() {
        return "s3://" + bucket + "/" + prefix;
    }

    /** The location {@code child} (a relative path) below this one. */
    public S3Location resolve(String child) {
        String c = child.endsWith("/") ? child : child + "/";
        return new S3Location(bucket, prefix + c);
    }
}
