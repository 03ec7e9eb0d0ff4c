package io.athenaworkflow.local.sfn.api;

/** Thrown by TagResource when a resource would carry more than the 50 tags Step Functions allows. */
public class TooManyTagsException extends StepFunctionsException {

    public TooManyTagsException(String message) {
        super(message);
    }

    @Override
    public String errorType() {
        return "TooManyTags";
    }
}
