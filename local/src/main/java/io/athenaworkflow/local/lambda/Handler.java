package io.athenaworkflow.local.lambda;

import java.io.InputStream;
import java.io.OutputStream;
import java.lang.reflect.Method;

/** A loaded handler: either a method to call per invocation, or a fault the runtime reports instead. */
sealed interface Handler {

    /**
     * A stream handler method: {@code (InputStream, OutputStream, Context)} or {@code (InputStream, OutputStream)}.
     *
     * @param instance the handler object, or null for a static method
     * @param method the method
     * @param contextType the jar's Context interface when the method takes one, else null
     */
    record Stream(Object instance, Method method, Class<?> contextType) implements Handler {

        Object[] arguments(InputStream in, OutputStream out, Object context) {
            return contextType == null ? new Object[] {in, out} : new Object[] {in, out, context};
        }
    }

    /**
     * A fault: the handler could not be loaded or created.
     *
     * @param message errorMessage
     * @param type errorType, or null
     * @param trace the printed stack trace for the log, or null
     * @param fatal true for init errors (the environment is discarded and the next invocation initializes again),
     *     false for faults reported on every invocation (class not found, no suitable method)
     */
    record Fault(String message, String type, String trace, boolean fatal) implements Handler {
    }
}
