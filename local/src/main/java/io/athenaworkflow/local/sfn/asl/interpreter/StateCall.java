package io.athenaworkflow.local.sfn.asl.interpreter;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.athenaworkflow.local.sfn.asl.definition.MapState;
import io.athenaworkflow.local.sfn.asl.definition.ParallelState;
import io.athenaworkflow.local.sfn.asl.definition.QueryLanguage;
import io.athenaworkflow.local.sfn.asl.definition.State;
import io.athenaworkflow.local.sfn.asl.definition.TaskState;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Map;

/**
 * One entry into a state: the state, its raw input, where it runs, when it was entered (and as which event), the
 * variables visible then, and what the context object needs (retry count, task token).
 */
final class StateCall {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final DateTimeFormatter ISO_MILLIS =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

    final State state;
    final JsonNode input;
    final Frame frame;
    final long enteredId;
    final Instant enteredTime;
    final Map<String, JsonNode> variables;
    private final ExecutionContext execution;
    private final JsonNode executionInput;
    private final Instant executionStart;
    private final ObjectNode givenContext;
    private final Inspection inspection;
    private int redriveCount;
    private Instant redriveTime;
    int retryCount;
    String taskToken;
    /** When this entry redrives a state: how far the unsuccessful run of it got; null otherwise. */
    Checkpoint resumed;

    /** An entry into a state of a running execution. */
    StateCall(State state, JsonNode input, Frame frame, long enteredId, Instant enteredTime, Execution execution) {
        this(state, input, frame, enteredId, enteredTime, execution.context(), execution.input(),
                execution.startDate(), null, null);
        this.redriveCount = execution.redriveCount();
        this.redriveTime = execution.redriveDate().orElse(null);
    }

    /**
     * An entry into a state tested alone (TestState): {@code givenContext}, when not null, is the context object the
     * caller supplied; {@code inspection}, when not null, receives the data flow's intermediate values.
     */
    StateCall(State state, JsonNode input, Frame frame, long enteredId, Instant enteredTime,
              ExecutionContext execution, JsonNode executionInput, Instant executionStart, ObjectNode givenContext,
              Inspection inspection) {
        this.state = state;
        this.input = input;
        this.frame = frame;
        this.enteredId = enteredId;
        this.enteredTime = enteredTime;
        this.variables = frame.scope.visible();
        this.execution = execution;
        this.executionInput = executionInput;
        this.executionStart = executionStart;
        this.givenContext = givenContext;
        this.inspection = inspection;
    }

    /** Records an intermediate value of the data flow when the state is being inspected (TestState DEBUG). */
    void inspect(String field, JsonNode value) {
        if (inspection != null && value != null) {
            inspection.record(field, value);
        }
    }

    static String timestamp(Instant instant) {
        return ISO_MILLIS.format(instant);
    }

    boolean jsonata() {
        return state.language() == QueryLanguage.JSONATA;
    }

    /** Whether the state can retry: only those have {@code State.RetryCount} in their context object on AWS. */
    private boolean retriable() {
        return state instanceof TaskState || state instanceof ParallelState || state instanceof MapState;
    }

    /**
     * The context object ({@code $$} in JSONPath, {@code $states.context} in JSONata) as of now, its members in the
     * order AWS writes them.
     */
    ObjectNode context() {
        if (givenContext != null) {
            return givenContext.deepCopy();
        }
        ObjectNode context = NODES.objectNode();
        ObjectNode executionNode = context.putObject("Execution");
        ExecutionContext ctx = execution;
        executionNode.put("Id", ctx.executionArn());
        executionNode.set("Input", executionInput);
        executionNode.put("StartTime", timestamp(executionStart));
        executionNode.put("Name", ctx.name());
        executionNode.put("RoleArn", ctx.roleArn());
        executionNode.put("RedriveCount", redriveCount);
        if (redriveTime != null) {
            executionNode.put("RedriveTime", timestamp(redriveTime));
        }
        ObjectNode machine = context.putObject("StateMachine");
        machine.put("Id", ctx.stateMachineArn());
        machine.put("Name", ctx.stateMachineName());
        ObjectNode stateNode = context.putObject("State");
        stateNode.put("Name", state.name());
        stateNode.put("EnteredTime", timestamp(enteredTime));
        if (retriable()) {
            stateNode.put("RetryCount", retryCount);
        }
        if (taskToken != null) {
            context.putObject("Task").put("Token", taskToken);
        }
        if (frame.mapIndex != null) {
            ObjectNode item = context.putObject("Map").putObject("Item");
            item.put("Index", frame.mapIndex);
            item.set("Value", frame.mapValue);
        }
        return context;
    }

    /** The {@code $states} binding of a JSONata expression. */
    ObjectNode states(JsonNode result, JsonNode errorOutput, JsonNode context) {
        ObjectNode states = NODES.objectNode();
        states.set("input", input);
        if (result != null) {
            states.set("result", result);
        }
        if (errorOutput != null) {
            states.set("errorOutput", errorOutput);
        }
        states.set("context", context);
        return states;
    }

    /** How AWS begins the cause of an error raised while evaluating this state's fields. */
    String prefix() {
        return "An error occurred while executing the state '" + state.name() + "' (entered at the event id #"
                + enteredId + "). ";
    }
}
