package io.athenaworkflow.local.template;

/**
 * An EventBridge rule on the default bus: a SAM {@code EventBridgeRule} event of a function or state machine, or an
 * {@code AWS::Events::Rule}.
 *
 * @param logicalId the rule's logical id (SAM's generated one, {@code <Resource><EventId>}, for SAM events)
 * @param name the rule name (RuleName/Name, else {@code <stack>-<logicalId>})
 * @param arn {@code arn:aws:events:<region>:<account>:rule/<name>}
 * @param eventPattern the event pattern as JSON text, intrinsics resolved
 * @param enabled false when State is DISABLED
 * @param target where matching events go
 */
public record RuleDeployment(
        String logicalId, String name, String arn, String eventPattern, boolean enabled, RuleTarget target) {
}
