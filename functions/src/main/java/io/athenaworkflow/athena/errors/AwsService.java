package io.athenaworkflow.athena.errors;

/** The AWS services the functions call, as the catalogue's messages name them and as a rejection is named. */
public enum AwsService {
    ATHENA("Athena"),
    S3("S3"),
    STEP_FUNCTIONS("Step Functions");

    private final String displayName;

    AwsService(String displayName) {
        this.displayName = displayName;
    }

    /** The service's name in messages, e.g. "Step Functions". */
    public String displayName() {
        return displayName;
    }
}
