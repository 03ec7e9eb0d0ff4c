package io.athenaworkflow.local.faults;

/**
 * The S3 errors a fault can answer with: S3's error code, HTTP status and message, as in S3's list of error
 * responses. S3 documents no {@code Retry-After} header for them, so none is sent.
 */
public enum S3Error {

    /** 500: a failure inside S3; the request may or may not have been carried out. */
    INTERNAL_ERROR("InternalError", 500, "We encountered an internal error. Please try again."),
    /** 503: the request rate is too high for the prefix. */
    SLOW_DOWN("SlowDown", 503, "Please reduce your request rate."),
    /** 503: S3 cannot handle the request now. */
    SERVICE_UNAVAILABLE("ServiceUnavailable", 503, "Service is unable to handle request.");

    private final String code;
    private final int status;
    private final String message;

    S3Error(String code, int status, String message) {
        this.code = code;
        this.status = status;
        this.message = message;
    }

    /** S3's error code, e.g. {@code SlowDown}. */
    public String code() {
        return code;
    }

    public int status() {
        return status;
    }

    public String message() {
        return message;
    }
}
