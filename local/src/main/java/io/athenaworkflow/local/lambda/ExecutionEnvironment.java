package io.athenaworkflow.local.lambda;

import io.athenaworkflow.local.clock.RuntimeClock;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One execution environment (a Lambda "sandbox"): its own class loader over the function's code, its own thread,
 * and the handler instance it created. It serves one invocation at a time and is thrown away after an init error, a
 * timeout or a {@link VirtualMachineError}, as Lambda discards such environments.
 */
final class ExecutionEnvironment implements AutoCloseable {

    private static final String FUNCTION_ENVIRONMENT = "io.athenaworkflow.handlers.FunctionEnvironment";

    private final String functionName;
    private final int instance;
    private final FunctionClassLoader loader;
    private final ExecutorService thread;
    private final RuntimeClock clock;
    private final String logStreamName;
    private final Object logger;
    private volatile InvocationLog currentLog;
    private volatile RuntimeClock.Activity running;
    private Handler handler;
    private Duration initDuration;
    private boolean invokedOnce;

    ExecutionEnvironment(FunctionVersion version, int instance, RuntimeClock clock, String logStreamName) {
        this.functionName = version.spec().name();
        this.instance = instance;
        this.clock = clock;
        this.logStreamName = logStreamName;
        String id = functionName + ":" + version.version() + "#" + instance;
        this.loader = new FunctionClassLoader("lambda:" + id, version.spec().code());
        this.thread = Executors.newSingleThreadExecutor(task -> {
            Thread worker = new Thread(task, "lambda-" + id);
            worker.setDaemon(true);
            worker.setContextClassLoader(loader);
            return worker;
        });
        this.logger = LambdaContexts.logger(loader, message -> {
            InvocationLog log = currentLog;
            if (log != null) {
                log.line(message);
            }
        });
    }

    int instance() {
        return instance;
    }

    String logStreamName() {
        return logStreamName;
    }

    boolean initialized() {
        return handler != null;
    }

    Duration initDuration() {
        return initDuration;
    }

    int classesDefined() {
        return loader.classesDefined();
    }

    /** Marks the first invocation done; true the first time only (when the cold start is recorded). */
    boolean completeFirstInvocation() {
        boolean first = !invokedOnce;
        invokedOnce = true;
        return first;
    }

    void useLog(InvocationLog log) {
        currentLog = log;
    }

    /**
     * Starts the init phase on the environment's thread: installs the function's environment variables (when the
     * jar has {@value #FUNCTION_ENVIRONMENT}), points {@code LambdaRuntime.getLogger()} at this environment, then
     * loads and creates the handler and runs its SnapStart hooks ({@link SnapStartHooks}), as a snapshot would.
     */
    Future<Handler> startInit(Map<String, String> variables, String handlerName, RuntimeClock.Activity handoff) {
        return submit(handoff, () -> {
            long start = System.nanoTime();
            try {
                installEnvironment(variables);
                LambdaContexts.installRuntimeLogger(loader, logger);
                handler = HandlerLoader.load(handlerName, loader);
                if (handler instanceof Handler.Stream stream) {
                    SnapStartHooks.checkpointAndRestore(stream.instance(), loader);
                }
            } catch (Throwable e) {
                handler = new Handler.Fault(ErrorDocuments.message(e), e.getClass().getName(), HandlerLoader.trace(e), true);
            }
            initDuration = Duration.ofNanos(System.nanoTime() - start);
            return handler;
        });
    }

    Handler handler() {
        return handler;
    }

    /** Runs the handler on the environment's thread; the future yields the response or throws what the handler threw. */
    Future<byte[]> startInvoke(Handler.Stream stream, byte[] payload, ContextValues values, RuntimeClock.Activity handoff) {
        return submit(handoff, () -> {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            Object context = stream.contextType() == null ? null
                    : LambdaContexts.context(stream.contextType(), values, logger);
            try {
                stream.method().invoke(stream.instance(), stream.arguments(new ByteArrayInputStream(payload), out, context));
            } catch (InvocationTargetException e) {
                throw e.getCause() == null ? e : e.getCause();
            } finally {
                // As the runtime does: a handler that set the interrupt flag must not break the next invocation.
                Thread.interrupted();
            }
            return out.toByteArray();
        });
    }

    private <T> Future<T> submit(RuntimeClock.Activity handoff, ThrowingCallable<T> work) {
        Callable<T> task = () -> {
            RuntimeClock.Activity busy = onceOnly(clock.begin());
            running = busy;
            handoff.close();
            try {
                return work.call();
            } catch (Throwable e) {
                throw new HandlerFailure(e);
            } finally {
                running = null;
                busy.close();
            }
        };
        try {
            return thread.submit(task);
        } catch (RejectedExecutionException e) {
            handoff.close();
            throw new ServiceException("The execution environment of " + functionName + " was shut down.");
        }
    }

    private static RuntimeClock.Activity onceOnly(RuntimeClock.Activity activity) {
        AtomicBoolean closed = new AtomicBoolean();
        return () -> {
            if (closed.compareAndSet(false, true)) {
                activity.close();
            }
        };
    }

    private void installEnvironment(Map<String, String> variables) throws ReflectiveOperationException {
        Class<?> environment = LambdaContexts.load(loader, FUNCTION_ENVIRONMENT);
        if (environment != null) {
            Method install = environment.getMethod("install", Map.class);
            install.invoke(null, variables);
        }
    }

    /**
     * Stops the environment: interrupts a running handler, stops it counting as busy work on the runtime clock (a
     * handler that ignores the interrupt must not hold a virtual clock forever) and closes the class loader.
     */
    @Override
    public void close() {
        currentLog = null;
        thread.shutdownNow();
        RuntimeClock.Activity busy = running;
        if (busy != null) {
            busy.close();
        }
        try {
            loader.close();
        } catch (IOException e) {
            System.getLogger(LocalLambda.class.getName()).log(System.Logger.Level.DEBUG,
                    "Closing the class loader of {0} failed: {1}", functionName, e);
        }
    }

    @FunctionalInterface
    private interface ThrowingCallable<T> {
        T call() throws Throwable;
    }

    /** Carries whatever the handler threw (including Errors) out of the executor. */
    static final class HandlerFailure extends Exception {
        HandlerFailure(Throwable cause) {
            super(cause);
        }
    }
}
