package io.athenaworkflow.local.events;

import io.athenaworkflow.local.template.RuleTarget;

/**
 * A delivery the bus gave up on.
 *
 * @param ruleName the rule that matched
 * @param target the target it could not reach
 * @param attempts how many times it tried (0 when the delivery queue was full)
 * @param error the last failure's message
 */
public record FailedDelivery(String ruleName, RuleTarget target, int attempts, String error) {
}
