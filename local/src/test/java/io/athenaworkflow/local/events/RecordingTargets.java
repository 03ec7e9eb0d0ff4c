package io.athenaworkflow.local.events;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/** A test double for the bus's targets: records every delivery and can fail the first n attempts. */
final class RecordingTargets implements EventTargets {

    record Call(String kind, String arn, String payload) {
    }

    private final List<Call> calls = new CopyOnWriteArrayList<>();
    private final AtomicInteger failuresLeft = new AtomicInteger();
    private final AtomicInteger attempts = new AtomicInteger();

    /** The next {@code n} attempts throw. */
    RecordingTargets failingFirst(int n) {
        failuresLeft.set(n);
        return this;
    }

    @Override
    public void startExecution(String stateMachineArn, String inputJson) {
        attempt();
        calls.add(new Call("startExecution", stateMachineArn, inputJson));
    }

    @Override
    public void invokeFunction(String functionArn, byte[] payload) {
        attempt();
        calls.add(new Call("invokeFunction", functionArn, new String(payload, StandardCharsets.UTF_8)));
    }

    private void attempt() {
        attempts.incrementAndGet();
        if (failuresLeft.getAndDecrement() > 0) {
            throw new IllegalStateException("target unavailable");
        }
    }

    List<Call> calls() {
        return List.copyOf(calls);
    }

    int attempts() {
        return attempts.get();
    }
}
