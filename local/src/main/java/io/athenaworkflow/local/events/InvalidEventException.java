package io.athenaworkflow.local.events;

/** Thrown when an event put on the bus lacks what EventBridge requires: a JSON object with source, detail-type and detail. */
public final class InvalidEventException extends IllegalArgumentException {

    public InvalidEventException(String message) {
        super(message);
    }
}
