package io.athenaworkflow.athena.errors;

/** The AWS services the functions call, as the catalogue's messages name them and as a rejection is named. */
public enum AwsService {
    ATHENA("Athena", "run fewer executions at once, or ask for a higher Athena quota (active queries or API rate)"),
    S3("S3", "lower the request rate on the prefix (S3 scales its rate per prefix as load grows)"),
    STEP_FUNCTIONS("Step Functions", "run fewer executions at once, or ask for a higher Step Functions API quota");

    private final String displayName;
    private final String throttlingAdvice;

    AwsService(String displayName, String throttlingAdvice) {
        this.displayName = displayName;
        this.throttlingAdvice = throttlingAdvice;
    }

    /** What to do when this service keeps throttling the workflow. */
    String throttlingAdvice() {
        return throttlingAdvice;
    }

    /** The service's name in messages, e.g. "Step Functions". */
    public String displayName() {
        return displayName;
    }
}
