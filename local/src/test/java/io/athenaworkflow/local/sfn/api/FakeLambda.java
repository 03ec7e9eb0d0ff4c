package io.athenaworkflow.local.sfn.api;

import io.athenaworkflow.local.lambda.InvocationResult;
import io.athenaworkflow.local.lambda.LambdaService;
import io.athenaworkflow.local.lambda.ResourceNotFoundException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.function.Function;

/** A unit-test Lambda host: functions are Java lambdas from payload to invocation; every call is recorded. */
public final class FakeLambda implements LambdaService {

    /** One recorded call. */
    public record Call(String function, String payload) {
    }

    private final Map<String, Function<String, InvocationResult>> functions = new ConcurrentHashMap<>();
    private final List<Call> calls = new CopyOnWriteArrayList<>();

    /** Registers {@code name} (also reachable as any ARN or qualifier ending in it). */
    public FakeLambda on(String name, Function<String, InvocationResult> behaviour) {
        functions.put(name, behaviour);
        return this;
    }

    /** A function returning {@code json}. */
    public FakeLambda returning(String name, String json) {
        return on(name, payload -> success(json));
    }

    /** A successful invocation of {@code $LATEST} returning {@code payload}. */
    public static InvocationResult success(String payload) {
        return new InvocationResult(payload.getBytes(StandardCharsets.UTF_8), null, "$LATEST", "");
    }

    /** A failed invocation: the function raised, {@code document} is its error document. */
    public static InvocationResult failure(String document) {
        return new InvocationResult(document.getBytes(StandardCharsets.UTF_8), InvocationResult.UNHANDLED, "$LATEST",
                "");
    }

    /** A function that blocks until its thread is interrupted (a long-running task). */
    public FakeLambda blocking(String name) {
        return on(name, payload -> {
            try {
                new CountDownLatch(1).await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            throw new IllegalStateException("interrupted");
        });
    }

    /**
     * A function that waits for a permit of {@code gate} (released by the test), then behaves as {@code then}; an
     * interruption (the execution was stopped) ends the wait with an error.
     */
    public FakeLambda gated(String name, Semaphore gate, Function<String, InvocationResult> then) {
        return on(name, payload -> {
            try {
                gate.acquire();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted");
            }
            return then.apply(payload);
        });
    }

    public List<Call> calls() {
        return List.copyOf(calls);
    }

    @Override
    public InvocationResult invoke(String functionNameOrArn, byte[] payload) {
        String text = new String(payload, StandardCharsets.UTF_8);
        calls.add(new Call(functionNameOrArn, text));
        Function<String, InvocationResult> function = functions.get(functionNameOrArn);
        if (function == null) {
            // name:alias and ARNs resolve to the bare name, as the Lambda service resolves them.
            String name = functionNameOrArn.contains(":function:")
                    ? functionNameOrArn.substring(functionNameOrArn.indexOf(":function:") + 10) : functionNameOrArn;
            function = functions.get(name.contains(":") ? name.substring(0, name.indexOf(':')) : name);
        }
        if (function == null) {
            throw new ResourceNotFoundException("Function not found: arn:aws:lambda:us-east-1:000000000000:function:"
                    + functionNameOrArn);
        }
        return function.apply(text);
    }
}
