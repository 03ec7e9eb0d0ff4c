package io.athenaworkflow.local.template;

/**
 * A rule's target.
 *
 * @param kind what delivering to it does
 * @param arn the state machine ARN, or the function (alias) ARN
 * @param input the target's constant Input (JSON text) sent instead of the event, or null to send the event
 */
public record RuleTarget(Kind kind, String arn, String input) {

    /** What a delivery to the target does. */
    public enum Kind {
        /** StartExecution of the state machine with the event (or Input) as the execution input. */
        START_EXECUTION,
        /** Asynchronous Invoke of the function with the event (or Input) as the payload. */
        INVOKE_FUNCTION
    }
}
