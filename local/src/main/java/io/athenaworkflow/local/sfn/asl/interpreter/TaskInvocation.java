package io.athenaworkflow.local.sfn.asl.interpreter;

import com.fasterxml.jackson.databind.JsonNode;
import io.athenaworkflow.local.clock.RuntimeClock;
import io.athenaworkflow.local.sfn.asl.history.ExecutionHistory;
import java.time.Duration;
import java.util.Optional;

/**
 * Everything a {@link TaskInvoker} needs to run one attempt of a Task state: the resource, the effective
 * Parameters/Arguments, the state, its timeouts, the context object ({@code $$}), the clock, and hooks into the
 * execution (record TaskSubmitted, send heartbeats).
 */
public final class TaskInvocation {

    private final TaskResource resource;
    private final JsonNode arguments;
    private final String stateName;
    private final Duration timeout;
    private final Duration heartbeat;
    private final JsonNode context;
    private final RuntimeClock clock;
    private final ExecutionHistory history;
    private final String region;
    private final String taskToken;
    private final Hooks hooks;

    TaskInvocation(TaskResource resource, JsonNode arguments, String stateName, Duration timeout, Duration heartbeat,
                   JsonNode context, RuntimeClock clock, ExecutionHistory history, String region, String taskToken,
                   Hooks hooks) {
        this.resource = resource;
        this.arguments = arguments;
        this.stateName = stateName;
        this.timeout = timeout;
        this.heartbeat = heartbeat;
        this.context = context;
        this.clock = clock;
        this.history = history;
        this.region = region;
        this.taskToken = taskToken;
        this.hooks = hooks;
    }

    /** The state's Resource, classified. */
    public TaskResource resource() {
        return resource;
    }

    /** The effective Parameters (JSONPath) or Arguments (JSONata): the payload sent to the resource. */
    public JsonNode arguments() {
        return arguments;
    }

    public String stateName() {
        return stateName;
    }

    /** TimeoutSeconds(+Path), when set: the interpreter enforces it (interrupting the invoker's thread). */
    public Optional<Duration> timeout() {
        return Optional.ofNullable(timeout);
    }

    /** HeartbeatSeconds(+Path), when set: call {@link #heartbeat()} more often than this. */
    public Optional<Duration> heartbeatTimeout() {
        return Optional.ofNullable(heartbeat);
    }

    /** The context object ({@code $$} / {@code $states.context}) of this attempt. */
    public JsonNode context() {
        return context;
    }

    public RuntimeClock clock() {
        return clock;
    }

    /** The execution's history (read it; record task progress through {@link #submitted(JsonNode)}). */
    public ExecutionHistory history() {
        return history;
    }

    /** The region tasks run in (from the execution ARN). */
    public String region() {
        return region;
    }

    /** {@code $$.Task.Token} for {@code .waitForTaskToken} resources. */
    public Optional<String> taskToken() {
        return Optional.ofNullable(taskToken);
    }

    /** Records TaskSubmitted (for .sync and .waitForTaskToken integrations, once the job is submitted). */
    public void submitted(JsonNode output) {
        hooks.submitted(output);
    }

    /** Resets the HeartbeatSeconds timer. */
    public void heartbeat() {
        hooks.heartbeat();
    }

    interface Hooks {
        void submitted(JsonNode output);

        void heartbeat();
    }
}
