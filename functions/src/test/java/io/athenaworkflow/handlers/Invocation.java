package io.athenaworkflow.handlers;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.fasterxml.jackson.databind.JsonNode;
import io.athenaworkflow.testing.TestJson;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** Calls a handler the way the Lambda Java runtime does: payload bytes in, response bytes out. */
final class Invocation {

    private Invocation() {
    }

    /** The response bytes as UTF-8 text. */
    static String raw(RequestStreamHandler handler, String payload, Context context) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            handler.handleRequest(new ByteArrayInputStream(payload.getBytes(StandardCharsets.UTF_8)), out, context);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    /** The response parsed as JSON. */
    static JsonNode invoke(RequestStreamHandler handler, String payload, Context context) {
        return TestJson.strict(raw(handler, payload, context));
    }

    static JsonNode invoke(RequestStreamHandler handler, String payload) {
        return invoke(handler, payload, null);
    }
}
