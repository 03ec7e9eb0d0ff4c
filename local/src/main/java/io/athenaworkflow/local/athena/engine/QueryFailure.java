package io.athenaworkflow.local.athena.engine;

/**
 * The statement failed the way an Athena query ends FAILED. The message becomes StateChangeReason and
 * {@code errorCategory}/{@code errorType} become AthenaError (1 system, 2 user, 3 other; errorType as Athena's
 * documented codes, e.g. 1100 for a syntax error).
 */
public final class QueryFailure extends RuntimeException {

    private final int errorCategory;
    private final int errorType;

    public QueryFailure(String message, int errorCategory, int errorType, Throwable cause) {
        super(message, cause);
        this.errorCategory = errorCategory;
        this.errorType = errorType;
    }

    public QueryFailure(String message, int errorCategory, int errorType) {
        this(message, errorCategory, errorType, null);
    }

    public int errorCategory() {
        return errorCategory;
    }

    public int errorType() {
        return errorType;
    }
}
