package io.athenaworkflow.local.sfn.api;

import io.athenaworkflow.local.sfn.asl.definition.StateMachineDefinition;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
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
        // Kept in the order given: ListTagsForResource answers in that order.
        tags = Collections.unmodifiableMap(new LinkedHashMap<>(tags));
    }

    public Optional<String> revision() {
        return Optional.ofNullable(revisionId);
    }

    /** The same revision under another ARN (DescribeStateMachine of a version reports the version ARN). */
    public StateMachineRecord withArn(String newArn) {
        return new StateMachineRecord(newArn, name, definitionText, definition, roleArn, type, logging, tracingEnabled,
                tags, creationDate, updateDate, revisionId);
    }

    /** The same revision with other tags (tags are not part of a revision). */
    public StateMachineRecord withTags(Map<String, String> newTags) {
        return new StateMachineRecord(arn, name, definitionText, definition, roleArn, type, logging, tracingEnabled,
                newTags, creationDate, updateDate, revisionId);
    }

    /** When this revision came to be: the update date, or the creation date before any update. */
    public Instant revisionDate() {
        return updateDate != null ? updateDate : creationDate;
    }
}
