package io.athenaworkflow.local.sfn.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.athenaworkflow.local.clock.RuntimeClock;
import io.athenaworkflow.local.edge.AwsJsonService;
import io.athenaworkflow.local.sfn.asl.definition.InvalidDefinitionException;
import io.athenaworkflow.local.sfn.asl.definition.MapState;
import io.athenaworkflow.local.sfn.asl.definition.StateMachineDefinition;
import io.athenaworkflow.local.sfn.asl.definition.UnsupportedFeatureException;
import io.athenaworkflow.local.sfn.asl.history.HistoryEvent;
import io.athenaworkflow.local.sfn.asl.interpreter.Execution;
import io.athenaworkflow.local.sfn.asl.interpreter.MapRun;
import io.athenaworkflow.local.sfn.asl.interpreter.ExecutionContext;
import io.athenaworkflow.local.sfn.asl.interpreter.ExecutionListener;
import io.athenaworkflow.local.sfn.asl.interpreter.ExecutionResult;
import io.athenaworkflow.local.sfn.asl.interpreter.ExecutionStatus;
import io.athenaworkflow.local.sfn.asl.interpreter.Interpreter;
import io.athenaworkflow.local.sfn.asl.interpreter.StateTester;
import io.athenaworkflow.local.sfn.asl.interpreter.TaskInvoker;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;

/**
 * The local AWS Step Functions service: state machines and their executions, run by the ASL {@link Interpreter} on
 * the runtime clock, kept in memory (nothing survives a restart).
 *
 * <p>Two faces: the AWS JSON 1.0 protocol ({@code X-Amz-Target: AWSStepFunctions.<Operation>}) through
 * {@link #handle}, with AWS's request/response shapes and errors, for SDKs and the AWS CLI; and a programmatic API
 * ({@link #createStateMachine}, {@link #startExecution}, {@link #awaitExecution}, ...) for in-process callers, whose
 * failures are the {@link StepFunctionsException} subclasses carrying the same AWS error codes.
 *
 * <p>Observers ({@link #addListener}) see every execution's status changes and history events: the EventBridge part
 * turns the former into "Step Functions Execution Status Change" events (see {@link ExecutionStatusChangeEvent}), the
 * CLI prints the latter as progress.
 */
public final class StepFunctionsService implements AwsJsonService, AutoCloseable {

    /** StartExecution's input limit: 256 KiB of UTF-8. */
    static final int MAX_INPUT_BYTES = 262_144;
    static final int MAX_DEFINITION_CHARS = 1_048_576;
    /** The tags one resource may carry. */
    static final int MAX_TAGS = 50;
    /** How long an ended execution's name stays taken. */
    private static final Duration NAME_RETENTION = Duration.ofDays(90);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final StepFunctionsConfig config;
    private final RuntimeClock clock;
    private final Interpreter interpreter;
    private final JsonApi api;
    private final StateTester tester;
    private final StateMachineVersions versions = new StateMachineVersions(new Random());
    private final Map<String, StateMachineRecord> machines = new HashMap<>();
    private final Map<String, ExecutionEntry> executions = new HashMap<>();
    private final List<ExecutionListener> listeners = new CopyOnWriteArrayList<>();
    private final ExecutionListener fanOut = new FanOut();
    private long sequence;

    /** Removes a listener added with {@link #addListener}. */
    public interface Subscription extends AutoCloseable {
        @Override
        void close();
    }

    private StepFunctionsService(StepFunctionsConfig config, RuntimeClock clock, TaskInvoker invoker) {
        this.config = config;
        this.clock = clock;
        this.interpreter = new Interpreter(clock, invoker, config.interpreterOptions());
        this.tester = new StateTester(clock, invoker);
        this.api = new JsonApi(this);
    }

    /**
     * A service whose executions run Task states through {@code invoker} (normally a
     * {@link io.athenaworkflow.local.sfn.tasks.LocalTaskInvoker}) and read time from {@code clock}.
     */
    public static StepFunctionsService create(StepFunctionsConfig config, RuntimeClock clock, TaskInvoker invoker) {
        Objects.requireNonNull(config, "config");
        Objects.requireNonNull(clock, "clock");
        Objects.requireNonNull(invoker, "invoker");
        return new StepFunctionsService(config, clock, invoker);
    }

    // ------------------------------------------------------------------------------------------- JSON protocol

    @Override
    public String targetPrefix() {
        return "AWSStepFunctions";
    }

    @Override
    public String jsonVersion() {
        return "1.0";
    }

    @Override
    public String messageField() {
        return "message";
    }

    @Override
    public JsonNode handle(String operation, ObjectNode request) {
        return api.handle(operation, request);
    }

    // ------------------------------------------------------------------------------------------- state machines

    public StepFunctionsConfig config() {
        return config;
    }

    /**
     * CreateStateMachine. Idempotent: the same name with the same definition, type, logging and tracing returns the
     * existing state machine (role and tags of the repeat are ignored, as on AWS).
     *
     * <p>Fails with {@link InvalidNameException}, {@link InvalidArnException} (role),
     * {@link InvalidDefinitionApiException}, {@link InvalidLoggingConfigurationException},
     * {@link StateMachineAlreadyExistsException} or {@link StepFunctionsValidationException}.
     */
    public StateMachineRecord createStateMachine(StateMachineSpec spec) {
        Objects.requireNonNull(spec, "spec");
        String name = Names.valid(spec.name());
        Arns.role(spec.roleArn());
        validateLogging(spec.logging());
        StateMachineDefinition definition = parse(spec.definition());
        String arn = "arn:aws:states:" + config.region() + ":" + config.accountId() + ":stateMachine:" + name;
        synchronized (this) {
            StateMachineRecord existing = machines.get(arn);
            if (existing != null) {
                if (existing.definitionText().equals(spec.definition()) && existing.type() == spec.type()
                        && existing.logging().equals(spec.logging())
                        && existing.tracingEnabled() == spec.tracingEnabled()) {
                    return existing;
                }
                throw new StateMachineAlreadyExistsException("State Machine Already Exists: '" + arn + "'");
            }
            StateMachineRecord created = new StateMachineRecord(arn, name, spec.definition(), definition,
                    spec.roleArn(), spec.type(), spec.logging(), spec.tracingEnabled(), spec.tags(), clock.now(), null,
                    null);
            machines.put(arn, created);
            return created;
        }
    }

    /** DescribeStateMachine: the current revision, or the revision a version ARN names. */
    public synchronized StateMachineRecord describeStateMachine(String stateMachineArn) {
        if (Arns.qualified(Arns.stateMachineOrQualified(stateMachineArn))) {
            return versions.version(stateMachineArn).map(v -> v.machine().withArn(v.arn())).orElseThrow(() ->
                    new StateMachineDoesNotExistException("State Machine Does Not Exist: '" + stateMachineArn + "'"));
        }
        return machine(Arns.stateMachine(stateMachineArn));
    }

    /** The service's clock reading, for the dates versions and aliases record. */
    Instant now() {
        return clock.now();
    }

    /** The versions and aliases of the state machines. */
    StateMachineVersions versions() {
        return versions;
    }

    /** PublishStateMachineVersion: a version of the current revision (the latest one if it already is). */
    public StateMachineVersions.Version publishVersion(String stateMachineArn, String revisionId,
                                                       String description) {
        Arns.stateMachine(stateMachineArn);
        synchronized (this) {
            return versions.publish(machine(stateMachineArn), revisionId, description, clock.now());
        }
    }

    /** The state machine a ListStateMachineVersions / ListStateMachineAliases names (it must exist). */
    synchronized void requireMachine(String stateMachineArn) {
        machine(Arns.stateMachine(stateMachineArn));
    }

    /** ListStateMachines: every state machine, by name. */
    public synchronized List<StateMachineRecord> listStateMachines() {
        List<StateMachineRecord> all = new ArrayList<>(machines.values());
        all.sort(Comparator.comparing(StateMachineRecord::name));
        return all;
    }

    /**
     * UpdateStateMachine: a new revision; running executions keep theirs. Null arguments keep the current value.
     *
     * @throws MissingRequiredParameterException when every argument is null
     */
    public StateMachineRecord updateStateMachine(String stateMachineArn, String definition, String roleArn,
                                                 LoggingConfiguration logging, Boolean tracingEnabled) {
        Arns.stateMachine(stateMachineArn);
        synchronized (this) {
            machine(stateMachineArn);
        }
        if (definition == null && roleArn == null && logging == null && tracingEnabled == null) {
            throw new MissingRequiredParameterException("Either the definition, the role ARN, the"
                    + " LoggingConfiguration, or the TracingConfiguration must be specified");
        }
        StateMachineDefinition parsed = definition == null ? null : parse(definition);
        if (roleArn != null) {
            Arns.role(roleArn);
        }
        if (logging != null) {
            validateLogging(logging);
        }
        synchronized (this) {
            StateMachineRecord current = machine(stateMachineArn);
            StateMachineRecord updated = new StateMachineRecord(current.arn(), current.name(),
                    definition == null ? current.definitionText() : definition,
                    parsed == null ? current.definition() : parsed,
                    roleArn == null ? current.roleArn() : roleArn, current.type(),
                    logging == null ? current.logging() : logging,
                    tracingEnabled == null ? current.tracingEnabled() : tracingEnabled, current.tags(),
                    current.creationDate(), clock.now(), UUID.randomUUID().toString());
            machines.put(stateMachineArn, updated);
            return updated;
        }
    }

    /** TagResource: adds or replaces tags of a state machine; its revision does not change. */
    public void tagResource(String resourceArn, Map<String, String> tags) {
        synchronized (this) {
            StateMachineRecord current = taggable(resourceArn);
            Map<String, String> merged = new LinkedHashMap<>(current.tags());
            merged.putAll(tags);
            if (merged.size() > MAX_TAGS) {
                throw new TooManyTagsException("Too many tags: a resource can have at most " + MAX_TAGS + " tags,"
                        + " and '" + resourceArn + "' would have " + merged.size());
            }
            machines.put(resourceArn, current.withTags(merged));
        }
    }

    /** UntagResource: removes the named tags (unknown keys are ignored, as on AWS). */
    public synchronized void untagResource(String resourceArn, List<String> tagKeys) {
        StateMachineRecord current = taggable(resourceArn);
        Map<String, String> remaining = new LinkedHashMap<>(current.tags());
        tagKeys.forEach(remaining::remove);
        machines.put(resourceArn, current.withTags(remaining));
    }

    /** ListTagsForResource: the tags of a state machine, in the order they were added. */
    public synchronized Map<String, String> tags(String resourceArn) {
        return taggable(resourceArn).tags();
    }

    private StateMachineRecord taggable(String resourceArn) {
        Arns.stateMachine(resourceArn);
        StateMachineRecord machine = machines.get(resourceArn);
        if (machine == null) {
            throw new ResourceNotFoundException("Resource not found: '" + resourceArn + "'");
        }
        return machine;
    }

    /**
     * DeleteStateMachine: the state machine disappears at once; its running executions are stopped (ABORTED, so
     * status-change listeners hear of them), then its executions are forgotten. Deleting an unknown ARN succeeds, as
     * on AWS.
     */
    public void deleteStateMachine(String stateMachineArn) {
        Arns.stateMachine(stateMachineArn);
        List<ExecutionEntry> owned;
        synchronized (this) {
            if (machines.remove(stateMachineArn) == null) {
                return;
            }
            versions.forget(stateMachineArn);
            owned = executions.values().stream().filter(e -> e.machine().arn().equals(stateMachineArn)).toList();
        }
        for (ExecutionEntry entry : owned) {
            entry.execution().stop(null, null);
        }
        synchronized (this) {
            owned.forEach(entry -> executions.remove(entry.arn(), entry));
        }
    }

    // ------------------------------------------------------------------------------------------- executions

    /**
     * StartExecution. Fails with {@link StateMachineDoesNotExistException}, {@link ExecutionAlreadyExistsException},
     * {@link InvalidExecutionInputException}, {@link InvalidNameException}, {@link InvalidArnException} or
     * {@link StepFunctionsValidationException} (input over 256 KiB).
     *
     * @param name the execution name, or null for a random UUID
     * @param input the input JSON text, or null for {@code {}}
     * @return the running execution (or, for an idempotent repeat of a running one, that execution)
     */
    public Execution startExecution(String stateMachineArn, String name, String input) {
        return start(stateMachineArn, name, input, null).execution();
    }

    ExecutionEntry start(String requestedArn, String name, String input, String traceHeader) {
        Arns.stateMachineOrQualified(requestedArn);
        String inputText = validInput(input);
        String executionName = name == null ? UUID.randomUUID().toString() : Names.valid(name);
        synchronized (this) {
            StateMachineVersions.Target target = Arns.qualified(requestedArn) ? versions.resolve(requestedArn)
                    : new StateMachineVersions.Target(requestedArn, machine(requestedArn), null, null);
            String stateMachineArn = target.machineArn();
            StateMachineRecord machine = target.machine();
            if (!machines.containsKey(stateMachineArn)) {
                throw new StateMachineDoesNotExistException("State Machine Does Not Exist: '" + requestedArn + "'");
            }
            ExecutionContext context = ExecutionContext.of(stateMachineArn, executionName, machine.roleArn(),
                    inputText);
            ExecutionEntry existing = executions.get(context.executionArn());
            if (existing != null) {
                Execution previous = existing.execution();
                boolean running = !previous.status().isTerminal();
                if (running && existing.input().equals(inputText) && machine.type() == StateMachineType.STANDARD) {
                    return existing;
                }
                boolean nameFree = !running && previous.result().map(r -> !r.stopDate().plus(NAME_RETENTION)
                        .isAfter(clock.now())).orElse(false);
                if (!nameFree) {
                    throw new ExecutionAlreadyExistsException("Execution Already Exists: '"
                            + context.executionArn() + "'");
                }
            }
            Execution execution = interpreter.start(machine.definition(), context, fanOut);
            ExecutionEntry entry = new ExecutionEntry(execution, machine, sequence++, inputText, traceHeader,
                    target.versionArn(), target.aliasArn());
            executions.put(entry.arn(), entry);
            return entry;
        }
    }

    /**
     * Runs an execution outside the registry (StartSyncExecution of an EXPRESS state machine): an express execution
     * ARN, no status-change events, not visible to DescribeExecution or ListExecutions, as on AWS.
     */
    Execution startUnregistered(String stateMachineArn, String name, String input) {
        Arns.stateMachine(stateMachineArn);
        String inputText = validInput(input);
        String executionName = name == null ? UUID.randomUUID().toString() : Names.valid(name);
        StateMachineRecord machine;
        synchronized (this) {
            machine = machine(stateMachineArn);
        }
        if (machine.type() != StateMachineType.EXPRESS) {
            throw new StateMachineTypeNotSupportedException("This operation is not supported by this type of state"
                    + " machine");
        }
        String executionArn = "arn:aws:states:" + config.region() + ":" + config.accountId() + ":express:"
                + machine.name() + ":" + executionName + ":" + UUID.randomUUID();
        ExecutionContext context = new ExecutionContext(executionArn, executionName, stateMachineArn, machine.name(),
                machine.roleArn(), inputText);
        return interpreter.start(machine.definition(), context, ExecutionListener.NONE);
    }

    /** DescribeExecution: the execution (status, result, history). */
    public synchronized Execution describeExecution(String executionArn) {
        return entry(Arns.execution(executionArn)).execution();
    }

    synchronized ExecutionEntry describeEntry(String executionArn) {
        return entry(Arns.execution(executionArn));
    }

    /** DescribeMapRun: the Map Run of a Distributed Map state of any kept execution (or of its children). */
    public synchronized MapRun describeMapRun(String mapRunArn) {
        String arn = Arns.mapRun(mapRunArn);
        return executions.values().stream().flatMap(entry -> mapRuns(entry.execution()))
                .filter(run -> run.arn().equals(arn)).findFirst()
                .orElseThrow(() -> new ResourceNotFoundException("Resource not found: '" + arn + "'"));
    }

    /** The Map Runs of {@code execution} and, depth first, of its child executions. */
    private static Stream<MapRun> mapRuns(Execution execution) {
        return execution.mapRuns().stream().flatMap(run -> Stream.concat(Stream.of(run),
                run.children().stream().flatMap(child -> mapRuns(child.execution()))));
    }

    /**
     * ListExecutions of a Map Run: its child executions, newest first, optionally of one status.
     *
     * @throws StateMachineTypeNotSupportedException when the children are EXPRESS executions (not recorded)
     */
    synchronized List<ExecutionEntry> listChildEntries(String mapRunArn, ExecutionStatus statusFilter) {
        MapRun run = describeMapRun(mapRunArn);
        if (run.executionType() == MapState.ExecutionType.EXPRESS) {
            throw new StateMachineTypeNotSupportedException("This operation is not supported by this type of state"
                    + " machine");
        }
        ExecutionEntry parent = entry(run.executionArn());
        List<MapRun.Child> children = run.children();
        List<ExecutionEntry> entries = new ArrayList<>();
        for (int i = children.size() - 1; i >= 0; i--) {
            Execution child = children.get(i).execution();
            if (statusFilter == null || child.status() == statusFilter) {
                entries.add(childEntry(parent, child, i));
            }
        }
        return entries;
    }

    /** ListMapRuns: the Map Runs an execution started, in the order they started. */
    public synchronized List<MapRun> listMapRuns(String executionArn) {
        return entry(Arns.execution(executionArn)).execution().mapRuns();
    }

    /** DescribeStateMachineForExecution: the revision the execution runs. */
    public synchronized StateMachineRecord stateMachineForExecution(String executionArn) {
        return entry(Arns.execution(executionArn)).machine();
    }

    /** GetExecutionHistory, unpaged: every event so far in order. */
    public List<HistoryEvent> executionHistory(String executionArn) {
        return describeExecution(executionArn).history();
    }

    /** ListExecutions: the state machine's executions, newest first, optionally of one status. */
    public List<Execution> listExecutions(String stateMachineArn, ExecutionStatus statusFilter) {
        return listEntries(stateMachineArn, statusFilter).stream().map(ExecutionEntry::execution).toList();
    }

    synchronized List<ExecutionEntry> listEntries(String requestedArn, ExecutionStatus statusFilter) {
        // A version or alias ARN lists the executions started through it.
        String qualifier = Arns.qualified(Arns.stateMachineOrQualified(requestedArn)) ? requestedArn : null;
        String stateMachineArn = qualifier == null ? requestedArn
                : requestedArn.substring(0, requestedArn.lastIndexOf(':'));
        if (qualifier != null && machines.containsKey(stateMachineArn) && !versions.exists(qualifier)) {
            throw new StateMachineDoesNotExistException("State Machine Does Not Exist: '" + qualifier + "'");
        }
        if (machine(stateMachineArn).type() == StateMachineType.EXPRESS) {
            // Express executions are not recorded by Step Functions, so there is nothing to list.
            throw new StateMachineTypeNotSupportedException("This operation is not supported by this type of state"
                    + " machine");
        }
        return executions.values().stream()
                .filter(e -> e.machine().arn().equals(stateMachineArn))
                .filter(e -> qualifier == null || qualifier.equals(e.versionArn()) || qualifier.equals(e.aliasArn()))
                .filter(e -> statusFilter == null || e.execution().status() == statusFilter)
                .sorted(Comparator.comparingLong(ExecutionEntry::sequence).reversed())
                .toList();
    }

    /**
     * Blocks until the execution ends. With a virtual clock, call it from a thread outside the runtime (a test, the
     * CLI): waiting does not hold the clock back.
     */
    public ExecutionResult awaitExecution(String executionArn) {
        return describeExecution(executionArn).await();
    }

    /** Like {@link #awaitExecution(String)}, giving up after {@code realTimeout} of wall-clock time. */
    public Optional<ExecutionResult> awaitExecution(String executionArn, Duration realTimeout) {
        return describeExecution(executionArn).await(realTimeout);
    }

    /**
     * StopExecution: ABORTED with the given error and cause (either may be null). An execution that already ended is
     * left as it is.
     *
     * @return how the execution ended
     * @throws StepFunctionsValidationException when error exceeds 256 or cause 32,768 characters
     */
    public ExecutionResult stopExecution(String executionArn, String error, String cause) {
        if (error != null && error.length() > 256) {
            throw new StepFunctionsValidationException("1 validation error detected: Value at 'error' failed to"
                    + " satisfy constraint: Member must have length less than or equal to 256");
        }
        if (cause != null && cause.length() > 32_768) {
            throw new StepFunctionsValidationException("1 validation error detected: Value at 'cause' failed to"
                    + " satisfy constraint: Member must have length less than or equal to 32768");
        }
        return describeExecution(executionArn).stop(error, cause);
    }

    /** Observes every execution this service runs from now on; close the subscription to stop. */
    public Subscription addListener(ExecutionListener listener) {
        Objects.requireNonNull(listener, "listener");
        listeners.add(listener);
        return () -> listeners.remove(listener);
    }

    /** Stops every running execution. */
    @Override
    public void close() {
        List<ExecutionEntry> running;
        synchronized (this) {
            running = executions.values().stream().filter(e -> !e.execution().status().isTerminal()).toList();
        }
        for (ExecutionEntry entry : running) {
            entry.execution().stop(null, null);
        }
    }

    // ------------------------------------------------------------------------------------------- internals

    private StateMachineRecord machine(String arn) {
        StateMachineRecord machine = machines.get(arn);
        if (machine == null) {
            throw new StateMachineDoesNotExistException("State Machine Does Not Exist: '" + arn + "'");
        }
        return machine;
    }

    /** Tests single states (TestState) with this service's clock and task invoker. */
    StateTester stateTester() {
        return tester;
    }

    private ExecutionEntry entry(String arn) {
        ExecutionEntry entry = executions.get(arn);
        if (entry == null) {
            entry = executions.values().stream().map(parent -> child(parent, parent.execution(), arn))
                    .filter(Objects::nonNull).findFirst().orElseThrow(() ->
                            new ExecutionDoesNotExistException("Execution Does Not Exist: '" + arn + "'"));
        }
        return entry;
    }

    /** The STANDARD child execution {@code arn} of a Distributed Map under {@code execution}, or null. */
    private static ExecutionEntry child(ExecutionEntry top, Execution execution, String arn) {
        for (MapRun run : execution.mapRuns()) {
            List<MapRun.Child> children = run.children();
            for (int i = 0; i < children.size(); i++) {
                Execution child = children.get(i).execution();
                if (run.executionType() == MapState.ExecutionType.STANDARD
                        && child.context().executionArn().equals(arn)) {
                    return childEntry(top, child, i);
                }
                ExecutionEntry nested = child(top, child, arn);
                if (nested != null) {
                    return nested;
                }
            }
        }
        return null;
    }

    /** A child execution as the API shows it: in the top execution's state machine revision, by start order. */
    private static ExecutionEntry childEntry(ExecutionEntry top, Execution child, int index) {
        return new ExecutionEntry(child, top.machine(), index, child.context().inputJson(), null, null, null);
    }

    static StateMachineDefinition parse(String definition) {
        if (definition == null) {
            throw new StepFunctionsValidationException("1 validation error detected: Value null at 'definition' failed"
                    + " to satisfy constraint: Member must not be null");
        }
        if (definition.length() > MAX_DEFINITION_CHARS) {
            throw new StepFunctionsValidationException("1 validation error detected: Value at 'definition' failed to"
                    + " satisfy constraint: Member must have length less than or equal to " + MAX_DEFINITION_CHARS);
        }
        try {
            return StateMachineDefinition.parse(definition);
        } catch (InvalidDefinitionException e) {
            throw new InvalidDefinitionApiException(e.getMessage());
        } catch (UnsupportedFeatureException e) {
            throw new InvalidDefinitionApiException("Invalid State Machine Definition: 'UNSUPPORTED_BY_LOCAL_RUNTIME: "
                    + e.getMessage() + "'");
        }
    }

    private static String validInput(String input) {
        String text = input == null ? "{}" : input;
        if (text.getBytes(StandardCharsets.UTF_8).length > MAX_INPUT_BYTES) {
            throw new StepFunctionsValidationException("1 validation error detected: Value at 'input' failed to"
                    + " satisfy constraint: Member must have length less than or equal to " + MAX_INPUT_BYTES);
        }
        try {
            JsonNode parsed = JSON.readTree(text);
            if (parsed == null || parsed.isMissingNode()) {
                throw new InvalidExecutionInputException("Invalid State Machine Execution Input: 'No content to map"
                        + " due to end-of-input'");
            }
        } catch (JsonProcessingException e) {
            throw new InvalidExecutionInputException("Invalid State Machine Execution Input: '"
                    + e.getOriginalMessage() + "'");
        }
        return text;
    }

    private static void validateLogging(LoggingConfiguration logging) {
        if (!List.of("ALL", "ERROR", "FATAL", "OFF").contains(logging.level())) {
            throw new StepFunctionsValidationException("1 validation error detected: Value '" + logging.level()
                    + "' at 'loggingConfiguration.level' failed to satisfy constraint: Member must satisfy enum value"
                    + " set: [ALL, ERROR, FATAL, OFF]");
        }
        if (logging.logGroupArns().size() > 1 || !"OFF".equals(logging.level()) && logging.logGroupArns().isEmpty()) {
            throw new InvalidLoggingConfigurationException("Invalid Logging Configuration: Must specify exactly one"
                    + " Log Destination.");
        }
    }

    /** Forwards to every subscriber; one failing listener must not starve the others or the execution. */
    private final class FanOut implements ExecutionListener {

        @Override
        public void onStatusChange(Execution execution, ExecutionStatus status) {
            for (ExecutionListener listener : listeners) {
                try {
                    listener.onStatusChange(execution, status);
                } catch (RuntimeException ignored) {
                    // Listeners must not throw; if one does, the others still hear.
                }
            }
        }

        @Override
        public void onEvent(Execution execution, HistoryEvent event) {
            for (ExecutionListener listener : listeners) {
                try {
                    listener.onEvent(execution, event);
                } catch (RuntimeException ignored) {
                    // As above.
                }
            }
        }
    }
}
