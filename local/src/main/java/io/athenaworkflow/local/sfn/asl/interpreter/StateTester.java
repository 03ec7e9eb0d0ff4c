package io.athenaworkflow.local.sfn.asl.interpreter;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.athenaworkflow.local.clock.RuntimeClock;
import io.athenaworkflow.local.sfn.asl.StatesError;
import io.athenaworkflow.local.sfn.asl.definition.Catcher;
import io.athenaworkflow.local.sfn.asl.definition.ChoiceState;
import io.athenaworkflow.local.sfn.asl.definition.DataFlow;
import io.athenaworkflow.local.sfn.asl.definition.FailState;
import io.athenaworkflow.local.sfn.asl.definition.MapState;
import io.athenaworkflow.local.sfn.asl.definition.ParallelState;
import io.athenaworkflow.local.sfn.asl.definition.PassState;
import io.athenaworkflow.local.sfn.asl.definition.Retrier;
import io.athenaworkflow.local.sfn.asl.definition.State;
import io.athenaworkflow.local.sfn.asl.definition.StateGraph;
import io.athenaworkflow.local.sfn.asl.definition.SucceedState;
import io.athenaworkflow.local.sfn.asl.definition.TaskState;
import io.athenaworkflow.local.sfn.asl.definition.WaitState;
import io.athenaworkflow.local.sfn.asl.history.ExecutionHistory;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Runs one state alone, as the TestState API does: the state's data flow with the same executors an execution uses,
 * a mocked result or error in place of the Task (or Parallel/Map) work, and Retry/Catch evaluated once instead of
 * run: an error a retrier still covers ends the test as RETRIABLE, one a catcher handles as CAUGHT_ERROR. Wait
 * states do not wait.
 */
public final class StateTester {

    /** The account and state machine the context object of a tested state names. */
    private static final String TEST_MACHINE = "arn:aws:states:us-east-1:000000000000:stateMachine:TestStateMachine";

    /** What to test. {@code mock} and {@code context} may be null. */
    public record Request(State state, JsonNode input, Map<String, JsonNode> variables, ObjectNode context,
                          Mock mock, Configuration configuration, String roleArn) {

        public Request {
            variables = Map.copyOf(variables);
            configuration = configuration == null ? Configuration.NONE : configuration;
        }
    }

    /**
     * TestState's {@code stateConfiguration}, each member null when not given: how many retries already happened,
     * which state inside a Map or Parallel a mocked error comes from, how many Map iterations failed, and the text a
     * Distributed Map's ItemReader reads instead of its S3 source.
     */
    public record Configuration(Integer retrierRetryCount, String errorCausedByState,
                                Integer mapIterationFailureCount, String mapItemReaderData) {

        public static final Configuration NONE = new Configuration(null, null, null, null);
    }

    /** A mocked Task, Parallel or Map outcome: its {@code result}, or the error it raises ({@code result} null). */
    public record Mock(JsonNode result, String error, String cause) {
    }

    /** A Map or Parallel state tested without a mock: AWS answers InvalidDefinition rather than a validation error. */
    public static final class MockRequiredException extends IllegalArgumentException {

        MockRequiredException(String message) {
            super(message);
        }
    }

    /** TestState's statuses. */
    public enum Status { SUCCEEDED, FAILED, RETRIABLE, CAUGHT_ERROR }

    /**
     * What the test produced: the status, the output (SUCCEEDED, CAUGHT_ERROR), the error and cause, the next state,
     * the data flow's intermediate values and the variables after the state, and which retrier or catcher applied.
     */
    public record Result(Status status, JsonNode output, String error, String cause, String nextState,
                         Map<String, JsonNode> inspection, Map<String, JsonNode> variables, Integer retryIndex,
                         Integer retryBackoffIntervalSeconds, Integer catchIndex) {
    }

    private final RuntimeClock clock;
    private final TaskInvoker invoker;
    private final DataFlows flows;
    private final PassExecutor passes;
    private final SucceedExecutor succeeds;
    private final FailExecutor fails;
    private final ChoiceExecutor choices;
    private final WaitExecutor waits;
    private final MockedMap maps;

    public StateTester(RuntimeClock clock, TaskInvoker invoker) {
        this.clock = clock;
        this.invoker = invoker;
        this.flows = new DataFlows(Expressions.standard());
        this.passes = new PassExecutor(flows);
        this.succeeds = new SucceedExecutor(flows);
        this.fails = new FailExecutor(flows);
        this.choices = new ChoiceExecutor(flows);
        this.waits = new WaitExecutor(flows, clock, duration -> { });
        this.maps = new MockedMap(flows, invoker);
    }

    /**
     * Tests the state.
     *
     * @throws MockRequiredException when a Parallel or Map comes without a mock
     * @throws IllegalArgumentException when the request cannot be tested otherwise: a mock for a state that takes none
     *     or of the wrong shape, a .sync / .waitForTaskToken Task without a mock, a stateConfiguration member the
     *     state has no use for
     */
    public Result test(Request request) {
        State state = request.state();
        refuseUntestable(request);
        Scope scope = Scope.root();
        scope.assign(request.variables());
        Frame frame = new Frame(scope, null, null, () -> false, 0);
        Inspection inspection = new Inspection();
        Instant now = clock.now();
        ExecutionContext execution = ExecutionContext.of(TEST_MACHINE, "TestState", request.roleArn(),
                Json.compact(request.input()));
        StateCall call = new StateCall(state, request.input(), frame, 0, now, execution, request.input(), now,
                request.context(), inspection);
        Configuration configuration = request.configuration();
        int retried = configuration.retrierRetryCount() == null ? 0 : configuration.retrierRetryCount();
        call.retryCount = retried;
        inspection.record("input", request.input());
        try {
            String next = state.next().orElse(null);
            Outcome outcome = switch (state) {
                case PassState pass -> passes.run(call, pass);
                case SucceedState succeed -> succeeds.run(call, succeed);
                case FailState fail -> throw fails.error(call, fail);
                case ChoiceState choice -> {
                    ChoiceExecutor.Chosen chosen = choices.run(call, choice);
                    next = chosen.next();
                    yield chosen.outcome();
                }
                case WaitState wait -> waits.run(call, wait);
                case TaskState task -> task(call, task, request.mock(), execution.region());
                case ParallelState parallel -> mocked(call, parallel.flow(), request.mock());
                case MapState map -> maps.run(call, map, request.mock(), configuration);
            };
            assign(scope, outcome);
            return new Result(Status.SUCCEEDED, outcome.output(), null, null, next, inspection.values(),
                    scope.visible(), null, null, null);
        } catch (StatesError error) {
            return handled(call, scope, inspection, error, retried);
        }
    }

    /**
     * Refuses a request TestState cannot run: a mock for a state that takes none, a Parallel or Map (or a .sync /
     * .waitForTaskToken Task) without one, and a stateConfiguration member the state has no use for.
     */
    private static void refuseUntestable(Request request) {
        State state = request.state();
        Mock mock = request.mock();
        boolean mockable = state instanceof TaskState || state instanceof ParallelState || state instanceof MapState;
        if (mock != null && !mockable) {
            throw new IllegalArgumentException("State type '" + state.type().aslName()
                    + "' is not supported when a mock is specified");
        }
        if (mock == null && (state instanceof ParallelState || state instanceof MapState)) {
            throw new MockRequiredException("TestState API does not support Map or Parallel states. Supported state"
                    + " types include: [Task, Wait, Pass, Succeed, Fail, Choice]");
        }
        if (mock == null && state instanceof TaskState task
                && TaskResource.parse(task.resource()).pattern() != TaskResource.Pattern.REQUEST_RESPONSE) {
            throw new IllegalArgumentException("The Task state '" + state.name() + "' uses the .sync or"
                    + " .waitForTaskToken pattern, which TestState runs only with a mock");
        }
        JsonNode result = mock == null ? null : mock.result();
        // A Map with a ResultWriter returns the writer's details (an object) instead of the results (an array).
        if (result != null && state instanceof MapState map && map.resultWriter() != null) {
            if (!result.isObject()) {
                throw new IllegalArgumentException("Mocked result must be a JSON object.");
            }
        } else if (result != null && (state instanceof MapState || state instanceof ParallelState)
                && !result.isArray()) {
            throw new IllegalArgumentException("Mocked result must be an array.");
        }
        if (result != null && state instanceof ParallelState parallel
                && result.size() != parallel.branches().size()) {
            throw new IllegalArgumentException("Mocked result must contain the same number of items as number of"
                    + " Parallel branches.");
        }
        Configuration configuration = request.configuration();
        if (configuration.errorCausedByState() != null) {
            refuseErrorCausedByState(state, mock, configuration.errorCausedByState());
        }
        if (configuration.mapIterationFailureCount() != null && !(state instanceof MapState)) {
            throw new IllegalArgumentException("stateConfiguration.mapIterationFailureCount applies only to a Map"
                    + " state, but '" + state.name() + "' is a " + state.type().aslName() + " state");
        }
        if (configuration.mapItemReaderData() != null
                && !(state instanceof MapState map && map.itemReader() != null)) {
            throw new IllegalArgumentException("stateConfiguration.mapItemReaderData stands for what a Distributed"
                    + " Map's ItemReader reads, but the " + state.type().aslName() + " state '" + state.name()
                    + "' has no ItemReader");
        }
    }

    /** errorCausedByState names a state inside the tested Map or Parallel where a mocked error comes from. */
    private static void refuseErrorCausedByState(State state, Mock mock, String causedBy) {
        List<StateGraph> inside = switch (state) {
            case MapState map -> map.processor() == null ? List.of() : List.of(map.processor());
            case ParallelState parallel -> parallel.branches();
            default -> throw new IllegalArgumentException("stateConfiguration.errorCausedByState applies only to a"
                    + " Map or Parallel state, but '" + state.name() + "' is a " + state.type().aslName()
                    + " state");
        };
        if (mock.result() != null) {
            throw new IllegalArgumentException("stateConfiguration.errorCausedByState names the state a mocked error"
                    + " comes from, so it needs mock.errorOutput, not mock.result");
        }
        if (inside.stream().noneMatch(graph -> graph.find(causedBy).isPresent())) {
            throw new IllegalArgumentException("stateConfiguration.errorCausedByState '" + causedBy + "' names no"
                    + " state inside the " + state.type().aslName() + " state '" + state.name() + "'");
        }
    }

    private Outcome task(StateCall call, TaskState task, Mock mock, String region) {
        ObjectNode context = call.context();
        JsonNode arguments = flows.arguments(call, task.flow(), context);
        JsonNode result;
        if (mock != null) {
            result = mockResult(mock);
        } else {
            TaskResource resource = TaskResource.parse(task.resource());
            TaskInvocation invocation = new TaskInvocation(resource, arguments, task.name(), null, null, context,
                    clock, ExecutionHistory.create(clock, event -> { }), region, null, new TaskInvocation.Hooks() {
                        @Override
                        public void submitted(JsonNode output) {
                            // TestState records no history.
                        }

                        @Override
                        public void heartbeat() {
                            // No HeartbeatSeconds watchdog runs under TestState.
                        }
                    });
            result = invoker.invoke(invocation);
            if (result == null) {
                result = JsonNodeFactory.instance.nullNode();
            }
        }
        // Only a Task's result is inspected: AWS reports none for a Map, Parallel or Pass state.
        call.inspect("result", result);
        return flows.resultOutput(call, task.flow(), result, context);
    }

    private Outcome mocked(StateCall call, DataFlow flow, Mock mock) {
        ObjectNode context = call.context();
        flows.effectiveInput(call, flow, context);
        return flows.resultOutput(call, flow, mockResult(mock), context);
    }

    static JsonNode mockResult(Mock mock) {
        if (mock.result() == null) {
            throw new StatesError(mock.error(), mock.cause());
        }
        return mock.result();
    }

    /** An error of the state: RETRIABLE while a retrier has attempts left, CAUGHT_ERROR when a catcher takes it. */
    private Result handled(StateCall call, Scope scope, Inspection inspection, StatesError error, int retried) {
        List<Retrier> retriers = call.state.retriers();
        Integer exhausted = null;
        for (int i = 0; i < retriers.size(); i++) {
            if (ErrorNames.matches(retriers.get(i).errorEquals(), error.error())) {
                Retrier retrier = retriers.get(i);
                if (retried < retrier.maxAttempts()) {
                    return new Result(Status.RETRIABLE, null, error.error(), error.cause(), null,
                            inspection.values(), scope.visible(), i, backoff(retrier, retried), null);
                }
                // AWS still names the retrier whose attempts are used up (errorDetails.retryIndex, no backoff).
                exhausted = i;
                break;
            }
        }
        List<Catcher> catchers = call.state.catchers();
        for (int i = 0; i < catchers.size(); i++) {
            if (ErrorNames.matches(catchers.get(i).errorEquals(), error.error())) {
                ObjectNode errorOutput = JsonNodeFactory.instance.objectNode();
                if (error.error() != null) {
                    errorOutput.put("Error", error.error());
                }
                if (error.cause() != null) {
                    errorOutput.put("Cause", error.cause());
                }
                Outcome outcome;
                try {
                    outcome = flows.caught(call, catchers.get(i), errorOutput, call.context());
                } catch (StatesError failed) {
                    return failed(failed, inspection, scope, exhausted);
                }
                assign(scope, outcome);
                return new Result(Status.CAUGHT_ERROR, outcome.output(), error.error(), error.cause(),
                        catchers.get(i).next(), inspection.values(), scope.visible(), exhausted, null, i);
            }
        }
        return failed(error, inspection, scope, exhausted);
    }

    private static Result failed(StatesError error, Inspection inspection, Scope scope, Integer retryIndex) {
        return new Result(Status.FAILED, null, error.error(), error.cause(), null, inspection.values(),
                scope.visible(), retryIndex, null, null);
    }

    /** The interval before the next attempt, without jitter: IntervalSeconds × BackoffRate^retries, capped. */
    private static int backoff(Retrier retrier, int retried) {
        double seconds = retrier.intervalSeconds() * Math.pow(retrier.backoffRate(), retried);
        if (retrier.hasMaxDelay()) {
            seconds = Math.min(seconds, retrier.maxDelaySeconds());
        }
        return (int) Math.round(seconds);
    }

    private static void assign(Scope scope, Outcome outcome) {
        if (outcome.assigned() != null) {
            scope.assign(new LinkedHashMap<>(outcome.assigned()));
        }
    }
}
