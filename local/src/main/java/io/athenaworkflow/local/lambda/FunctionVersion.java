package io.athenaworkflow.local.lambda;

import io.athenaworkflow.local.clock.RuntimeClock;

import java.time.Duration;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * One version of a deployed function ({@code $LATEST} or a published number) and its pool of execution
 * environments: an idle environment serves the next invocation (warm), a new one is created when none is idle
 * (cold start).
 */
final class FunctionVersion {

    static final String LATEST = "$LATEST";
    private static final DateTimeFormatter STREAM_DATE = DateTimeFormatter.ofPattern("yyyy/MM/dd").withZone(ZoneOffset.UTC);

    private final FunctionSpec spec;
    private final String version;
    private final Map<String, String> variables;
    private final LambdaSettings settings;
    private final Consumer<ColdStart> coldStarts;
    private final Deque<ExecutionEnvironment> idle = new ConcurrentLinkedDeque<>();
    private final List<ExecutionEnvironment> all = new ArrayList<>();
    private final AtomicInteger instances = new AtomicInteger();
    private volatile boolean closed;

    FunctionVersion(FunctionSpec spec, String version, LambdaSettings settings, Consumer<ColdStart> coldStarts) {
        this.spec = spec;
        this.version = version;
        this.settings = settings;
        this.coldStarts = coldStarts;
        this.variables = ReservedVariables.forVersion(spec, version, settings);
    }

    FunctionSpec spec() {
        return spec;
    }

    String version() {
        return version;
    }

    /** Runs one invocation on an idle environment, or on a new one. */
    InvocationResult invoke(byte[] payload, String invokedArn) {
        ExecutionEnvironment environment = idle.pollFirst();
        if (environment == null) {
            environment = create();
        }
        Outcome outcome;
        try {
            outcome = run(environment, payload, invokedArn);
        } catch (RuntimeException e) {
            discard(environment);
            throw e;
        }
        if (outcome.discard() || closed) {
            discard(environment);
        } else {
            idle.addFirst(environment);
        }
        return outcome.result();
    }

    private ExecutionEnvironment create() {
        int instance = instances.incrementAndGet();
        String stream = STREAM_DATE.format(settings.clock().now()) + "/[" + version + "]"
                + HexFormat.of().formatHex(randomBytes());
        ExecutionEnvironment environment = new ExecutionEnvironment(this, instance, settings.clock(), stream);
        synchronized (all) {
            all.add(environment);
        }
        return environment;
    }

    private record Outcome(InvocationResult result, boolean discard) {
    }

    private Outcome run(ExecutionEnvironment environment, byte[] payload, String invokedArn) {
        String requestId = UUID.randomUUID().toString();
        InvocationLog log = new InvocationLog(spec.name());
        environment.useLog(log);
        long start = System.nanoTime();
        long timeoutNanos = TimeUnit.SECONDS.toNanos(spec.timeoutSeconds());
        long deadline;
        boolean cold = !environment.initialized();
        if (cold) {
            log.line("INIT_START Runtime Version: " + spec.runtime() + " (local) Runtime Version ARN: local");
            Map<String, String> environmentVariables = new LinkedHashMap<>(variables);
            environmentVariables.put("AWS_LAMBDA_LOG_STREAM_NAME", environment.logStreamName());
            Future<Handler> init = environment.startInit(environmentVariables, spec.handler(), handoff());
            Duration initTimeout = settings.initTimeout();
            try {
                awaitInit(init, initTimeout.toNanos());
                deadline = System.nanoTime() + timeoutNanos;
            } catch (TimeoutException slow) {
                // Lambda retries a slow init inside the invoke phase, under the function timeout.
                log.line("INIT_REPORT Init Duration: " + millis(initTimeout.toNanos()) + " ms\tPhase: init\tStatus: timeout");
                deadline = start + initTimeout.toNanos() + timeoutNanos;
                try {
                    awaitInit(init, deadline - System.nanoTime());
                } catch (TimeoutException stillSlow) {
                    init.cancel(true);
                    return timedOut(environment, log, requestId);
                }
            }
        } else {
            deadline = start + timeoutNanos;
        }
        log.line("START RequestId: " + requestId + " Version: " + version);
        Handler handler = environment.handler();
        InvocationResult result;
        boolean discard = false;
        switch (handler) {
            case Handler.Fault fault -> {
                log.line(fault.message() + (fault.type() == null ? "" : ": " + fault.type())
                        + (fault.trace() == null ? "" : "\n" + fault.trace()));
                result = error(ErrorDocuments.fault(fault.message(), fault.type()), log, requestId, start, environment, cold);
                discard = fault.fatal();
            }
            case Handler.Stream stream -> {
                ContextValues values = new ContextValues(requestId, spec.effectiveLogGroup(), environment.logStreamName(),
                        spec.name(), version, invokedArn, spec.memoryMb(), deadline);
                Future<byte[]> invocation = environment.startInvoke(stream, payload, values, handoff());
                try {
                    byte[] response = await(invocation, deadline - System.nanoTime());
                    if (response.length > ErrorDocuments.MAX_RESPONSE_BYTES) {
                        result = error(ErrorDocuments.responseTooLarge(), log, requestId, start, environment, cold);
                    } else {
                        result = finish(response, null, log, requestId, start, environment, cold);
                    }
                } catch (TimeoutException e) {
                    invocation.cancel(true);
                    return timedOut(environment, log, requestId);
                } catch (ExecutionException e) {
                    Throwable thrown = e.getCause() instanceof ExecutionEnvironment.HandlerFailure failure
                            ? failure.getCause() : e.getCause();
                    log.line(ErrorDocuments.reportable(thrown));
                    result = error(ErrorDocuments.thrown(thrown), log, requestId, start, environment, cold);
                    discard = thrown instanceof VirtualMachineError || thrown instanceof java.io.IOError;
                }
            }
        }
        return new Outcome(result, discard);
    }

    private Outcome timedOut(ExecutionEnvironment environment, InvocationLog log, String requestId) {
        log.line(settings.clock().now() + " " + requestId + " " + ErrorDocuments.timeoutMessage(spec.timeoutSeconds()));
        log.line("END RequestId: " + requestId);
        recordColdStart(environment);
        return new Outcome(new InvocationResult(ErrorDocuments.timeout(requestId, spec.timeoutSeconds()),
                InvocationResult.UNHANDLED, version, log.tail()), true);
    }

    private InvocationResult error(byte[] document, InvocationLog log, String requestId, long start,
                                   ExecutionEnvironment environment, boolean cold) {
        return finish(document, InvocationResult.UNHANDLED, log, requestId, start, environment, cold);
    }

    private InvocationResult finish(byte[] payload, String functionError, InvocationLog log, String requestId, long start,
                                    ExecutionEnvironment environment, boolean cold) {
        long elapsed = System.nanoTime() - start;
        log.line("END RequestId: " + requestId);
        log.line("REPORT RequestId: " + requestId + "\tDuration: " + millis(elapsed) + " ms\tBilled Duration: "
                + (long) Math.ceil(elapsed / 1e6) + " ms\tMemory Size: " + spec.memoryMb() + " MB"
                + (cold && environment.initDuration() != null
                ? "\tInit Duration: " + millis(environment.initDuration().toNanos()) + " ms" : ""));
        recordColdStart(environment);
        environment.useLog(null);
        return new InvocationResult(payload, functionError, version, log.tail());
    }

    private void recordColdStart(ExecutionEnvironment environment) {
        if (environment.completeFirstInvocation()) {
            Duration init = environment.initDuration() == null ? Duration.ZERO : environment.initDuration();
            coldStarts.accept(new ColdStart(spec.name(), version, environment.instance(), init,
                    environment.classesDefined(), environment.handler() instanceof Handler.Stream));
        }
    }

    /** Hands the caller's busy period over to the worker, so a virtual clock cannot move in between. */
    private RuntimeClock.Activity handoff() {
        RuntimeClock.Activity activity = settings.clock().begin();
        AtomicBoolean closedOnce = new AtomicBoolean();
        return () -> {
            if (closedOnce.compareAndSet(false, true)) {
                activity.close();
            }
        };
    }

    /** Waits for the init phase; it reports its own failures as a fault, so only a broken worker ends up here. */
    private static void awaitInit(Future<Handler> init, long nanos) throws TimeoutException {
        try {
            await(init, nanos);
        } catch (ExecutionException e) {
            throw new ServiceException("The execution environment failed outside the function's init: " + e.getCause());
        }
    }

    private static <T> T await(Future<T> future, long nanos) throws TimeoutException, ExecutionException {
        try {
            return future.get(Math.max(0, nanos), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            future.cancel(true);
            throw new ServiceException("The invocation was interrupted while waiting for the function.");
        }
    }

    private void discard(ExecutionEnvironment environment) {
        synchronized (all) {
            all.remove(environment);
        }
        environment.close();
    }

    /** Discards every environment (the function was redeployed or the host closed). */
    void close() {
        closed = true;
        List<ExecutionEnvironment> environments;
        synchronized (all) {
            environments = new ArrayList<>(all);
            all.clear();
        }
        idle.clear();
        environments.forEach(ExecutionEnvironment::close);
    }

    private static String millis(long nanos) {
        return String.format(Locale.ROOT, "%.2f", nanos / 1e6);
    }

    private static byte[] randomBytes() {
        byte[] bytes = new byte[16];
        ThreadLocalRandom.current().nextBytes(bytes);
        return bytes;
    }

    /** The environment variables of one function version, reserved ones included. */
    static final class ReservedVariables {

        /** Names Lambda reserves: a function may not set them. */
        static final List<String> RESERVED = List.of("_HANDLER", "_X_AMZN_TRACE_ID", "AWS_DEFAULT_REGION", "AWS_REGION",
                "AWS_EXECUTION_ENV", "AWS_LAMBDA_FUNCTION_NAME", "AWS_LAMBDA_FUNCTION_MEMORY_SIZE",
                "AWS_LAMBDA_FUNCTION_VERSION", "AWS_LAMBDA_INITIALIZATION_TYPE", "AWS_LAMBDA_LOG_GROUP_NAME",
                "AWS_LAMBDA_LOG_STREAM_NAME", "AWS_ACCESS_KEY", "AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY",
                "AWS_SESSION_TOKEN", "AWS_LAMBDA_RUNTIME_API", "LAMBDA_TASK_ROOT", "LAMBDA_RUNTIME_DIR");

        private ReservedVariables() {
        }

        static Map<String, String> forVersion(FunctionSpec spec, String version, LambdaSettings settings) {
            Map<String, String> variables = new LinkedHashMap<>(spec.environment());
            variables.put("_HANDLER", spec.handler());
            variables.put("AWS_REGION", settings.region());
            variables.put("AWS_DEFAULT_REGION", settings.region());
            variables.put("AWS_EXECUTION_ENV", "AWS_Lambda_" + spec.runtime());
            variables.put("AWS_LAMBDA_FUNCTION_NAME", spec.name());
            variables.put("AWS_LAMBDA_FUNCTION_MEMORY_SIZE", String.valueOf(spec.memoryMb()));
            variables.put("AWS_LAMBDA_FUNCTION_VERSION", version);
            variables.put("AWS_LAMBDA_INITIALIZATION_TYPE", "on-demand");
            variables.put("AWS_LAMBDA_LOG_GROUP_NAME", spec.effectiveLogGroup());
            variables.put("LAMBDA_TASK_ROOT", spec.code().getFirst().toAbsolutePath().toString());
            variables.put("TZ", ":UTC");
            if (settings.sdk() != null) {
                variables.put("AWS_ACCESS_KEY_ID", settings.sdk().accessKeyId());
                variables.put("AWS_SECRET_ACCESS_KEY", settings.sdk().secretAccessKey());
            }
            return Map.copyOf(variables);
        }
    }
}
