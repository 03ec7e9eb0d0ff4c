package io.athenaworkflow.local.events;

import java.time.Duration;

/**
 * How the bus delivers.
 *
 * @param deliveryThreads threads delivering in parallel
 * @param queueCapacity deliveries that may wait for a thread; beyond it a delivery fails at once
 * @param maxAttempts attempts per delivery (EventBridge retries for up to 24 hours; locally a few are enough)
 * @param firstRetryDelay wait before the second attempt, on the runtime clock
 * @param backoffRate factor by which each further wait grows
 */
public record EventBusSettings(int deliveryThreads, int queueCapacity, int maxAttempts, Duration firstRetryDelay,
                               double backoffRate) {

    public EventBusSettings {
        if (deliveryThreads < 1 || queueCapacity < 1 || maxAttempts < 1) {
            throw new IllegalArgumentException("deliveryThreads, queueCapacity and maxAttempts must be at least 1");
        }
        if (firstRetryDelay == null || firstRetryDelay.isNegative() || backoffRate < 1) {
            throw new IllegalArgumentException("firstRetryDelay must not be negative and backoffRate must be at least 1");
        }
    }

    /** 2 threads, 1000 queued, 3 attempts, retries after 1 s then 2 s. */
    public static EventBusSettings defaults() {
        return new EventBusSettings(2, 1000, 3, Duration.ofSeconds(1), 2.0);
    }

    public EventBusSettings withMaxAttempts(int attempts) {
        return new EventBusSettings(deliveryThreads, queueCapacity, attempts, firstRetryDelay, backoffRate);
    }

    public EventBusSettings withQueueCapacity(int capacity) {
        return new EventBusSettings(deliveryThreads, capacity, maxAttempts, firstRetryDelay, backoffRate);
    }

    public EventBusSettings withDeliveryThreads(int threads) {
        return new EventBusSettings(threads, queueCapacity, maxAttempts, firstRetryDelay, backoffRate);
    }
}
