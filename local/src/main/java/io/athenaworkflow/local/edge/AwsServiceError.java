package io.athenaworkflow.local.edge;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * A modeled AWS error that an {@link AwsJsonService} answers instead of a result: thrown from
 * {@link AwsJsonService#handle}, sent as {@code {"__type": type, "Message": message, ...fields}} with
 * {@code httpStatus}. It is an expected answer, not a failure of the runtime.
 */
public final class AwsServiceError extends RuntimeException {

    private final String type;
    private final int httpStatus;
    private final Map<String, Object> fields;

    private AwsServiceError(String type, String message, int httpStatus, Map<String, Object> fields) {
        super(message, null, false, false);
        this.type = Objects.requireNonNull(type, "type");
        this.httpStatus = httpStatus;
        this.fields = Collections.unmodifiableMap(fields);
    }

    /** A client error (HTTP 400) such as {@code InvalidRequestException}; {@code message} may be null. */
    public static AwsServiceError client(String type, String message) {
        return new AwsServiceError(type, message, 400, new LinkedHashMap<>());
    }

    /** An error with an explicit HTTP status (e.g. 500 for {@code InternalServerException}). */
    public static AwsServiceError withStatus(String type, String message, int httpStatus) {
        if (httpStatus < 400 || httpStatus > 599) {
            throw new IllegalArgumentException("an error needs a 4xx or 5xx status, was " + httpStatus);
        }
        return new AwsServiceError(type, message, httpStatus, new LinkedHashMap<>());
    }

    /** A copy with one more top-level field in the error body (e.g. {@code AthenaErrorCode}). */
    public AwsServiceError with(String field, Object value) {
        Map<String, Object> copy = new LinkedHashMap<>(fields);
        copy.put(Objects.requireNonNull(field, "field"), Objects.requireNonNull(value, "value"));
        return new AwsServiceError(type, getMessage(), httpStatus, copy);
    }

    /** The error's {@code __type}, e.g. {@code InvalidRequestException}. */
    public String type() {
        return type;
    }

    public int httpStatus() {
        return httpStatus;
    }

    /** Extra top-level fields of the error body, in order. */
    public Map<String, Object> fields() {
        return fields;
    }
}
