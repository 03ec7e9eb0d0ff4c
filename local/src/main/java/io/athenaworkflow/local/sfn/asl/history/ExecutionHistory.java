package io.athenaworkflow.local.sfn.asl.history;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.athenaworkflow.local.clock.RuntimeClock;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * The event history of one execution: numbered from 1, timestamped from the injected clock, safe to append to from
 * the threads of Parallel branches and Map iterations, and bounded by Step Functions' 25,000-event quota (the last
 * slot is kept for the terminal event).
 */
public final class ExecutionHistory {

    /** Step Functions' hard quota of events in one execution's history. */
    public static final int MAX_EVENTS = 25_000;

    private final RuntimeClock clock;
    private final Consumer<HistoryEvent> listener;
    private final int maxEvents;
    private final List<HistoryEvent> events = new ArrayList<>();
    private boolean closed;

    private ExecutionHistory(RuntimeClock clock, Consumer<HistoryEvent> listener, int maxEvents) {
        this.clock = clock;
        this.listener = listener;
        this.maxEvents = maxEvents;
    }

    /** A history bounded at {@link #MAX_EVENTS} events; {@code listener} sees every event as it is appended. */
    public static ExecutionHistory create(RuntimeClock clock, Consumer<HistoryEvent> listener) {
        return new ExecutionHistory(clock, listener, MAX_EVENTS);
    }

    /** A history with a smaller bound, for tests of the quota. */
    public static ExecutionHistory withLimit(RuntimeClock clock, Consumer<HistoryEvent> listener, int maxEvents) {
        if (maxEvents < 2) {
            throw new IllegalArgumentException("a history needs room for at least two events, got " + maxEvents);
        }
        return new ExecutionHistory(clock, listener, maxEvents);
    }

    /**
     * Appends a non-terminal event.
     *
     * @param detailsField the details field name ({@code stateEnteredEventDetails}, ...) or null for none
     * @return the event, with its id
     * @throws HistoryLimitExceededException if the event would take the last slot of the quota
     * @throws IllegalStateException if the execution already ended
     */
    public HistoryEvent append(String type, long previousEventId, String detailsField, ObjectNode details) {
        HistoryEvent event;
        synchronized (this) {
            if (closed) {
                throw new IllegalStateException("the execution has ended; no more events can be recorded");
            }
            if (events.size() >= maxEvents - 1) {
                throw new HistoryLimitExceededException();
            }
            event = add(type, previousEventId, detailsField, details);
        }
        listener.accept(event);
        return event;
    }

    /** Appends the execution's terminal event (ExecutionSucceeded, ...) and closes the history. */
    public HistoryEvent appendTerminal(String type, long previousEventId, String detailsField, ObjectNode details) {
        HistoryEvent event;
        synchronized (this) {
            if (closed) {
                throw new IllegalStateException("the execution has ended; no more events can be recorded");
            }
            closed = true;
            event = add(type, previousEventId, detailsField, details);
        }
        listener.accept(event);
        return event;
    }

    /**
     * Reopens the history of an ended execution with {@code type} (ExecutionRedriven), chained to the terminal event.
     *
     * @throws IllegalStateException if the execution has not ended
     * @throws HistoryLimitExceededException if the event would take the last slot of the quota
     */
    public HistoryEvent reopen(String type, String detailsField, ObjectNode details) {
        HistoryEvent event;
        synchronized (this) {
            if (!closed) {
                throw new IllegalStateException("the execution has not ended; it cannot be redriven");
            }
            if (events.size() >= maxEvents - 1) {
                throw new HistoryLimitExceededException();
            }
            closed = false;
            event = add(type, events.size(), detailsField, details);
        }
        listener.accept(event);
        return event;
    }

    /** A snapshot of the events so far, in id order. */
    public synchronized List<HistoryEvent> events() {
        return List.copyOf(events);
    }

    public synchronized int size() {
        return events.size();
    }

    /** The id of the last event appended, or 0 for none. */
    public synchronized long lastEventId() {
        return events.size();
    }

    private HistoryEvent add(String type, long previousEventId, String detailsField, ObjectNode details) {
        ObjectNode json = JsonNodeFactory.instance.objectNode();
        json.put("type", type);
        json.put("id", events.size() + 1L);
        json.put("previousEventId", previousEventId);
        if (detailsField != null) {
            json.set(detailsField, details == null ? JsonNodeFactory.instance.objectNode() : details);
        }
        HistoryEvent event = new HistoryEvent(clock.now(), json);
        events.add(event);
        return event;
    }
}
