package io.athenaworkflow.local.events;

/** Thrown when a rule's event pattern is not one EventBridge accepts (the message is the pattern compiler's reason). */
public final class InvalidEventPatternException extends IllegalArgumentException {

    public InvalidEventPatternException(String message) {
        super(message);
    }
}
