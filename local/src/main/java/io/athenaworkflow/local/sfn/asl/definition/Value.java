package io.athenaworkflow.local.sfn.asl.definition;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A single-valued state field (Seconds, Timestamp, TimeoutSeconds, Error, Cause, MaxConcurrency, Items, ...), as
 * written: a literal, a JSONPath reference path (the {@code ...Path} form; ErrorPath/CausePath may also be an
 * intrinsic function) or a JSONata template. {@code field} is the field's name as written, for error messages.
 */
public sealed interface Value permits Value.Literal, Value.Path, Value.Jsonata {

    String field();

    record Literal(String field, JsonNode value) implements Value {
    }

    record Path(String field, String path) implements Value {
    }

    record Jsonata(String field, JsonNode template) implements Value {
    }
}
