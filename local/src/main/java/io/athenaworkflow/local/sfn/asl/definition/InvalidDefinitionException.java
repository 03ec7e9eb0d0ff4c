package io.athenaworkflow.local.sfn.asl.definition;

import java.util.List;

/**
 * Thrown by {@link StateMachineDefinition#parse(String)} when a definition is not valid Amazon States Language: the
 * message reads like Step Functions' {@code InvalidDefinition} error ("Invalid State Machine Definition:
 * 'SCHEMA_VALIDATION_FAILED: ... at /States/A/Next'"), listing every problem found with its JSON pointer.
 */
public class InvalidDefinitionException extends RuntimeException {

    private final List<String> problems;

    public InvalidDefinitionException(List<String> problems) {
        super("Invalid State Machine Definition: '" + String.join(", ", problems) + "'");
        this.problems = List.copyOf(problems);
    }

    /** Each problem as {@code CODE: description at /json/pointer}. */
    public List<String> problems() {
        return problems;
    }
}
