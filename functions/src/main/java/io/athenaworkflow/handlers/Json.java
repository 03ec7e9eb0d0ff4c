package io.athenaworkflow.handlers;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.MissingNode;
import io.athenaworkflow.athena.errors.InvalidInputException;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/**
 * The one JSON mapper of every handler: payloads are read and written as trees (no reflection-built serialisers
 * to load on a cold start), so the bytes are the same on AWS and in the embedded runtime.
 */
public final class Json {

    public static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .build();

    private Json() {
    }

    /** Reads a payload; an empty one is a missing node. */
    public static JsonNode read(InputStream in) throws IOException {
        byte[] bytes = in.readAllBytes();
        if (bytes.length == 0) {
            return MissingNode.getInstance();
        }
        try {
            return MAPPER.readTree(bytes);
        } catch (JsonProcessingException e) {
            throw new InvalidInputException("The payload is not valid JSON: " + e.getOriginalMessage());
        }
    }

    public static void write(OutputStream out, JsonNode value) throws IOException {
        MAPPER.writeValue(out, value);
    }
}
