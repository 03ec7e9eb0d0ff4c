package io.athenaworkflow.athena.start;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.athenaworkflow.athena.config.S3Location;
import io.athenaworkflow.athena.config.WorkflowDefaults;
import io.athenaworkflow.athena.errors.AwsErrors;
import io.athenaworkflow.athena.errors.AwsService;
import io.athenaworkflow.athena.errors.InvalidEventException;
import io.athenaworkflow.athena.errors.InvalidInputException;
import io.athenaworkflow.athena.errors.QueryFileNotFoundException;
import software.amazon.awssdk.core.ResponseInputStream;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Locale;

/**
 * Turns an execution input into a {@link QueryRequest}: either the request itself, or an EventBridge
 * "Object Created" event whose object is a {@code .sql} file (the query; everything else from the defaults) or a
 * {@code .json} file (a whole request).
 */
public final class TriggerEvents {

    /** Largest {@code .json} request object read. */
    static final int MAX_REQUEST_OBJECT_BYTES = 1_048_576;

    private static final byte[] BOM = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};

    private final S3Client s3;
    private final ObjectMapper mapper;
    private final WorkflowDefaults defaults;

    public TriggerEvents(S3Client s3, ObjectMapper mapper, WorkflowDefaults defaults) {
        this.s3 = s3;
        this.mapper = mapper;
        this.defaults = defaults;
    }

    /** Whether {@code input} is an EventBridge event rather than a request. */
    public static boolean isEvent(JsonNode input) {
        return input != null && input.isObject() && input.has("detail-type") && input.has("detail");
    }

    /**
     * @throws InvalidEventException for an event that is not an S3 "Object Created" event with bucket and key
     * @throws InvalidInputException for an object that is empty, too large, not UTF-8, of another type, or a
     *     .json request with bad fields
     * @throws QueryFileNotFoundException when the object no longer exists
     */
    public QueryRequest read(JsonNode input) {
        if (!isEvent(input)) {
            return QueryRequest.parse(input, defaults);
        }
        S3Location object = objectOf(input);
        String name = object.key().toLowerCase(Locale.ROOT);
        if (name.endsWith(".sql")) {
            String sql = text(object, QueryRequest.MAX_SQL_BYTES);
            if (sql.isBlank()) {
                throw new InvalidInputException("The query file " + object + " is empty: write the query into it.");
            }
            return QueryRequest.parse(mapper.createObjectNode().put("sql", QueryRequest.sql(sql)), defaults);
        }
        if (name.endsWith(".json")) {
            String text = text(object, MAX_REQUEST_OBJECT_BYTES);
            JsonNode request;
            try {
                // Trailing content (a second object, a stray paste) would otherwise be ignored silently.
                request = mapper.reader().with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS).readTree(text);
            } catch (IOException e) {
                throw new InvalidInputException("The request file " + object + " is not valid JSON: " + e.getMessage());
            }
            return QueryRequest.parse(request, defaults);
        }
        throw new InvalidInputException("The object " + object + " is neither a .sql query nor a .json request; narrow the"
                + " trigger rule's suffix filter to those.");
    }

    private static S3Location objectOf(JsonNode event) {
        String detailType = event.path("detail-type").asText();
        if (!"Object Created".equals(detailType) || !"aws.s3".equals(event.path("source").asText())) {
            throw new InvalidEventException("StartQuery accepts only S3 'Object Created' events (source aws.s3), but got '"
                    + detailType + "' from '" + event.path("source").asText() + "'.");
        }
        String bucket = event.path("detail").path("bucket").path("name").asText("");
        String key = event.path("detail").path("object").path("key").asText("");
        if (bucket.isEmpty() || key.isEmpty()) {
            throw new InvalidEventException("The 'Object Created' event lacks detail.bucket.name or detail.object.key.");
        }
        try {
            return new S3Location(bucket, key);
        } catch (IllegalArgumentException e) {
            throw new InvalidEventException("The 'Object Created' event names an invalid bucket: " + bucket);
        }
    }

    /** The object's text: at most {@code maxBytes} of UTF-8 after an optional byte-order mark. */
    private String text(S3Location object, int maxBytes) {
        byte[] bytes;
        try (ResponseInputStream<GetObjectResponse> in = s3.getObject(b -> b.bucket(object.bucket()).key(object.key())
                .expectedBucketOwner(defaults.expectedBucketOwner()))) {
            bytes = in.readNBytes(BOM.length + maxBytes + 1);
        } catch (NoSuchKeyException e) {
            throw new QueryFileNotFoundException("The object " + object + " named by the event no longer exists; it was"
                    + " deleted or renamed before the execution read it.", e);
        } catch (SdkException e) {
            throw AwsErrors.translate(e, AwsService.S3, "GetObject " + object);
        } catch (IOException e) {
            throw AwsErrors.readFailed(AwsService.S3, "GetObject " + object, e);
        }
        int start = Arrays.equals(bytes, 0, Math.min(BOM.length, bytes.length), BOM, 0, BOM.length) ? BOM.length : 0;
        if (bytes.length - start > maxBytes) {
            throw new InvalidInputException("The object " + object + " is larger than " + maxBytes + " bytes, the most"
                    + " this workflow reads for a query or request.");
        }
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes, start, bytes.length - start))
                    .toString();
        } catch (CharacterCodingException e) {
            throw new InvalidInputException("The object " + object + " is not valid UTF-8 text; save it as UTF-8.");
        }
    }
}
