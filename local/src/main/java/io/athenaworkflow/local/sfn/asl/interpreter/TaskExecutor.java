package io.athenaworkflow.local.sfn.asl.interpreter;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.athenaworkflow.local.clock.RuntimeClock;
import io.athenaworkflow.local.sfn.asl.StatesError;
import io.athenaworkflow.local.sfn.asl.definition.TaskState;
import io.athenaworkflow.local.sfn.asl.definition.Value;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Task: evaluates the arguments, hands them to the {@link TaskInvoker} under TimeoutSeconds/HeartbeatSeconds
 * watchdogs, and records the Lambda or service-integration events of each attempt.
 */
final class TaskExecutor {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private final DataFlows flows;
    private final HistoryWriter history;
    private final Execution execution;
    private final RuntimeClock clock;
    private final TaskInvoker invoker;

    TaskExecutor(DataFlows flows, HistoryWriter history, Execution execution, RuntimeClock clock,
                 TaskInvoker invoker) {
        this.flows = flows;
        this.history = history;
        this.execution = execution;
        this.clock = clock;
        this.invoker = invoker;
    }

    Outcome run(StateCall call, TaskState state) {
        TaskResource resource = TaskResource.parse(state.resource());
        call.taskToken = resource.pattern() == TaskResource.Pattern.WAIT_FOR_TASK_TOKEN ? newTaskToken() : null;
        ObjectNode context = call.context();
        JsonNode arguments = flows.arguments(call, state.flow(), context);
        Long timeout = timeoutSeconds(call, state.timeoutSeconds(), context);
        Long heartbeat = timeoutSeconds(call, state.heartbeatSeconds(), context);
        String argumentsText = Json.compact(arguments);
        if (Json.utf8Size(argumentsText) > StateRunner.MAX_PAYLOAD_BYTES) {
            throw new StatesError("States.DataLimitExceeded", "The state/task '" + resource.arn()
                    + "' has an input with a size exceeding the maximum number of bytes service limit.");
        }
        scheduled(call.frame, resource, argumentsText, timeout, heartbeat, execution.context().region());
        started(call.frame, resource);
        JsonNode result = invoke(call, resource, arguments, context, timeout, heartbeat);
        String resultText = Json.compact(result);
        if (Json.utf8Size(resultText) > StateRunner.MAX_PAYLOAD_BYTES) {
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
        history.append(call.frame, resource.isLambdaFunction() ? "LambdaFunctionSucceeded" : "TaskSucceeded",
                resource.isLambdaFunction() ? "lambdaFunctionSucceededEventDetails" : "taskSucceededEventDetails",
                succeeded);
        return flows.resultOutput(call, state.flow(), result, context);
    }

    private JsonNode invoke(StateCall call, TaskResource resource, JsonNode arguments, ObjectNode context,
                            Long timeout, Long heartbeat) {
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
                history.append(call.frame, "TaskSubmitted", "taskSubmittedEventDetails", details);
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
            history.append(call.frame, resource.isLambdaFunction() ? "LambdaFunctionTimedOut" : "TaskTimedOut",
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

    /** TimeoutSeconds / HeartbeatSeconds (or their Path forms, read from the raw state input); null when unset. */
    private Long timeoutSeconds(StateCall call, Value setting, ObjectNode context) {
        if (setting == null) {
            return null;
        }
        JsonNode value = flows.value(call, setting, call.input, context);
        if (!value.isIntegralNumber() || value.asLong() <= 0) {
            String field = setting.field().endsWith("Path")
                    ? setting.field().substring(0, setting.field().length() - 4) : setting.field();
            throw flows.invalid(call, call.prefix() + "The " + field + " value must be a positive integer, but was "
                    + Json.compact(value));
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
            history.append(frame, "LambdaFunctionScheduled", "lambdaFunctionScheduledEventDetails", details);
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
        history.append(frame, "TaskScheduled", "taskScheduledEventDetails", details);
    }

    private void started(Frame frame, TaskResource resource) {
        if (resource.isLambdaFunction()) {
            history.append(frame, "LambdaFunctionStarted", null, null);
            return;
        }
        ObjectNode details = NODES.objectNode();
        details.put("resourceType", resource.resourceType());
        details.put("resource", resource.resource());
        history.append(frame, "TaskStarted", "taskStartedEventDetails", details);
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
        history.append(frame, resource.isLambdaFunction() ? "LambdaFunctionFailed" : "TaskFailed",
                resource.isLambdaFunction() ? "lambdaFunctionFailedEventDetails" : "taskFailedEventDetails", details);
    }

    private static String newTaskToken() {
        byte[] random = (UUID.randomUUID().toString() + UUID.randomUUID()).getBytes(StandardCharsets.UTF_8);
        return Base64.getEncoder().withoutPadding().encodeToString(random);
    }
}
