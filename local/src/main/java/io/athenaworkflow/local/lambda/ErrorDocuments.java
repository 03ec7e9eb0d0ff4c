package io.athenaworkflow.local.lambda;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * Error documents exactly as the Lambda Java runtime (aws-lambda-java-runtime-interface-client) writes them: for a
 * thrown exception {@code {"errorMessage", "errorType", "stackTrace"}} with the runtime's own frames cut off; for the
 * runtime's faults (class not found, init failures) {@code {"errorMessage", "errorType"}} without a stack trace; for a
 * timeout Lambda's {@code Sandbox.Timedout} document.
 */
final class ErrorDocuments {

    static final ObjectMapper JSON = JsonMapper.builder().build();
    /** Frames of this package (the local runtime) are cut from stack traces, as the runtime cuts its own. */
    private static final String RUNTIME_PACKAGE = ErrorDocuments.class.getPackageName() + ".";
    static final String TIMEOUT_TYPE = "Sandbox.Timedout";
    static final String RESPONSE_TOO_LARGE_TYPE = "Function.ResponseSizeTooLarge";
    static final int MAX_RESPONSE_BYTES = 6_291_556;

    private ErrorDocuments() {
    }

    /** A thrown exception or error: message, fully qualified class name and the filtered stack trace. */
    static byte[] thrown(Throwable error) {
        ObjectNode document = JSON.createObjectNode();
        document.put("errorMessage", message(error));
        document.put("errorType", error.getClass().getName());
        ArrayNode trace = document.putArray("stackTrace");
        for (StackTraceElement frame : filtered(error.getStackTrace())) {
            trace.add(frame.toString());
        }
        return write(document);
    }

    /** A fault the runtime reports itself (no stack trace); {@code type} may be null. */
    static byte[] fault(String message, String type) {
        ObjectNode document = JSON.createObjectNode();
        document.put("errorMessage", message);
        if (type != null) {
            document.put("errorType", type);
        }
        return write(document);
    }

    static byte[] timeout(String requestId, int timeoutSeconds) {
        ObjectNode document = JSON.createObjectNode();
        document.put("errorType", TIMEOUT_TYPE);
        document.put("errorMessage", "RequestId: " + requestId + " Error: " + timeoutMessage(timeoutSeconds));
        return write(document);
    }

    static String timeoutMessage(int timeoutSeconds) {
        return String.format(Locale.ROOT, "Task timed out after %.2f seconds", (double) timeoutSeconds);
    }

    static byte[] responseTooLarge() {
        ObjectNode document = JSON.createObjectNode();
        document.put("errorMessage", "Response payload size exceeded maximum allowed payload size ("
                + MAX_RESPONSE_BYTES + " bytes).");
        document.put("errorType", RESPONSE_TOO_LARGE_TYPE);
        return write(document);
    }

    /** The runtime's message for an exception: its localized message, else its class name. */
    static String message(Throwable error) {
        return error.getLocalizedMessage() == null ? error.getClass().getName() : error.getLocalizedMessage();
    }

    /** What the runtime logs for an error: message, type and the printed stack trace. */
    static String reportable(Throwable error) {
        StringWriter trace = new StringWriter();
        error.setStackTrace(filtered(error.getStackTrace()));
        error.printStackTrace(new PrintWriter(trace));
        return message(error) + ": " + error.getClass().getName() + "\n" + trace;
    }

    /**
     * The frames above the first one of the local runtime, each without its class loader's name (the Lambda runtime's
     * customer class loader is unnamed, so its frames print as {@code pkg.Class.method(File.java:12)}).
     */
    static StackTraceElement[] filtered(StackTraceElement[] frames) {
        int end = frames.length;
        for (int i = 0; i < frames.length; i++) {
            if (frames[i].getClassName().startsWith(RUNTIME_PACKAGE)) {
                end = i;
                break;
            }
        }
        StackTraceElement[] kept = new StackTraceElement[end];
        for (int i = 0; i < end; i++) {
            StackTraceElement frame = frames[i];
            kept[i] = new StackTraceElement(null, frame.getModuleName(), null, frame.getClassName(),
                    frame.getMethodName(), frame.getFileName(), frame.getLineNumber());
        }
        return kept;
    }

    private static byte[] write(ObjectNode document) {
        try {
            return JSON.writeValueAsString(document).getBytes(StandardCharsets.UTF_8);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Cannot write an error document", e);
        }
    }
}
