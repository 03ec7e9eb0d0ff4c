package io.athenaworkflow.local.cli;

/**
 * Thrown by {@code run --endpoint} without {@code --state-machine-arn} when ListStateMachines returns no state machine
 * whose name ends with {@code -athena-query}.
 */
public final class StateMachineNotFoundException extends CliException {

    public StateMachineNotFoundException(String message) {
        super(message);
    }
}
