package io.athenaworkflow.local.sfn.tasks;

import io.athenaworkflow.local.sfn.asl.StatesError;

/** Errors shared by the integrations. */
final class TaskErrors {

    /** What the local runtime can run, named in every "unsupported resource" error so the user knows the options. */
    static final String SUPPORTED = "Lambda function ARNs, arn:aws:states:::lambda:invoke,"
            + " arn:aws:states:::athena:startQueryExecution[.sync], :getQueryExecution, :getQueryResults,"
            + " :stopQueryExecution, arn:aws:states:::aws-sdk:athena:<any Athena action> and"
            + " arn:aws:states:::aws-sdk:s3:{getObject, putObject, listObjectsV2, deleteObject, deleteObjects,"
            + " headObject, copyObject}";

    private TaskErrors() {
    }

    /**
     * A Task resource the local runtime cannot run. States.Runtime, like any other failure that no Retry or Catch can
     * fix: on AWS such a state machine would run, so the execution must fail loudly rather than take a Catch path.
     */
    static StatesError unsupported(String resource, String why) {
        return StatesError.runtime("The resource '" + resource + "' is not supported by the local Step Functions"
                + " runtime: " + why + ". Supported resources: " + SUPPORTED + ".");
    }
}
