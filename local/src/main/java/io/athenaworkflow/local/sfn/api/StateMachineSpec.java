package io.athenaworkflow.local.sfn.api;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * What CreateStateMachine asks for.
 *
 * @param name 1-80 characters, none of the characters Step Functions forbids
 * @param definition the Amazon States Language text
 * @param roleArn the IAM role ARN (recorded, not enforced locally)
 * @param type STANDARD or EXPRESS
 * @param logging the logging configuration
 * @param tracingEnabled whether X-Ray tracing is on (recorded only)
 * @param tags resource tags
 */
public record StateMachineSpec(String name, String definition, String roleArn, StateMachineType type,
                               LoggingConfiguration logging, boolean tracingEnabled, Map<String, String> tags) {

    public StateMachineSpec {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(logging, "logging");
        // Kept in the order given: ListTagsForResource answers in that order.
        tags = Collections.unmodifiableMap(new LinkedHashMap<>(tags));
    }

    /** A STANDARD state machine without logging, tracing or tags. */
    public static StateMachineSpec of(String name, String definition, String roleArn) {
        return new StateMachineSpec(name, definition, roleArn, StateMachineType.STANDARD, LoggingConfiguration.off(),
                false, Map.of());
    }

    public StateMachineSpec withType(StateMachineType newType) {
        return new StateMachineSpec(name, definition, roleArn, newType, logging, tracingEnabled, tags);
    }
}
