package io.athenaworkflow.local.sfn.asl.interpreter;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.jayway.jsonpath.JsonPath;
import io.athenaworkflow.local.clock.RuntimeClock;
import io.athenaworkflow.local.sfn.asl.StatesError;
import io.athenaworkflow.local.sfn.asl.expr.JsonPaths;
import io.athenaworkflow.local.sfn.asl.definition.Catcher;
import io.athenaworkflow.local.sfn.asl.definition.JitterStrategy;
import io.athenaworkflow.local.sfn.asl.definition.QueryLanguage;
import io.athenaworkflow.local.sfn.asl.definition.Retrier;
import io.athenaworkflow.local.sfn.asl.definition.StateGraph;
import io.athenaworkflow.local.sfn.asl.definition.StateNode;
import io.athenaworkflow.local.sfn.asl.definition.StateType;
import io.athenaworkflow.local.sfn.asl.history.HistoryEvent;
import io.athenaworkflow.local.sfn.asl.history.HistoryLimitExceededException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

/** Runs states: input/output processing in both query languages, Retry/Catch, and the history of each state. */
final class StateRunner {

    /** The Step Functions payload quota: 256 KiB of UTF-8 per state input, output and task result. */
    static final int MAX_PAYLOAD_BYTES = 262_144;

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final DateTimeFormatter ISO_MILLIS =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);
    private static final Set<StateType> ABORTABLE = Set.of(StateType.TASK, StateType.WAIT, StateType.MAP,
            StateType.PARALLEL);

    private final Execution execution;
    private final RuntimeClock clock;
    private final TaskInvoker invoker;
    private final Expressions expressions;
    private final Interpreter.Options options;

    StateRunner(Execution execution, RuntimeClock clock, TaskInvoker invoker, Expressions expressions,
                Interpreter.Options options) {
        this.execution = execution;
        this.clock = clock;
        this.invoker = invoker;
        this.expressions = expressions;
        this.options = options;
    }

    static String timestamp(Instant instant) {
        return ISO_MILLIS.format(instant);
    }

    /** Runs {@code graph} from its StartAt to an end state; returns the last state's output. */
    JsonNode runGraph(StateGraph graph, JsonNode input, Frame frame) {
        String current = graph.startAt();
        JsonNode data = input;
        while (true) {
            checkCancelled(frame);
            Step step = runState(graph.require(current), data, frame);
            if (step.next() == null) {
                return step.output();
            }
            current = step.next();
            data = step.output();
        }
    }

    private record Step(String next, JsonNode output) {
    }

    /** What one attempt of a state produced: its output and the variables it assigns. */
    private record Outcome(JsonNode output, Map<String, JsonNode> assigned) {
    }

    /** One entry into a state. */
    private final class Call {
        final StateNode state;
        final JsonNode input;
        final Frame frame;
        final long enteredId;
        final Instant enteredTime;
        final Map<String, JsonNode> variables;
        int retryCount;
        String taskToken;

        Call(StateNode state, JsonNode input, Frame frame, long enteredId, Instant enteredTime) {
            this.state = state;
            this.input = input;
            this.frame = frame;
            this.enteredId = enteredId;
            this.enteredTime = enteredTime;
            this.variables = frame.scope.visible();
        }

        boolean jsonata() {
            return state.language() == QueryLanguage.JSONATA;
        }

        JsonNode field(String name) {
            return state.json().get(name);
        }

        ObjectNode context() {
            ObjectNode context = NODES.objectNode();
            ObjectNode executionNode = context.putObject("Execution");
            ExecutionContext ctx = execution.context();
            executionNode.put("Id", ctx.executionArn());
            executionNode.set("Input", execution.input());
            executionNode.put("Name", ctx.name());
            executionNode.put("RoleArn", ctx.roleArn());
            executionNode.put("StartTime", timestamp(execution.startDate()));
            executionNode.put("RedriveCount", 0);
            ObjectNode stateNode = context.putObject("State");
            stateNode.put("EnteredTime", timestamp(enteredTime));
            stateNode.put("Name", state.name());
            stateNode.put("RetryCount", retryCount);
            ObjectNode machine = context.putObject("StateMachine");
            machine.put("Id", ctx.stateMachineArn());
            machine.put("Name", ctx.stateMachineName());
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

        String prefix() {
            return "An error occurred while executing the state '" + state.name() + "' (entered at the event id #"
                    + enteredId + "). ";
        }
    }

    // ---------------------------------------------------------------------------------------------------- states

    private Step runState(StateNode state, JsonNode input, Frame frame) {
        Instant entered = clock.now();
        HistoryEvent event = append(frame, state.type().aslName() + "StateEntered", "stateEnteredEventDetails",
                enteredDetails(state.name(), input));
        Call call = new Call(state, input, frame, event.id(), entered);
        try {
            return switch (state.type()) {
                case PASS -> exit(call, pass(call));
                case SUCCEED -> {
                    Step step = exit(call, succeed(call));
                    yield new Step(null, step.output());
                }
                case FAIL -> throw fail(call);
                case CHOICE -> choice(call);
                case WAIT -> exit(call, waitState(call));
                case TASK, PARALLEL, MAP -> withRetries(call);
            };
        } catch (Cancelled cancelled) {
            if (ABORTABLE.contains(state.type())) {
                appendQuietly(frame, state.type().aslName() + "StateAborted", null, null);
            }
            throw cancelled;
        }
    }

    private Step exit(Call call, Outcome outcome) {
        checkSize(call, outcome.output());
        ObjectNode details = NODES.objectNode();
        details.put("name", call.state.name());
        details.put("output", Json.compact(outcome.output()));
        details.putObject("outputDetails").put("truncated", false);
        if (outcome.assigned() != null) {
            ObjectNode assigned = details.putObject("assignedVariables");
            outcome.assigned().forEach((name, value) -> assigned.put(name, Json.compact(value)));
            details.putObject("assignedVariablesDetails").put("truncated", false);
        }
        append(call.frame, call.state.type().aslName() + "StateExited", "stateExitedEventDetails", details);
        if (outcome.assigned() != null) {
            call.frame.scope.assign(outcome.assigned());
        }
        return new Step(call.state.next().orElse(null), outcome.output());
    }

    private Outcome pass(Call call) {
        if (call.jsonata()) {
            return jsonataOutput(call, null, call.input, call.context());
        }
        ObjectNode context = call.context();
        JsonNode effective = inputPath(call, context);
        JsonNode result = effective;
        if (call.field("Parameters") != null) {
            result = evaluate(call, () -> expressions.payloadTemplate(call.field("Parameters"), effective, context,
                    call.variables));
        } else if (call.field("Result") != null) {
            result = call.field("Result");
        }
        return jsonPathOutput(call, result, context);
    }

    private Outcome succeed(Call call) {
        if (call.jsonata()) {
            return jsonataOutput(call, null, call.input, call.context());
        }
        ObjectNode context = call.context();
        JsonNode effective = inputPath(call, context);
        return new Outcome(outputPath(call, effective, context), null);
    }

    private StatesError fail(Call call) {
        String error;
        String cause;
        if (call.jsonata()) {
            ObjectNode states = call.states(null, null, call.context());
            error = textOf(call, "Error", states);
            cause = textOf(call, "Cause", states);
        } else {
            ObjectNode context = call.context();
            error = pathText(call, "Error", "ErrorPath", context);
            cause = pathText(call, "Cause", "CausePath", context);
        }
        // FailStateEntered was recorded by runState: a Fail state has no exit event.
        return new StatesError(error == null ? "" : error, cause);
    }

    private String textOf(Call call, String field, ObjectNode states) {
        JsonNode node = call.field(field);
        if (node == null) {
            return null;
        }
        JsonNode value = evaluate(call, () -> expressions.jsonataTemplate(node, states, call.variables));
        if (!value.isTextual()) {
            throw new StatesError("States.QueryEvaluationError", call.prefix() + "The value of the field '" + field
                    + "' must be a string, but was " + Json.compact(value));
        }
        return value.asText();
    }

    private String pathText(Call call, String field, String pathField, ObjectNode context) {
        JsonNode literal = call.field(field);
        if (literal != null) {
            return literal.asText();
        }
        JsonNode path = call.field(pathField);
        if (path == null) {
            return null;
        }
        String expression = path.asText();
        JsonNode value = evaluate(call, () -> expression.startsWith("States.")
                ? expressions.intrinsic(expression, call.input, context, call.variables)
                : reference(expression, call.input, context, call.variables));
        if (!value.isTextual()) {
            throw StatesError.runtime(call.prefix() + "The " + pathField + " '" + expression
                    + "' must select a string, but selected " + Json.compact(value));
        }
        return value.asText();
    }

    private Step choice(Call call) {
        ObjectNode context = call.context();
        JsonNode effective = call.jsonata() ? call.input : inputPath(call, context);
        ObjectNode states = call.states(null, null, context);
        JsonNode rules = call.field("Choices");
        for (JsonNode rule : rules) {
            boolean matches;
            if (call.jsonata()) {
                JsonNode value = evaluate(call, () -> expressions.jsonataTemplate(rule.get("Condition"), states,
                        call.variables));
                if (!value.isBoolean()) {
                    throw new StatesError("States.QueryEvaluationError", call.prefix() + "The Condition of a choice"
                            + " rule must evaluate to a boolean, but returned " + Json.compact(value));
                }
                matches = value.asBoolean();
            } else {
                matches = evaluate(call, () -> expressions.choiceMatches(rule, effective, context, call.variables));
            }
            if (matches) {
                Outcome outcome = choiceOutcome(call, effective, context, states, rule);
                Step step = exit(call, outcome);
                return new Step(rule.get("Next").asText(), step.output());
            }
        }
        JsonNode defaultState = call.field("Default");
        if (defaultState == null) {
            throw new StatesError("States.NoChoiceMatched", "No Matches!");
        }
        Outcome outcome = choiceOutcome(call, effective, context, states, null);
        Step step = exit(call, outcome);
        return new Step(defaultState.asText(), step.output());
    }

    private Outcome choiceOutcome(Call call, JsonNode effective, ObjectNode context, ObjectNode states, JsonNode rule) {
        Map<String, JsonNode> assigned = null;
        JsonNode output;
        if (call.jsonata()) {
            assigned = jsonataAssign(call, call.field("Assign"), states, null);
            if (rule != null && rule.get("Assign") != null) {
                assigned = merge(assigned, jsonataAssign(call, rule.get("Assign"), states, null));
            }
            JsonNode outputTemplate = rule != null && rule.get("Output") != null ? rule.get("Output")
                    : call.field("Output");
            output = outputTemplate == null ? call.input
                    : evaluate(call, () -> expressions.jsonataTemplate(outputTemplate, states, call.variables));
        } else {
            assigned = jsonPathAssign(call, call.field("Assign"), effective, context);
            if (rule != null && rule.get("Assign") != null) {
                assigned = merge(assigned, jsonPathAssign(call, rule.get("Assign"), effective, context));
            }
            output = outputPath(call, effective, context);
        }
        return new Outcome(output, assigned);
    }

    private static Map<String, JsonNode> merge(Map<String, JsonNode> first, Map<String, JsonNode> second) {
        if (first == null) {
            return second;
        }
        Map<String, JsonNode> merged = new HashMap<>(first);
        if (second != null) {
            merged.putAll(second);
        }
        return merged;
    }

    private Outcome waitState(Call call) {
        ObjectNode context = call.context();
        Instant until;
        JsonNode effective = call.jsonata() ? call.input : inputPath(call, context);
        if (call.jsonata()) {
            ObjectNode states = call.states(null, null, context);
            JsonNode seconds = call.field("Seconds");
            until = seconds != null
                    ? call.enteredTime.plusSeconds(seconds(call, evaluate(call,
                    () -> expressions.jsonataTemplate(seconds, states, call.variables)), "Seconds", true))
                    : timestampOf(call, evaluate(call, () -> expressions.jsonataTemplate(call.field("Timestamp"),
                    states, call.variables)), "Timestamp", true);
        } else if (call.field("Seconds") != null) {
            until = call.enteredTime.plusSeconds(seconds(call, call.field("Seconds"), "Seconds", false));
        } else if (call.field("Timestamp") != null) {
            until = timestampOf(call, call.field("Timestamp"), "Timestamp", false);
        } else if (call.field("SecondsPath") != null) {
            String path = call.field("SecondsPath").asText();
            until = call.enteredTime.plusSeconds(seconds(call, evaluate(call,
                    () -> reference(path, effective, context, call.variables)), "SecondsPath", false));
        } else {
            String path = call.field("TimestampPath").asText();
            until = timestampOf(call, evaluate(call, () -> reference(path, effective, context, call.variables)),
                    "TimestampPath", false);
        }
        Duration left = Duration.between(clock.now(), until);
        sleep(left);
        if (call.jsonata()) {
            return jsonataOutput(call, null, call.input, context);
        }
        Map<String, JsonNode> assigned = jsonPathAssign(call, call.field("Assign"), effective, context);
        return new Outcome(outputPath(call, effective, context), assigned);
    }

    private long seconds(Call call, JsonNode value, String field, boolean jsonata) {
        if (!value.isIntegralNumber() || value.asLong() < 0 || value.asLong() > 99_999_999L) {
            String message = call.prefix() + "The " + field + " value must be a non-negative integer, but was "
                    + Json.compact(value);
            throw jsonata ? new StatesError("States.QueryEvaluationError", message) : StatesError.runtime(message);
        }
        return value.asLong();
    }

    private Instant timestampOf(Call call, JsonNode value, String field, boolean jsonata) {
        try {
            if (value.isTextual()) {
                return OffsetDateTime.parse(value.asText()).toInstant();
            }
        } catch (DateTimeParseException e) {
            // falls through to the error below
        }
        String message = call.prefix() + "The " + field + " value must be an ISO-8601 timestamp such as"
                + " 2016-03-14T01:59:00Z, but was " + Json.compact(value);
        throw jsonata ? new StatesError("States.QueryEvaluationError", message) : StatesError.runtime(message);
    }

    // ------------------------------------------------------------------------------------------ retry and catch

    private Step withRetries(Call call) {
        int[] attempts = new int[call.state.retriers().size()];
        while (true) {
            try {
                Outcome outcome = switch (call.state.type()) {
                    case TASK -> task(call);
                    case PARALLEL -> parallel(call);
                    case MAP -> map(call);
                    default -> throw new IllegalStateException("no retries for " + call.state);
                };
                return exit(call, outcome);
            } catch (StatesError error) {
                int index = matching(call.state.retriers().stream().map(Retrier::errorEquals).toList(),
                        error.error());
                if (index >= 0) {
                    Retrier retrier = call.state.retriers().get(index);
                    if (attempts[index] < retrier.maxAttempts()) {
                        Duration delay = delay(retrier, attempts[index]);
                        attempts[index]++;
                        call.retryCount++;
                        sleep(delay);
                        continue;
                    }
                }
                int catcher = matching(call.state.catchers().stream().map(Catcher::errorEquals).toList(),
                        error.error());
                if (catcher < 0) {
                    throw error;
                }
                return caught(call, call.state.catchers().get(catcher), error);
            }
        }
    }

    /** The index of the first handler whose ErrorEquals matches {@code error}, or -1. */
    static int matching(List<List<String>> handlers, String error) {
        for (int i = 0; i < handlers.size(); i++) {
            if (ErrorNames.matches(handlers.get(i), error)) {
                return i;
            }
        }
        return -1;
    }

    private Duration delay(Retrier retrier, int attempt) {
        double seconds = retrier.intervalSeconds() * Math.pow(retrier.backoffRate(), attempt);
        if (retrier.hasMaxDelay()) {
            seconds = Math.min(seconds, retrier.maxDelaySeconds());
        }
        if (retrier.jitterStrategy() == JitterStrategy.FULL) {
            seconds = options.random().nextDouble() * seconds;
        }
        return Duration.ofMillis(Math.round(seconds * 1000));
    }

    private Step caught(Call call, Catcher catcher, StatesError error) {
        ObjectNode errorOutput = NODES.objectNode();
        errorOutput.put("Error", error.error());
        if (error.cause() != null) {
            errorOutput.put("Cause", error.cause());
        }
        Outcome outcome;
        ObjectNode context = call.context();
        if (call.jsonata()) {
            ObjectNode states = call.states(null, errorOutput, context);
            Map<String, JsonNode> assigned = jsonataAssign(call, catcher.assign(), states, null);
            JsonNode output = catcher.output() == null ? errorOutput
                    : evaluate(call, () -> expressions.jsonataTemplate(catcher.output(), states, call.variables));
            outcome = new Outcome(output, assigned);
        } else {
            JsonNode output;
            if (!catcher.hasResultPath()) {
                output = errorOutput;
            } else if (catcher.resultPath() == null) {
                output = call.input;
            } else {
                output = evaluate(call, () -> expressions.write(call.input, catcher.resultPath(), errorOutput));
            }
            outcome = new Outcome(output, jsonPathAssign(call, catcher.assign(), errorOutput, context));
        }
        Step step = exit(call, outcome);
        return new Step(catcher.next(), step.output());
    }

    // ------------------------------------------------------------------------------------------------------ task

    private Outcome task(Call call) {
        TaskResource resource = TaskResource.parse(call.field("Resource").asText());
        call.taskToken = resource.pattern() == TaskResource.Pattern.WAIT_FOR_TASK_TOKEN ? newTaskToken() : null;
        ObjectNode context = call.context();
        JsonNode arguments;
        ObjectNode states = call.states(null, null, context);
        if (call.jsonata()) {
            JsonNode template = call.field("Arguments");
            arguments = template == null ? call.input
                    : evaluate(call, () -> expressions.jsonataTemplate(template, states, call.variables));
        } else {
            JsonNode effective = inputPath(call, context);
            JsonNode parameters = call.field("Parameters");
            arguments = parameters == null ? effective
                    : evaluate(call, () -> expressions.payloadTemplate(parameters, effective, context, call.variables));
        }
        Long timeout = timeoutSeconds(call, "TimeoutSeconds", states, context);
        Long heartbeat = timeoutSeconds(call, "HeartbeatSeconds", states, context);
        String argumentsText = Json.compact(arguments);
        if (Json.utf8Size(argumentsText) > MAX_PAYLOAD_BYTES) {
            throw new StatesError("States.DataLimitExceeded", "The state/task '" + resource.arn()
                    + "' has an input with a size exceeding the maximum number of bytes service limit.");
        }
        scheduled(call.frame, resource, argumentsText, timeout, heartbeat, execution.context().region());
        started(call.frame, resource);
        JsonNode result = invoke(call, resource, arguments, context, timeout, heartbeat);
        String resultText = Json.compact(result);
        if (Json.utf8Size(resultText) > MAX_PAYLOAD_BYTES) {
            StatesError tooLarge = new StatesError("States.DataLimitExceeded", "The state/task '"
                    + (resource.isLambdaFunction() ? resource.arn() : resource.resourceType())
                    + "' returned a result with a size exceeding the maximum number of bytes service limit.");
            taskFailed(call.frame, resource, tooLarge);
            throw tooLarge;
        }
        ObjectNode succeeded = NODES.objectNode();
        if (!resource.isLambdaFunction()) {
            succeeded.put("resourceType", resource.resourceType());
            succeeded.put("resource", resource.resource());
        }
        succeeded.put("output", resultText);
        succeeded.putObject("outputDetails").put("truncated", false);
        append(call.frame, resource.isLambdaFunction() ? "LambdaFunctionSucceeded" : "TaskSucceeded",
                resource.isLambdaFunction() ? "lambdaFunctionSucceededEventDetails" : "taskSucceededEventDetails",
                succeeded);
        return resultOutput(call, result, context);
    }

    private JsonNode invoke(Call call, TaskResource resource, JsonNode arguments, ObjectNode context, Long timeout,
                            Long heartbeat) {
        Thread worker = Thread.currentThread();
        AtomicReference<String> expired = new AtomicReference<>();
        AtomicReference<Instant> lastBeat = new AtomicReference<>(clock.now());
        TaskInvocation.Hooks hooks = new TaskInvocation.Hooks() {
            @Override
            public void submitted(JsonNode output) {
                ObjectNode details = NODES.objectNode();
                details.put("resourceType", resource.resourceType());
                details.put("resource", resource.resource());
                details.put("output", Json.compact(output));
                details.putObject("outputDetails").put("truncated", false);
                append(call.frame, "TaskSubmitted", "taskSubmittedEventDetails", details);
            }

            @Override
            public void heartbeat() {
                lastBeat.set(clock.now());
            }
        };
        TaskInvocation invocation = new TaskInvocation(resource, arguments, call.state.name(),
                timeout == null ? null : Duration.ofSeconds(timeout),
                heartbeat == null ? null : Duration.ofSeconds(heartbeat), context, clock, execution.recorder(),
                execution.context().region(), call.taskToken, hooks);
        Instant start = clock.now();
        Watchdog timeoutDog = null;
        Watchdog heartbeatDog = null;
        try {
            if (timeout != null) {
                timeoutDog = Watchdog.start(clock, () -> start.plusSeconds(timeout), () -> {
                    expired.compareAndSet(null, "States.Timeout");
                    execution.interrupt(worker);
                });
            }
            if (heartbeat != null) {
                heartbeatDog = Watchdog.start(clock, () -> lastBeat.get().plusSeconds(heartbeat), () -> {
                    expired.compareAndSet(null, "States.HeartbeatTimeout");
                    execution.interrupt(worker);
                });
            }
        } catch (InterruptedException e) {
            throw new Cancelled();
        }
        JsonNode result;
        StatesError failure = null;
        try {
            result = invoker.invoke(invocation);
            if (result == null) {
                result = NODES.nullNode();
            }
        } catch (StatesError error) {
            failure = error;
            result = null;
        } catch (Cancelled cancelled) {
            throw cancelled;
        } catch (RuntimeException unexpected) {
            failure = new StatesError("States.TaskFailed", "The task invoker failed: " + unexpected);
            result = null;
        } finally {
            if (timeoutDog != null) {
                timeoutDog.close();
            }
            if (heartbeatDog != null) {
                heartbeatDog.close();
            }
        }
        if (expired.get() != null || call.frame.cancelled.getAsBoolean()) {
            Thread.interrupted();
            execution.acknowledgeInterrupt();
        }
        if (expired.get() != null) {
            Thread.interrupted();
            if (call.frame.cancelled.getAsBoolean()) {
                throw new Cancelled();
            }
            StatesError timedOut = new StatesError(expired.get(), null);
            ObjectNode details = NODES.objectNode();
            if (!resource.isLambdaFunction()) {
                details.put("resourceType", resource.resourceType());
                details.put("resource", resource.resource());
            }
            details.put("error", timedOut.error());
            append(call.frame, resource.isLambdaFunction() ? "LambdaFunctionTimedOut" : "TaskTimedOut",
                    resource.isLambdaFunction() ? "lambdaFunctionTimedOutEventDetails" : "taskTimedOutEventDetails",
                    details);
            throw timedOut;
        }
        if (call.frame.cancelled.getAsBoolean()) {
            Thread.interrupted();
            throw new Cancelled();
        }
        if (failure != null) {
            taskFailed(call.frame, resource, failure);
            throw failure;
        }
        return result;
    }

    private Long timeoutSeconds(Call call, String field, ObjectNode states, ObjectNode context) {
        JsonNode node = call.field(field);
        JsonNode value;
        if (node != null && call.jsonata()) {
            value = evaluate(call, () -> expressions.jsonataTemplate(node, states, call.variables));
        } else if (node != null) {
            value = node;
        } else if (call.field(field + "Path") != null) {
            String path = call.field(field + "Path").asText();
            value = evaluate(call, () -> reference(path, call.input, context, call.variables));
        } else {
            return null;
        }
        if (!value.isIntegralNumber() || value.asLong() <= 0) {
            String message = call.prefix() + "The " + field + " value must be a positive integer, but was "
                    + Json.compact(value);
            throw call.jsonata() ? new StatesError("States.QueryEvaluationError", message)
                    : StatesError.runtime(message);
        }
        return value.asLong();
    }

    private void scheduled(Frame frame, TaskResource resource, String arguments, Long timeout, Long heartbeat,
                           String region) {
        ObjectNode details = NODES.objectNode();
        if (resource.isLambdaFunction()) {
            details.put("resource", resource.arn());
            details.put("input", arguments);
            details.putObject("inputDetails").put("truncated", false);
            if (timeout != null) {
                details.put("timeoutInSeconds", timeout.intValue());
            }
            append(frame, "LambdaFunctionScheduled", "lambdaFunctionScheduledEventDetails", details);
            return;
        }
        details.put("resourceType", resource.resourceType());
        details.put("resource", resource.resource());
        details.put("region", region);
        details.put("parameters", arguments);
        if (timeout != null) {
            details.put("timeoutInSeconds", timeout.intValue());
        }
        if (heartbeat != null) {
            details.put("heartbeatInSeconds", heartbeat.intValue());
        }
        append(frame, "TaskScheduled", "taskScheduledEventDetails", details);
    }

    private void started(Frame frame, TaskResource resource) {
        if (resource.isLambdaFunction()) {
            append(frame, "LambdaFunctionStarted", null, null);
            return;
        }
        ObjectNode details = NODES.objectNode();
        details.put("resourceType", resource.resourceType());
        details.put("resource", resource.resource());
        append(frame, "TaskStarted", "taskStartedEventDetails", details);
    }

    private void taskFailed(Frame frame, TaskResource resource, StatesError error) {
        ObjectNode details = NODES.objectNode();
        if (!resource.isLambdaFunction()) {
            details.put("resourceType", resource.resourceType());
            details.put("resource", resource.resource());
        }
        details.put("error", error.error());
        if (error.cause() != null) {
            details.put("cause", error.cause());
        }
        append(frame, resource.isLambdaFunction() ? "LambdaFunctionFailed" : "TaskFailed",
                resource.isLambdaFunction() ? "lambdaFunctionFailedEventDetails" : "taskFailedEventDetails", details);
    }

    private static String newTaskToken() {
        byte[] random = (UUID.randomUUID().toString() + UUID.randomUUID()).getBytes(java.nio.charset.StandardCharsets.UTF_8);
        return Base64.getEncoder().withoutPadding().encodeToString(random);
    }

    // -------------------------------------------------------------------------------------------------- parallel

    private Outcome parallel(Call call) {
        ObjectNode context = call.context();
        JsonNode branchInput;
        if (call.jsonata()) {
            JsonNode template = call.field("Arguments");
            ObjectNode states = call.states(null, null, context);
            branchInput = template == null ? call.input
                    : evaluate(call, () -> expressions.jsonataTemplate(template, states, call.variables));
        } else {
            JsonNode effective = inputPath(call, context);
            JsonNode parameters = call.field("Parameters");
            branchInput = parameters == null ? effective
                    : evaluate(call, () -> expressions.payloadTemplate(parameters, effective, context, call.variables));
        }
        HistoryEvent started = append(call.frame, "ParallelStateStarted", null, null);
        List<StateGraph> branches = call.state.branches();
        JsonNode[] results = new JsonNode[branches.size()];
        Failure failure = new Failure();
        Fork fork = new Fork(clock, Integer.MAX_VALUE, execution);
        AtomicBoolean branchCancelled = new AtomicBoolean();
        try {
            for (int i = 0; i < branches.size(); i++) {
                int index = i;
                Frame child = new Frame(call.frame.scope.child(), null, null,
                        () -> fork.stopped() || call.frame.cancelled.getAsBoolean(), started.id());
                fork.start(() -> {
                    try {
                        results[index] = runGraph(branches.get(index), branchInput, child);
                    } catch (StatesError | Cancelled | HistoryLimitExceededException | IllegalStateException e) {
                        if (!(e instanceof Cancelled) && failure.record(e)) {
                            fork.stop();
                        } else if (e instanceof Cancelled) {
                            branchCancelled.set(true);
                        }
                    }
                });
            }
            fork.awaitAll();
        } catch (InterruptedException e) {
            fork.stop();
            awaitQuietly(fork);
            throw new Cancelled();
        }
        return joined(call, context, "Parallel", failure, branchCancelled.get(), results);
    }

    /** The first failure of a group of branches or iterations. */
    private static final class Failure {
        private RuntimeException first;

        synchronized boolean record(RuntimeException failure) {
            if (first == null) {
                first = failure;
                return true;
            }
            return false;
        }

        synchronized RuntimeException value() {
            return first;
        }
    }

    private static void rethrowFatal(RuntimeException failure) {
        if (!(failure instanceof StatesError)) {
            throw failure;
        }
    }

    private static void awaitQuietly(Fork fork) {
        try {
            fork.awaitAll();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    // ------------------------------------------------------------------------------------------------------- map

    private Outcome map(Call call) {
        ObjectNode context = call.context();
        ObjectNode states = call.states(null, null, context);
        JsonNode effective = call.jsonata() ? call.input : inputPath(call, context);
        JsonNode items;
        if (call.jsonata()) {
            JsonNode template = call.field("Items");
            items = template == null ? call.input
                    : evaluate(call, () -> expressions.jsonataTemplate(template, states, call.variables));
            if (!items.isArray()) {
                throw new StatesError("States.QueryEvaluationError", call.prefix() + "The Items field must evaluate"
                        + " to a JSON array, but returned " + Json.compact(items));
            }
        } else {
            String itemsPath = call.field("ItemsPath") == null ? "$" : call.field("ItemsPath").asText();
            items = evaluate(call, () -> reference(itemsPath, effective, context, call.variables));
            if (!items.isArray()) {
                throw StatesError.runtime(call.prefix() + "Invalid path '" + itemsPath + "' : The ItemsPath must"
                        + " select a JSON array, but selected " + Json.compact(items));
            }
        }
        int maxConcurrency = intSetting(call, "MaxConcurrency", states, context, 0);
        int limit = maxConcurrency == 0 ? options.maxConcurrency() : Math.min(maxConcurrency, options.maxConcurrency());
        int toleratedCount = intSetting(call, "ToleratedFailureCount", states, context, 0);
        double toleratedPercentage = numberSetting(call, "ToleratedFailurePercentage", states, context);
        ObjectNode startedDetails = NODES.objectNode();
        startedDetails.put("length", items.size());
        HistoryEvent started = append(call.frame, "MapStateStarted", "mapStateStartedEventDetails", startedDetails);
        StateGraph processor = call.state.processor().orElseThrow();
        int count = items.size();
        JsonNode[] results = new JsonNode[count];
        Failure failure = new Failure();
        int[] failed = {0};
        Fork fork = new Fork(clock, limit, execution);
        AtomicBoolean cancelled = new AtomicBoolean();
        JsonNode selector = call.field("ItemSelector") != null ? call.field("ItemSelector") : call.field("Parameters");
        try {
            for (int i = 0; i < count && !fork.stopped(); i++) {
                int index = i;
                JsonNode item = items.get(i);
                Frame child = new Frame(call.frame.scope.child(), index, item,
                        () -> fork.stopped() || call.frame.cancelled.getAsBoolean(), started.id());
                fork.start(() -> {
                    ObjectNode iteration = NODES.objectNode();
                    iteration.put("name", call.state.name());
                    iteration.put("index", index);
                    try {
                        HistoryEvent iterationStarted = append(child, "MapIterationStarted",
                                "mapIterationStartedEventDetails", iteration);
                        child.cursor = iterationStarted.id();
                        JsonNode itemInput = item;
                        if (selector != null) {
                            ObjectNode itemContext = call.context();
                            ObjectNode mapNode = itemContext.putObject("Map").putObject("Item");
                            mapNode.put("Index", index);
                            mapNode.set("Value", item);
                            itemInput = call.jsonata()
                                    ? evaluate(call, () -> expressions.jsonataTemplate(selector,
                                    call.states(null, null, itemContext), call.variables))
                                    : evaluate(call, () -> expressions.payloadTemplate(selector, effective, itemContext,
                                    call.variables));
                        }
                        results[index] = runGraph(processor, itemInput, child);
                        append(child, "MapIterationSucceeded", "mapIterationSucceededEventDetails", iteration);
                    } catch (Cancelled e) {
                        cancelled.set(true);
                        appendQuietly(child, "MapIterationAborted", "mapIterationAbortedEventDetails", iteration);
                    } catch (StatesError e) {
                        appendQuietly(child, "MapIterationFailed", "mapIterationFailedEventDetails", iteration);
                        boolean exceeded;
                        synchronized (failed) {
                            failed[0]++;
                            exceeded = failed[0] > toleratedCount
                                    && failed[0] * 100.0 / count > toleratedPercentage;
                            ObjectNode errorOutput = NODES.objectNode();
                            errorOutput.put("Error", e.error());
                            if (e.cause() != null) {
                                errorOutput.put("Cause", e.cause());
                            }
                            results[index] = errorOutput;
                        }
                        if (exceeded && failure.record(tolerated(e, toleratedCount, toleratedPercentage))) {
                            fork.stop();
                        }
                    } catch (HistoryLimitExceededException | IllegalStateException e) {
                        if (failure.record(e)) {
                            fork.stop();
                        }
                    }
                });
            }
            fork.awaitAll();
        } catch (InterruptedException e) {
            fork.stop();
            awaitQuietly(fork);
            throw new Cancelled();
        }
        return joined(call, context, "Map", failure, cancelled.get(), results);
    }

    /**
     * Ends a Parallel or Map state once its branches or iterations are all done: the first failure fails the state
     * ({@code <kind>StateFailed}), a cancellation ends it quietly, else it succeeds with the results in order.
     */
    private Outcome joined(Call call, ObjectNode context, String kind, Failure failure, boolean someCancelled,
                           JsonNode[] results) {
        if (failure.value() != null) {
            rethrowFatal(failure.value());
            if (call.frame.cancelled.getAsBoolean()) {
                throw new Cancelled();
            }
            appendLast(kind + "StateFailed", null, null);
            call.frame.cursor = execution.recorder().lastEventId();
            throw (StatesError) failure.value();
        }
        if (someCancelled || call.frame.cancelled.getAsBoolean()) {
            throw new Cancelled();
        }
        appendLast(kind + "StateSucceeded", null, null);
        call.frame.cursor = execution.recorder().lastEventId();
        ArrayNode array = NODES.arrayNode();
        for (JsonNode result : results) {
            array.add(result);
        }
        return resultOutput(call, array, context);
    }

    /**
     * The error a Map fails with: the iteration's own error when no failure is tolerated (as an inline Map does),
     * States.ExceedToleratedFailureThreshold when a tolerance was set and exceeded.
     */
    private static StatesError tolerated(StatesError error, int toleratedCount, double toleratedPercentage) {
        if (toleratedCount == 0 && toleratedPercentage == 0) {
            return error;
        }
        return new StatesError("States.ExceedToleratedFailureThreshold",
                "The specified tolerated failure threshold was exceeded");
    }

    private int intSetting(Call call, String field, ObjectNode states, ObjectNode context, int defaultValue) {
        JsonNode value = setting(call, field, states, context);
        if (value == null) {
            return defaultValue;
        }
        if (!value.isIntegralNumber() || value.asLong() < 0 || value.asLong() > Integer.MAX_VALUE) {
            String message = call.prefix() + "The " + field + " value must be a non-negative integer, but was "
                    + Json.compact(value);
            throw call.jsonata() ? new StatesError("States.QueryEvaluationError", message)
                    : StatesError.runtime(message);
        }
        return value.asInt();
    }

    private double numberSetting(Call call, String field, ObjectNode states, ObjectNode context) {
        JsonNode value = setting(call, field, states, context);
        if (value == null) {
            return 0;
        }
        if (!value.isNumber() || value.asDouble() < 0 || value.asDouble() > 100) {
            String message = call.prefix() + "The " + field + " value must be a number between 0 and 100, but was "
                    + Json.compact(value);
            throw call.jsonata() ? new StatesError("States.QueryEvaluationError", message)
                    : StatesError.runtime(message);
        }
        return value.asDouble();
    }

    private JsonNode setting(Call call, String field, ObjectNode states, ObjectNode context) {
        JsonNode node = call.field(field);
        if (node != null) {
            return call.jsonata()
                    ? evaluate(call, () -> expressions.jsonataTemplate(node, states, call.variables)) : node;
        }
        JsonNode path = call.field(field + "Path");
        if (path == null) {
            return null;
        }
        return evaluate(call, () -> reference(path.asText(), call.input, context, call.variables));
    }

    // ------------------------------------------------------------------------------------------ data processing

    /** Task/Parallel/Map result processing: ResultSelector, ResultPath, OutputPath, Assign / Output, Assign. */
    private Outcome resultOutput(Call call, JsonNode result, ObjectNode context) {
        if (call.jsonata()) {
            return jsonataOutput(call, result, result, context);
        }
        JsonNode selected = result;
        JsonNode selector = call.field("ResultSelector");
        if (selector != null) {
            selected = evaluate(call, () -> expressions.payloadTemplate(selector, result, context, call.variables));
        }
        return jsonPathOutput(call, selected, context);
    }

    /** JSONPath: ResultPath merges {@code result} into the state input, then OutputPath; Assign reads the result. */
    private Outcome jsonPathOutput(Call call, JsonNode result, ObjectNode context) {
        JsonNode merged;
        JsonNode resultPath = call.field("ResultPath");
        if (resultPath == null) {
            merged = result;
        } else if (resultPath.isNull()) {
            merged = call.input;
        } else {
            merged = evaluate(call, () -> expressions.write(call.input, resultPath.asText(), result));
        }
        Map<String, JsonNode> assigned = jsonPathAssign(call, call.field("Assign"), result, context);
        return new Outcome(outputPath(call, merged, context), assigned);
    }

    /** JSONata: Output (default {@code defaultOutput}) and Assign, both against the variables before this state. */
    private Outcome jsonataOutput(Call call, JsonNode result, JsonNode defaultOutput, ObjectNode context) {
        ObjectNode states = call.states(result, null, context);
        Map<String, JsonNode> assigned = jsonataAssign(call, call.field("Assign"), states, null);
        JsonNode template = call.field("Output");
        JsonNode output = template == null ? defaultOutput
                : evaluate(call, () -> expressions.jsonataTemplate(template, states, call.variables));
        return new Outcome(output, assigned);
    }

    private Map<String, JsonNode> jsonataAssign(Call call, JsonNode assign, ObjectNode states, Object unused) {
        if (assign == null) {
            return null;
        }
        JsonNode values = evaluate(call, () -> expressions.jsonataTemplate(assign, states, call.variables));
        return fields(values);
    }

    private Map<String, JsonNode> jsonPathAssign(Call call, JsonNode assign, JsonNode base, ObjectNode context) {
        if (assign == null) {
            return null;
        }
        JsonNode values = evaluate(call, () -> expressions.payloadTemplate(assign, base, context, call.variables));
        return fields(values);
    }

    private static Map<String, JsonNode> fields(JsonNode object) {
        Map<String, JsonNode> values = new java.util.LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = object.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> entry = it.next();
            values.put(entry.getKey(), entry.getValue());
        }
        return values;
    }

    private JsonNode inputPath(Call call, ObjectNode context) {
        JsonNode inputPath = call.field("InputPath");
        if (inputPath == null) {
            return call.input;
        }
        if (inputPath.isNull()) {
            return NODES.objectNode();
        }
        return evaluate(call, () -> reference(inputPath.asText(), call.input, context, call.variables));
    }

    private JsonNode outputPath(Call call, JsonNode value, ObjectNode context) {
        JsonNode outputPath = call.field("OutputPath");
        if (outputPath == null) {
            return value;
        }
        if (outputPath.isNull()) {
            return NODES.objectNode();
        }
        return evaluate(call, () -> reference(outputPath.asText(), value, context, call.variables));
    }

    /** A reference path: {@code $.x} on {@code input}, {@code $$.x} on the context, {@code $name.x} on a variable. */
    private JsonNode reference(String path, JsonNode input, JsonNode context, Map<String, JsonNode> variables) {
        if (path.startsWith("$$")) {
            return referenced(path, "$" + path.substring(2), context);
        }
        if (path.length() > 1 && path.charAt(0) == '$' && path.charAt(1) != '.' && path.charAt(1) != '[') {
            int end = 1;
            while (end < path.length() && path.charAt(end) != '.' && path.charAt(end) != '[') {
                end++;
            }
            String name = path.substring(1, end);
            JsonNode value = variables.get(name);
            if (value == null) {
                throw StatesError.runtime("Invalid path '" + path + "' : The variable '$" + name
                        + "' is not defined");
            }
            return referenced(path, "$" + path.substring(end), value);
        }
        return referenced(path, path, input);
    }

    /** AWS's message for a reference path (InputPath, OutputPath, ItemsPath) that selects nothing. */
    private static JsonNode referenced(String written, String path, JsonNode document) {
        return JsonPaths.find(path, document).orElseThrow(() -> StatesError.runtime("Invalid path '" + written
                + "' : No results for path: " + JsonPath.compile(path).getPath()));
    }

    private void checkSize(Call call, JsonNode output) {
        if (Json.utf8Size(Json.compact(output)) > MAX_PAYLOAD_BYTES) {
            throw new StatesError("States.DataLimitExceeded", call.prefix() + "The state '" + call.state.name()
                    + "' produced an output with a size exceeding the maximum number of bytes service limit.");
        }
    }

    /** Runs an evaluation, prefixing the cause of its States.Runtime / QueryEvaluationError with the state. */
    private <T> T evaluate(Call call, java.util.function.Supplier<T> evaluation) {
        try {
            return evaluation.get();
        } catch (StatesError error) {
            String cause = error.cause() == null ? "" : error.cause();
            if (cause.startsWith("An error occurred while executing the state")) {
                throw error;
            }
            throw new StatesError(error.error(), call.prefix() + cause);
        }
    }

    // ----------------------------------------------------------------------------------------------- plumbing

    private ObjectNode enteredDetails(String name, JsonNode input) {
        ObjectNode details = NODES.objectNode();
        details.put("name", name);
        details.put("input", Json.compact(input));
        details.putObject("inputDetails").put("truncated", false);
        return details;
    }

    private HistoryEvent append(Frame frame, String type, String detailsField, ObjectNode details) {
        HistoryEvent event = execution.recorder().append(type, frame.cursor, detailsField, details);
        frame.cursor = event.id();
        return event;
    }

    /** Appends an event chained to the last event of the whole history (after branches joined). */
    private void appendLast(String type, String detailsField, ObjectNode details) {
        execution.recorder().append(type, execution.recorder().lastEventId(), detailsField, details);
    }

    /** Appends an *Aborted event if the history still accepts events. */
    private void appendQuietly(Frame frame, String type, String detailsField, ObjectNode details) {
        try {
            append(frame, type, detailsField, details);
        } catch (RuntimeException ignored) {
            // The execution already ended (or hit its history quota): the abort is implied.
        }
    }

    private void sleep(Duration duration) {
        try {
            clock.sleep(duration);
        } catch (InterruptedException e) {
            execution.acknowledgeInterrupt();
            throw new Cancelled();
        }
    }

    private static void checkCancelled(Frame frame) {
        if (frame.cancelled.getAsBoolean()) {
            throw new Cancelled();
        }
    }
}
