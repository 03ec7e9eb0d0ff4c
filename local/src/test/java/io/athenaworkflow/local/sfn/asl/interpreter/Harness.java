package io.athenaworkflow.local.sfn.asl.interpreter;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.athenaworkflow.local.clock.VirtualClock;
import io.athenaworkflow.local.sfn.asl.definition.StateMachineDefinition;
import io.athenaworkflow.local.sfn.asl.history.HistoryEvent;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/** Runs definitions on a virtual clock with fake tasks, and reads results and history. */
final class Harness {

    static final Instant START = Instant.parse("2025-01-01T00:00:00Z");
    static final ObjectMapper MAPPER = new ObjectMapper();
    static final String MACHINE_ARN = "arn:aws:states:us-east-1:123456789012:stateMachine:Test";
    static final String LAMBDA = "arn:aws:lambda:us-east-1:123456789012:function:work";

    final VirtualClock clock = VirtualClock.startingAt(START);
    final Map<String, Function<TaskInvocation, JsonNode>> tasks = new ConcurrentHashMap<>();
    Interpreter.Options options = Interpreter.Options.defaults();
    Execution execution;

    Harness task(String resource, Function<TaskInvocation, JsonNode> body) {
        tasks.put(resource, body);
        return this;
    }

    ExecutionResult run(String definition, String input) {
        execution = start(definition, input);
        return execution.await(Duration.ofSeconds(20)).orElseThrow(
                () -> new AssertionError("the execution did not end; history: " + types()));
    }

    Execution start(String definition, String input) {
        TaskInvoker invoker = invocation -> {
            Function<TaskInvocation, JsonNode> body = tasks.get(invocation.resource().arn());
            if (body == null) {
                throw new io.athenaworkflow.local.sfn.asl.StatesError("States.TaskFailed",
                        "no fake task for " + invocation.resource().arn());
            }
            return body.apply(invocation);
        };
        Interpreter interpreter = new Interpreter(clock, invoker, options);
        execution = interpreter.start(StateMachineDefinition.parse(definition),
                ExecutionContext.of(MACHINE_ARN, "exec-1", "arn:aws:iam::123456789012:role/sfn", input));
        return execution;
    }

    List<String> types() {
        return execution.history().stream().map(HistoryEvent::type).toList();
    }

    List<HistoryEvent> events(String type) {
        return execution.history().stream().filter(event -> event.type().equals(type)).toList();
    }

    HistoryEvent event(String type) {
        List<HistoryEvent> found = events(type);
        if (found.isEmpty()) {
            throw new AssertionError("no " + type + " event in " + types());
        }
        return found.getFirst();
    }

    static JsonNode json(String text) {
        try {
            return MAPPER.readTree(text);
        } catch (Exception e) {
            throw new IllegalArgumentException(e);
        }
    }

    /** Sleeps on the task's clock (a task that takes virtual time), restoring the interrupt for the interpreter. */
    static void work(TaskInvocation invocation, Duration duration) {
        try {
            invocation.clock().sleep(duration);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new io.athenaworkflow.local.sfn.asl.StatesError("States.TaskFailed", "interrupted");
        }
    }
}
