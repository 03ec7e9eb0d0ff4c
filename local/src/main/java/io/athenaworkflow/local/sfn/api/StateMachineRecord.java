package io.athenaworkflow.local.sfn.api;

import io.athenaworkflow.local.sfn.asl.definition.StateMachineDefinition;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * One revision of a state machine as DescribeStateMachine reports it. Immutable: UpdateStateMachine makes a new
 * revision, and every execution keeps the revision it started with (DescribeStateMachineForExecution).
 *
 * @param revisionId null until the first UpdateStateMachine, as on AWS
 * @param updateDate null until the first UpdateStateMachine
 */
public record StateMachineRecord(String arn, String name, String definitionText, StateMachineDefinition definition,
                                 String roleArn, StateMachineType type, LoggingConfiguration logging,
                                 boolean tracingEnabled, Map<String, String> tags, Instant creationDate,
                                 Instant updateDate, String revisionId) {

    public StateMachineRecord {
        Objects.requireNonNull(arn, "arn");
        Objects.requireNonNull(definition, "definition");
        tags = Map.copyOf(tags);
    }

    public Optional<String> revision() {
        return Optional.ofNullable(revisionId);
    }

    /** When this revision came to be: the update date, or the creation date before any update. */
    public Instant revisionDate() {
        return updateDate != null ? updateDate : creationDate;
    }
}
