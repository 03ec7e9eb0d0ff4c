package io.athenaworkflow.local.sfn.asl.interpreter;

/**
 * Who and what an execution is: the identifiers that appear in the context object ({@code $$.Execution},
 * {@code $$.StateMachine}) and in the history, and the execution input as the caller passed it (JSON text).
 */
public record ExecutionContext(String executionArn, String name, String stateMachineArn, String stateMachineName,
                               String roleArn, String inputJson) {

    public ExecutionContext {
        require(executionArn, "executionArn");
        require(name, "name");
        require(stateMachineArn, "stateMachineArn");
        require(stateMachineName, "stateMachineName");
        roleArn = roleArn == null ? "" : roleArn;
        inputJson = inputJson == null || inputJson.isBlank() ? "{}" : inputJson;
    }

    /**
     * A context for an execution named {@code name} of the state machine {@code stateMachineArn}, with the execution ARN
     * derived as Step Functions does ({@code arn:aws:states:REGION:ACCOUNT:execution:MACHINE:NAME}).
     */
    public static ExecutionContext of(String stateMachineArn, String name, String roleArn, String inputJson) {
        String[] parts = stateMachineArn.split(":", 7);
        if (parts.length < 7 || !"stateMachine".equals(parts[5])) {
            throw new IllegalArgumentException("not a state machine ARN: " + stateMachineArn
                    + " (expected arn:aws:states:REGION:ACCOUNT:stateMachine:NAME)");
        }
        String executionArn = String.join(":", parts[0], parts[1], parts[2], parts[3], parts[4], "execution",
                parts[6]) + ":" + name;
        return new ExecutionContext(executionArn, name, stateMachineArn, parts[6], roleArn, inputJson);
    }

    /** The region of the execution ARN ({@code us-east-1} when the ARN has none). */
    public String region() {
        String[] parts = executionArn.split(":");
        return parts.length > 3 && !parts[3].isEmpty() ? parts[3] : "us-east-1";
    }

    private static void require(String value, String field) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(field + " must not be blank");
        }
    }
}
