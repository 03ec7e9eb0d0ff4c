package io.athenaworkflow.local.sfn.api;

import io.athenaworkflow.local.sfn.asl.interpreter.Interpreter;
import java.util.Objects;

/**
 * Where the local Step Functions service lives and how it runs executions.
 *
 * @param region the region in every ARN it issues
 * @param accountId the 12-digit account in every ARN it issues
 * @param interpreterOptions Map concurrency, jitter randomness and history quota of executions
 */
public record StepFunctionsConfig(String region, String accountId, Interpreter.Options interpreterOptions) {

    /** LocalStack's conventions: us-east-1, account 000000000000. */
    public static final String DEFAULT_REGION = "us-east-1";
    public static final String DEFAULT_ACCOUNT_ID = "000000000000";

    public StepFunctionsConfig {
        Objects.requireNonNull(interpreterOptions, "interpreterOptions");
        if (region == null || !region.matches("[a-z]{2}(-[a-z]+)+-\\d")) {
            throw new IllegalArgumentException("region must look like an AWS region (e.g. us-east-1), was '"
                    + region + "'");
        }
        if (accountId == null || !accountId.matches("\\d{12}")) {
            throw new IllegalArgumentException("accountId must be 12 digits like an AWS account id, was '"
                    + accountId + "'");
        }
    }

    public static StepFunctionsConfig defaults() {
        return new StepFunctionsConfig(DEFAULT_REGION, DEFAULT_ACCOUNT_ID, Interpreter.Options.defaults());
    }

    public StepFunctionsConfig withRegion(String newRegion) {
        return new StepFunctionsConfig(newRegion, accountId, interpreterOptions);
    }

    public StepFunctionsConfig withAccountId(String newAccountId) {
        return new StepFunctionsConfig(region, newAccountId, interpreterOptions);
    }

    public StepFunctionsConfig withInterpreterOptions(Interpreter.Options options) {
        return new StepFunctionsConfig(region, accountId, options);
    }
}
