package io.athenaworkflow.local.faults;

import io.athenaworkflow.local.s3.S3Error;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A fault of S3: requests with {@code method} on keys matching {@code keyGlob} (in {@code bucket}, or any bucket)
 * that {@code calls} selects are answered with {@code error} and not carried out.
 *
 * <p>Faults apply to the S3 REST API (every SDK and CLI call) and, for {@link S3Method#PUT} and
 * {@link S3Method#DELETE}, also to the local Athena's own writes (query results, CTAS data), as S3 would fail
 * Athena's requests.
 *
 * @param method the request's method
 * @param bucket the bucket, or null for every bucket
 * @param keyGlob the keys: {@code *} matches within one path segment (not {@code /}), {@code **} across segments,
 *     {@code ?} one character; bucket-level requests (listing, DeleteObjects) have the empty key, which
 *     {@code **} matches
 * @param calls which of the matching requests fail (counted per rule)
 * @param error what they are answered with
 */
public record S3Fault(S3Method method, String bucket, String keyGlob, Calls calls, S3Error error) implements FaultRule {

    public S3Fault {
        Objects.requireNonNull(method, "method");
        if (keyGlob == null) {
            throw new IllegalArgumentException("an S3 fault needs a key glob, e.g. \"**\" for every key or"
                    + " \"results/*.csv\"");
        }
        Objects.requireNonNull(calls, "calls");
        Objects.requireNonNull(error, "error");
    }

    /** GET of keys matching {@code keyGlob} in any bucket. */
    public static S3Fault onGet(String keyGlob, Calls calls, S3Error error) {
        return new S3Fault(S3Method.GET, null, keyGlob, calls, error);
    }

    /** PUT of keys matching {@code keyGlob} in any bucket (including Athena writing query results). */
    public static S3Fault onPut(String keyGlob, Calls calls, S3Error error) {
        return new S3Fault(S3Method.PUT, null, keyGlob, calls, error);
    }

    /** The same fault in one bucket only. */
    public S3Fault inBucket(String onlyBucket) {
        return new S3Fault(method, onlyBucket, keyGlob, calls, error);
    }

    boolean matches(S3Method requestMethod, String requestBucket, String key) {
        return method == requestMethod && (bucket == null || bucket.equals(requestBucket))
                && globPattern(keyGlob).matcher(key).matches();
    }

    /** The glob as a regular expression: {@code **} any characters, {@code *} any but '/', {@code ?} one. */
    static Pattern globPattern(String glob) {
        StringBuilder regex = new StringBuilder();
        for (int i = 0; i < glob.length(); i++) {
            char c = glob.charAt(i);
            if (c == '*' && i + 1 < glob.length() && glob.charAt(i + 1) == '*') {
                regex.append(".*");
                i++;
            } else if (c == '*') {
                regex.append("[^/]*");
            } else if (c == '?') {
                regex.append('.');
            } else {
                regex.append(Pattern.quote(String.valueOf(c)));
            }
        }
        return Pattern.compile(regex.toString(), Pattern.DOTALL);
    }

    @Override
    public String toString() {
        return "S3 " + method + " " + (bucket == null ? "" : bucket + "/") + keyGlob + " " + calls + ": "
                + error.code() + " (" + error.status() + ")";
    }
}
