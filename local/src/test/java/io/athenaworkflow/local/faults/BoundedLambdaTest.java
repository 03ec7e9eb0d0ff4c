package io.athenaworkflow.local.faults;

import io.athenaworkflow.local.lambda.InvocationResult;
import io.athenaworkflow.local.lambda.LambdaService;
import io.athenaworkflow.local.testing.Await;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class BoundedLambdaTest {

    @Test
    void invoke_whenMoreCallsThanTheLimit_runsAtMostTheLimitPerFunctionAndTheRestWait() throws Exception {
        CountDownLatch gate = new CountDownLatch(1);
        ConcurrentHashMap<String, AtomicInteger> running = new ConcurrentHashMap<>();
        LambdaService host = (name, payload) -> {
            AtomicInteger inFunction = running.computeIfAbsent(FaultyLambda.functionName(name), n -> new AtomicInteger());
            inFunction.incrementAndGet();
            try {
                gate.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            inFunction.decrementAndGet();
            return new InvocationResult(new byte[0], null, "$LATEST", "");
        };
        LambdaService bounded = BoundedLambda.of(host, 3);
        AtomicInteger completed = new AtomicInteger();
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            String function = i < 8 ? "fn:live" : "arn:aws:lambda:us-east-1:000000000000:function:other";
            threads.add(Thread.ofPlatform().daemon().start(() -> {
                bounded.invoke(function, new byte[0]);
                completed.incrementAndGet();
            }));
        }

        // Every thread is parked: in the host behind the gate, or waiting for a free slot.
        Await.until(() -> threads.stream().allMatch(t -> t.getState() == Thread.State.WAITING), all -> all,
                "every invocation to be running or waiting");
        assertThat(running.get("fn").get()).isEqualTo(3);
        assertThat(running.get("other").get()).isEqualTo(3);
        gate.countDown();
        for (Thread thread : threads) {
            thread.join(TimeUnit.SECONDS.toMillis(30));
        }
        assertThat(completed.get()).isEqualTo(12);
    }

    @Test
    void of_whenLimitIsZero_refuses() {
        assertThatThrownBy(() -> BoundedLambda.of((name, payload) -> null, 0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("at least one");
    }
}
