package io.athenaworkflow.local.sfn.tasks;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The envelope pieces Step Functions adds to service responses and errors: the AWS SDK for Java 1.x
 * {@code SdkHttpMetadata}/{@code SdkResponseMetadata} objects of optimized integrations, and the Cause texts the SDKs
 * build from a service error (1.x: {@code "msg (Service: AWSLambda; Status Code: 404; Error Code: ...; Request ID:
 * ...; Proxy: null)"}, 2.x for {@code aws-sdk:*}: {@code "msg (Service: S3, Status Code: 404, Request ID: ...)"}).
 */
final class AwsResponses {

    static final ObjectMapper JSON = new ObjectMapper();
    static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    // HTTP dates always have a two-digit day (RFC 7231 IMF-fixdate); RFC_1123_DATE_TIME would print "7 Mar".
    private static final DateTimeFormatter HTTP_DATE =
            DateTimeFormatter.ofPattern("EEE, dd MMM yyyy HH:mm:ss 'GMT'", Locale.US).withZone(ZoneOffset.UTC);

    private AwsResponses() {
    }

    static String requestId() {
        return UUID.randomUUID().toString();
    }

    static String httpDate(Instant instant) {
        return HTTP_DATE.format(instant);
    }

    /** An X-Ray trace header value as Lambda sends it: {@code root=1-<epoch hex>-<24 hex>;sampled=0}. */
    static String traceId(Instant now) {
        byte[] random = new byte[12];
        ThreadLocalRandom.current().nextBytes(random);
        return "root=1-" + Long.toHexString(now.getEpochSecond()) + "-" + HexFormat.of().formatHex(random)
                + ";sampled=0";
    }

    /**
     * {@code SdkHttpMetadata} as the AWS SDK for Java 1.x serialises it: {@code AllHttpHeaders} (every header as a
     * list, in arrival order), {@code HttpHeaders} (first values, sorted case-insensitively) and the status.
     */
    static ObjectNode sdkHttpMetadata(Map<String, String> headers, int status) {
        ObjectNode metadata = NODES.objectNode();
        ObjectNode all = metadata.putObject("AllHttpHeaders");
        headers.forEach((name, value) -> all.putArray(name).add(value));
        ObjectNode single = metadata.putObject("HttpHeaders");
        Map<String, String> sorted = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        sorted.putAll(headers);
        sorted.forEach(single::put);
        metadata.put("HttpStatusCode", status);
        return metadata;
    }

    static ObjectNode sdkResponseMetadata(String requestId) {
        ObjectNode metadata = NODES.objectNode();
        metadata.put("RequestId", requestId);
        return metadata;
    }

    /** The Cause the AWS SDK for Java 1.x gives a service error (used by optimized integrations). */
    static String sdkV1Cause(String message, String service, int status, String errorCode, String requestId) {
        return message + " (Service: " + service + "; Status Code: " + status + "; Error Code: " + errorCode
                + "; Request ID: " + requestId + "; Proxy: null)";
    }

    /** The Cause the AWS SDK for Java 2.x gives a service error (used by {@code aws-sdk:*} integrations). */
    static String sdkV2Cause(String message, String service, int status, String requestId, String extendedId) {
        return message + " (Service: " + service + ", Status Code: " + status + ", Request ID: " + requestId
                + (extendedId == null ? "" : ", Extended Request ID: " + extendedId) + ")";
    }

    static byte[] bytes(JsonNode node) {
        try {
            return JSON.writeValueAsBytes(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise a JSON tree", e);
        }
    }

    static String text(JsonNode node) {
        return new String(bytes(node), StandardCharsets.UTF_8);
    }

    /** The JSON value of {@code bytes}, or null when they are not JSON. */
    static JsonNode parseOrNull(byte[] bytes) {
        if (bytes.length == 0) {
            return null;
        }
        try {
            return JSON.readTree(bytes);
        } catch (java.io.IOException notJson) {
            return null;
        }
    }
}
