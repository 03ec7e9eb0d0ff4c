package io.athenaworkflow.local.sfn.api;

/**
 * Thrown when a version or alias request conflicts with what exists: a revisionId that is no longer current, an alias
 * name taken with another routing, a version an alias still routes to.
 */
public class ConflictException extends StepFunctionsException {

    public ConflictException(String message) {
        super(message);
    }

    @Override
    public String errorType() {
        return "ConflictException";
    }
}
