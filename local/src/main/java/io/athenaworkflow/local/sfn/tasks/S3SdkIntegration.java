package io.athenaworkflow.local.sfn.tasks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.athenaworkflow.local.s3.BucketNotFoundException;
import io.athenaworkflow.local.s3.ObjectStore;
import io.athenaworkflow.local.s3.ObjectStoreException;
import io.athenaworkflow.local.sfn.asl.StatesError;
import io.athenaworkflow.local.sfn.asl.interpreter.TaskInvocation;
import io.athenaworkflow.local.sfn.asl.interpreter.TaskResource;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;

/**
 * {@code arn:aws:states:::aws-sdk:s3:ACTION} for the object actions a workflow needs, served from the local S3's
 * {@link ObjectStore} (so writes raise the same object-created notifications as a PutObject). Requests and responses
 * use the S3 API's PascalCase names; {@code Body} is text (Step Functions passes object content as a string).
 * Errors are named as the AWS SDK integrations name them: {@code S3.NoSuchKeyException},
 * {@code S3.NoSuchBucketException}, with the SDK 2.x Cause.
 */
final class S3SdkIntegration {

    private static final int MAX_KEYS = 1000;

    private final ObjectStore store;

    S3SdkIntegration(ObjectStore store) {
        this.store = store;
    }

    JsonNode invoke(TaskInvocation invocation) {
        TaskResource resource = invocation.resource();
        if (resource.pattern() != TaskResource.Pattern.REQUEST_RESPONSE) {
            throw TaskErrors.unsupported(resource.arn(), "AWS SDK integrations run request-response only locally");
        }
        if (store == null) {
            throw StatesError.runtime("No local S3 is configured in this runtime, so aws-sdk:s3 tasks cannot run;"
                    + " pass the ObjectStore to TaskServices");
        }
        if (!(invocation.arguments() instanceof ObjectNode request)) {
            throw StatesError.runtime("The Parameters/Arguments of " + resource.arn() + " in state '"
                    + invocation.stateName() + "' must be a JSON object, got "
                    + AwsResponses.text(invocation.arguments()));
        }
        return call(resource.resource(), request);
    }

    /**
     * Runs one S3 action on the local store (also how a Distributed Map's ItemReader reads), failing with the
     * S3.* errors the SDK integration raises on AWS.
     */
    JsonNode call(String action, ObjectNode request) {
        requireStore();
        try {
            return switch (action) {
                case "getObject" -> getObject(request);
                case "headObject" -> headObject(request);
                case "putObject" -> putObject(request);
                case "copyObject" -> copyObject(request);
                case "deleteObject" -> deleteObject(request);
                case "deleteObjects" -> deleteObjects(request);
                case "listObjectsV2" -> listObjectsV2(request);
                default -> throw TaskErrors.unsupported("arn:aws:states:::aws-sdk:s3:" + action, "the local S3 SDK"
                        + " integration implements getObject, headObject, putObject, copyObject, deleteObject, deleteObjects and"
                        + " listObjectsV2");
            };
        } catch (BucketNotFoundException e) {
            throw noSuchBucket(e.bucket());
        } catch (ObjectStoreException | UncheckedIOException e) {
            throw internalError(e);
        }
    }

    private void requireStore() {
        if (store == null) {
            throw StatesError.runtime("No local S3 is configured in this runtime, so S3 cannot be read or written;"
                    + " pass the ObjectStore to TaskServices");
        }
    }

    private static StatesError internalError(RuntimeException e) {
        return new StatesError("S3.S3Exception", AwsResponses.sdkV2Cause("We encountered an internal error."
                + " Please try again. (" + e.getMessage() + ")", "S3", 500, s3RequestId(), extendedRequestId()));
    }

    /**
     * The bytes of one object, failing as getObject does (a Distributed Map's ItemReader reads gzipped S3 inventory
     * files, which getObject's text Body cannot carry).
     */
    byte[] content(String bucket, String key) {
        requireStore();
        try {
            return read(existing(bucket, key, "The specified key does not exist."));
        } catch (BucketNotFoundException e) {
            throw noSuchBucket(e.bucket());
        } catch (ObjectStoreException | UncheckedIOException e) {
            throw internalError(e);
        }
    }

    private JsonNode getObject(ObjectNode request) {
        String bucket = required(request, "Bucket");
        String key = required(request, "Key");
        if (request.hasNonNull("Range")) {
            throw StatesError.runtime("aws-sdk:s3:getObject with Range is not supported by the local runtime;"
                    + " read the whole object");
        }
        Path file = existing(bucket, key, "The specified key does not exist.");
        byte[] content = read(file);
        ObjectNode output = objectHeaders(file, content.length, etag(content));
        output.put("Body", new String(content, StandardCharsets.UTF_8));
        return output;
    }

    private JsonNode headObject(ObjectNode request) {
        String bucket = required(request, "Bucket");
        String key = required(request, "Key");
        // A HEAD response has no body, so the SDK has no message: AWS shows "null" in the Cause.
        Path file = existing(bucket, key, "null");
        byte[] content = read(file);
        return objectHeaders(file, content.length, etag(content));
    }

    private JsonNode putObject(ObjectNode request) {
        String bucket = required(request, "Bucket");
        String key = required(request, "Key");
        JsonNode body = request.get("Body");
        byte[] content = body == null || body.isNull() ? new byte[0]
                : body.isTextual() ? body.asText().getBytes(StandardCharsets.UTF_8) : AwsResponses.bytes(body);
        String contentType = request.hasNonNull("ContentType") ? request.get("ContentType").asText() : null;
        requireBucket(bucket);
        store.put(bucket, key, content, contentType);
        ObjectNode output = AwsResponses.NODES.objectNode();
        output.put("ETag", etag(content));
        return output;
    }

    private JsonNode copyObject(ObjectNode request) {
        String bucket = required(request, "Bucket");
        String key = required(request, "Key");
        String source = required(request, "CopySource");
        String decoded = URLDecoder.decode(source.replace("+", "%2B"), StandardCharsets.UTF_8);
        if (decoded.startsWith("/")) {
            decoded = decoded.substring(1);
        }
        int slash = decoded.indexOf('/');
        if (slash <= 0 || slash == decoded.length() - 1) {
            throw new StatesError("S3.S3Exception", AwsResponses.sdkV2Cause("Invalid copy source object key", "S3",
                    400, s3RequestId(), extendedRequestId()));
        }
        String sourceBucket = decoded.substring(0, slash);
        String sourceKey = decoded.substring(slash + 1);
        Path file = existing(sourceBucket, sourceKey, "The specified key does not exist.");
        requireBucket(bucket);
        byte[] content = read(file);
        store.put(bucket, key, content, request.hasNonNull("ContentType") ? request.get("ContentType").asText() : null);
        ObjectNode output = AwsResponses.NODES.objectNode();
        ObjectNode result = output.putObject("CopyObjectResult");
        result.put("ETag", etag(content));
        result.put("LastModified", lastModified(store.file(bucket, key).orElse(file)));
        return output;
    }

    private JsonNode deleteObject(ObjectNode request) {
        String bucket = required(request, "Bucket");
        String key = required(request, "Key");
        requireBucket(bucket);
        store.delete(bucket, key);
        return AwsResponses.NODES.objectNode();
    }

    private JsonNode deleteObjects(ObjectNode request) {
        String bucket = required(request, "Bucket");
        JsonNode objects = request.path("Delete").path("Objects");
        if (!objects.isArray()) {
            throw sdkClientError("Parameter 'Delete.Objects' must be a list of {\"Key\": ...} objects");
        }
        boolean quiet = request.path("Delete").path("Quiet").asBoolean(false);
        requireBucket(bucket);
        ObjectNode output = AwsResponses.NODES.objectNode();
        ArrayNode deleted = AwsResponses.NODES.arrayNode();
        for (JsonNode object : objects) {
            JsonNode key = object.get("Key");
            if (key == null || !key.isTextual()) {
                throw sdkClientError("Every entry of Delete.Objects needs a Key");
            }
            store.delete(bucket, key.asText());
            deleted.addObject().put("Key", key.asText());
        }
        if (!quiet && !deleted.isEmpty()) {
            output.set("Deleted", deleted);
        }
        return output;
    }

    private JsonNode listObjectsV2(ObjectNode request) {
        String bucket = required(request, "Bucket");
        String prefix = request.hasNonNull("Prefix") ? request.get("Prefix").asText() : "";
        String delimiter = request.hasNonNull("Delimiter") ? request.get("Delimiter").asText() : null;
        int maxKeys = request.hasNonNull("MaxKeys") ? Math.min(request.get("MaxKeys").asInt(), MAX_KEYS) : MAX_KEYS;
        String token = request.hasNonNull("ContinuationToken") ? request.get("ContinuationToken").asText() : null;
        String startAfter = request.hasNonNull("StartAfter") ? request.get("StartAfter").asText() : null;
        String after = startAfter;
        if (token != null) {
            try {
                after = new String(Base64.getDecoder().decode(token), StandardCharsets.UTF_8);
            } catch (IllegalArgumentException e) {
                throw new StatesError("S3.S3Exception", AwsResponses.sdkV2Cause("The continuation token provided is"
                        + " incorrect", "S3", 400, s3RequestId(), extendedRequestId()));
            }
        }
        List<String> keys = store.listKeys(bucket, prefix);
        ArrayNode contents = AwsResponses.NODES.arrayNode();
        Set<String> commonPrefixes = new LinkedHashSet<>();
        String last = null;
        boolean truncated = false;
        int count = 0;
        for (String key : keys) {
            if (after != null && key.compareTo(after) <= 0) {
                continue;
            }
            String group = null;
            if (delimiter != null && !delimiter.isEmpty()) {
                int at = key.indexOf(delimiter, prefix.length());
                if (at >= 0) {
                    group = key.substring(0, at + delimiter.length());
                }
            }
            if (group != null && commonPrefixes.contains(group)) {
                last = key;
                continue;
            }
            if (count == maxKeys) {
                truncated = true;
                break;
            }
            if (group != null) {
                commonPrefixes.add(group);
            } else {
                Optional<Path> file = store.file(bucket, key);
                if (file.isEmpty()) {
                    continue;
                }
                byte[] content = read(file.get());
                ObjectNode entry = contents.addObject();
                entry.put("Key", key);
                entry.put("LastModified", lastModified(file.get()));
                entry.put("ETag", etag(content));
                entry.put("Size", content.length);
                entry.put("StorageClass", "STANDARD");
            }
            count++;
            last = key;
        }
        ObjectNode output = AwsResponses.NODES.objectNode();
        if (!contents.isEmpty()) {
            output.set("Contents", contents);
        }
        if (!commonPrefixes.isEmpty()) {
            ArrayNode prefixes = output.putArray("CommonPrefixes");
            commonPrefixes.forEach(p -> prefixes.addObject().put("Prefix", p));
        }
        if (token != null) {
            output.put("ContinuationToken", token);
        }
        if (delimiter != null) {
            output.put("Delimiter", delimiter);
        }
        output.put("IsTruncated", truncated);
        output.put("KeyCount", count);
        output.put("MaxKeys", maxKeys);
        output.put("Name", bucket);
        if (truncated && last != null) {
            output.put("NextContinuationToken",
                    Base64.getEncoder().encodeToString(last.getBytes(StandardCharsets.UTF_8)));
        }
        output.put("Prefix", prefix);
        if (startAfter != null) {
            output.put("StartAfter", startAfter);
        }
        return output;
    }

    private ObjectNode objectHeaders(Path file, long length, String etag) {
        ObjectNode output = AwsResponses.NODES.objectNode();
        output.put("AcceptRanges", "bytes");
        output.put("ContentLength", length);
        output.put("ETag", etag);
        output.put("LastModified", lastModified(file));
        output.putObject("Metadata");
        return output;
    }

    private Path existing(String bucket, String key, String missingKeyMessage) {
        requireBucket(bucket);
        return store.file(bucket, key).orElseThrow(() -> new StatesError("S3.NoSuchKeyException",
                AwsResponses.sdkV2Cause(missingKeyMessage, "S3", 404, s3RequestId(), extendedRequestId())));
    }

    private void requireBucket(String bucket) {
        if (!store.bucketExists(bucket)) {
            throw noSuchBucket(bucket);
        }
    }

    private static StatesError noSuchBucket(String bucket) {
        return new StatesError("S3.NoSuchBucketException", AwsResponses.sdkV2Cause(
                "The specified bucket does not exist", "S3", 404, s3RequestId(), extendedRequestId()));
    }

    /** A missing required member: the SDK refuses to send the request. */
    private static String required(ObjectNode request, String field) {
        JsonNode value = request.get(field);
        if (value == null || value.isNull() || value.isTextual() && value.asText().isEmpty()) {
            throw sdkClientError("Parameter '" + field + "' must not be null or empty");
        }
        if (!value.isTextual()) {
            throw sdkClientError("Parameter '" + field + "' must be a string, got " + AwsResponses.text(value));
        }
        return value.asText();
    }

    private static StatesError sdkClientError(String message) {
        return new StatesError("S3.SdkClientException", message);
    }

    private static byte[] read(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    private static String lastModified(Path file) {
        try {
            Instant modified = Files.getLastModifiedTime(file).toInstant().truncatedTo(ChronoUnit.SECONDS);
            return modified.toString();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot stat " + file, e);
        }
    }

    /** S3's ETag of a single-part object: the quoted MD5 of its content. */
    private static String etag(byte[] content) {
        try {
            return "\"" + HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(content)) + "\"";
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("MD5 is a required JDK algorithm", e);
        }
    }

    private static String s3RequestId() {
        return HexFormat.of().withUpperCase().formatHex(randomBytes(8));
    }

    private static String extendedRequestId() {
        return Base64.getEncoder().encodeToString(randomBytes(57));
    }

    private static byte[] randomBytes(int n) {
        byte[] bytes = new byte[n];
        ThreadLocalRandom.current().nextBytes(bytes);
        return bytes;
    }
}
