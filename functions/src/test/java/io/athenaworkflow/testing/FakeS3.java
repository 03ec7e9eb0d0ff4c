package io.athenaworkflow.testing;

import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.core.sync.ResponseTransformer;
import software.amazon.awssdk.http.AbortableInputStream;
import software.amazon.awssdk.http.SdkHttpResponse;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.DeleteObjectsRequest;
import software.amazon.awssdk.services.s3.model.DeleteObjectsResponse;
import software.amazon.awssdk.services.s3.model.DeletedObject;
import software.amazon.awssdk.services.s3.model.GetObjectRequest;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Request;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Response;
import software.amazon.awssdk.services.s3.model.NoSuchBucketException;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.ObjectIdentifier;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;
import software.amazon.awssdk.services.s3.model.PutObjectResponse;
import software.amazon.awssdk.services.s3.model.S3Error;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.S3Object;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Set;
import java.util.TreeMap;

/**
 * An in-memory S3 behind the real {@link S3Client} interface: buckets with an owning account, objects, GetObject
 * through the caller's {@link ResponseTransformer}, ListObjectsV2 with prefix and continuation-token paging (a
 * small {@link #pageSize(int)} makes every listing span several pages), DeleteObjects with per-key errors, and
 * {@code ExpectedBucketOwner} checked on every call (a mismatch is S3's 403 AccessDenied).
 */
public final class FakeS3 implements S3Client {

    /** The account that owns buckets created without an explicit owner. */
    public static final String OWNER = "111122223333";
    public static final String GET = "GetObject";
    public static final String LIST = "ListObjectsV2";
    public static final String DELETE = "DeleteObjects";

    private final Map<String, String> owners = new HashMap<>();
    private final Map<String, NavigableMap<String, byte[]>> buckets = new HashMap<>();
    private final List<String> deleted = new ArrayList<>();
    private final Map<String, S3Error> deleteErrors = new LinkedHashMap<>();
    private final List<ListObjectsV2Request> listRequests = new ArrayList<>();
    private final List<GetObjectRequest> getRequests = new ArrayList<>();
    private final List<DeleteObjectsRequest> deleteRequests = new ArrayList<>();
    private final Map<String, Deque<AwsServiceException>> failures = new HashMap<>();
    private int pageSize = 1000;

    public FakeS3 bucket(String name) {
        return bucket(name, OWNER);
    }

    public FakeS3 bucket(String name, String ownerAccount) {
        owners.put(name, ownerAccount);
        buckets.putIfAbsent(name, new TreeMap<>());
        return this;
    }

    /** Stores an object, creating its bucket (owned by {@link #OWNER}) if needed. */
    public FakeS3 put(String bucket, String key, byte[] content) {
        if (!buckets.containsKey(bucket)) {
            bucket(bucket);
        }
        buckets.get(bucket).put(key, content.clone());
        return this;
    }

    public FakeS3 put(String bucket, String key, String utf8) {
        return put(bucket, key, utf8.getBytes(StandardCharsets.UTF_8));
    }

    /** Stores an object at an {@code s3://bucket/key} URI. */
    public FakeS3 put(String uri, String utf8) {
        String rest = uri.substring("s3://".length());
        int slash = rest.indexOf('/');
        return put(rest.substring(0, slash), rest.substring(slash + 1), utf8);
    }

    public boolean exists(String bucket, String key) {
        return buckets.containsKey(bucket) && buckets.get(bucket).containsKey(key);
    }

    /** The keys in a bucket, sorted. */
    public Set<String> keys(String bucket) {
        return Set.copyOf(buckets.getOrDefault(bucket, new TreeMap<>()).keySet());
    }

    /** The most keys one ListObjectsV2 page returns, whatever MaxKeys asks. */
    public FakeS3 pageSize(int pageSize) {
        this.pageSize = pageSize;
        return this;
    }

    /** DeleteObjects reports this error for {@code key} (and leaves the object in place). */
    public FakeS3 failDeleteOf(String key, String code, String message) {
        deleteErrors.put(key, S3Error.builder().key(key).code(code).message(message).build());
        return this;
    }

    /** The next call of {@code operation} throws {@code failure}. */
    public FakeS3 failNext(String operation, AwsServiceException failure) {
        failures.computeIfAbsent(operation, o -> new ArrayDeque<>()).add(failure);
        return this;
    }

    /** Every object DeleteObjects removed, as s3:// URIs, in order. */
    public List<String> deletedObjects() {
        return List.copyOf(deleted);
    }

    public List<ListObjectsV2Request> listRequests() {
        return List.copyOf(listRequests);
    }

    public List<GetObjectRequest> getRequests() {
        return List.copyOf(getRequests);
    }

    public List<DeleteObjectsRequest> deleteRequests() {
        return List.copyOf(deleteRequests);
    }

    @Override
    public <ReturnT> ReturnT getObject(GetObjectRequest request, ResponseTransformer<GetObjectResponse, ReturnT> transformer) {
        getRequests.add(request);
        enter(GET);
        NavigableMap<String, byte[]> objects = checkedBucket(request.bucket(), request.expectedBucketOwner());
        byte[] content = objects.get(request.key());
        if (content == null) {
            throw NoSuchKeyException.builder()
                    .message("The specified key does not exist.")
                    .statusCode(404)
                    .awsErrorDetails(details("NoSuchKey", "The specified key does not exist.", 404))
                    .build();
        }
        GetObjectResponse response = GetObjectResponse.builder()
                .contentLength((long) content.length)
                .contentType("application/octet-stream")
                .eTag("\"" + Integer.toHexString(java.util.Arrays.hashCode(content)) + "\"")
                .build();
        try {
            return transformer.transform(response, AbortableInputStream.create(new ByteArrayInputStream(content)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public PutObjectResponse putObject(PutObjectRequest request, RequestBody body) {
        NavigableMap<String, byte[]> objects = checkedBucket(request.bucket(), request.expectedBucketOwner());
        try (var in = body.contentStreamProvider().newStream()) {
            objects.put(request.key(), in.readAllBytes());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return PutObjectResponse.builder().eTag("\"etag\"").build();
    }

    @Override
    public ListObjectsV2Response listObjectsV2(ListObjectsV2Request request) {
        listRequests.add(request);
        enter(LIST);
        NavigableMap<String, byte[]> objects = checkedBucket(request.bucket(), request.expectedBucketOwner());
        String prefix = request.prefix() == null ? "" : request.prefix();
        String after = request.startAfter();
        if (request.continuationToken() != null) {
            try {
                after = new String(Base64.getDecoder().decode(request.continuationToken()), StandardCharsets.UTF_8);
            } catch (IllegalArgumentException e) {
                throw error(400, "InvalidArgument", "The continuation token provided is incorrect");
            }
        }
        int max = Math.min(request.maxKeys() == null ? 1000 : request.maxKeys(), pageSize);
        NavigableMap<String, byte[]> candidates = after == null ? objects.tailMap(prefix, true) : objects.tailMap(after, false);
        List<S3Object> contents = new ArrayList<>();
        boolean truncated = false;
        for (Map.Entry<String, byte[]> entry : candidates.entrySet()) {
            if (!entry.getKey().startsWith(prefix)) {
                if (entry.getKey().compareTo(prefix) > 0) {
                    break;
                }
                continue;
            }
            if (contents.size() == max) {
                truncated = true;
                break;
            }
            contents.add(S3Object.builder().key(entry.getKey()).size((long) entry.getValue().length).build());
        }
        ListObjectsV2Response.Builder response = ListObjectsV2Response.builder()
                .name(request.bucket())
                .prefix(request.prefix())
                .maxKeys(max)
                .keyCount(contents.size())
                .contents(contents)
                .isTruncated(truncated)
                .continuationToken(request.continuationToken());
        if (truncated) {
            String last = contents.getLast().key();
            response.nextContinuationToken(Base64.getEncoder().encodeToString(last.getBytes(StandardCharsets.UTF_8)));
        }
        return response.build();
    }

    @Override
    public DeleteObjectsResponse deleteObjects(DeleteObjectsRequest request) {
        deleteRequests.add(request);
        enter(DELETE);
        NavigableMap<String, byte[]> objects = checkedBucket(request.bucket(), request.expectedBucketOwner());
        List<ObjectIdentifier> identifiers = request.delete().objects();
        if (identifiers.isEmpty() || identifiers.size() > 1000) {
            throw error(400, "MalformedXML", "The XML you provided was not well-formed or did not validate against our"
                    + " published schema");
        }
        List<DeletedObject> done = new ArrayList<>();
        List<S3Error> errors = new ArrayList<>();
        for (ObjectIdentifier identifier : identifiers) {
            S3Error failure = deleteErrors.get(identifier.key());
            if (failure != null) {
                errors.add(failure);
                continue;
            }
            // S3 reports a key that does not exist as deleted too.
            objects.remove(identifier.key());
            deleted.add("s3://" + request.bucket() + "/" + identifier.key());
            done.add(DeletedObject.builder().key(identifier.key()).build());
        }
        boolean quiet = Boolean.TRUE.equals(request.delete().quiet());
        return DeleteObjectsResponse.builder().deleted(quiet ? List.of() : done).errors(errors).build();
    }

    @Override
    public String serviceName() {
        return SERVICE_NAME;
    }

    @Override
    public void close() {
    }

    private NavigableMap<String, byte[]> checkedBucket(String bucket, String expectedOwner) {
        NavigableMap<String, byte[]> objects = buckets.get(bucket);
        if (objects == null) {
            throw NoSuchBucketException.builder()
                    .message("The specified bucket does not exist")
                    .statusCode(404)
                    .awsErrorDetails(details("NoSuchBucket", "The specified bucket does not exist", 404))
                    .build();
        }
        if (expectedOwner != null && !expectedOwner.equals(owners.get(bucket))) {
            throw error(403, "AccessDenied", "Access Denied");
        }
        return objects;
    }

    private void enter(String operation) {
        Deque<AwsServiceException> queue = failures.get(operation);
        if (queue != null && !queue.isEmpty()) {
            throw queue.poll();
        }
    }

    /** An S3 error response as the SDK unmarshals it. */
    public static S3Exception error(int status, String code, String message) {
        return (S3Exception) S3Exception.builder()
                .message(message)
                .statusCode(status)
                .awsErrorDetails(details(code, message, status))
                .build();
    }

    private static AwsErrorDetails details(String code, String message, int status) {
        return AwsErrorDetails.builder()
                .errorCode(code)
                .errorMessage(message)
                .serviceName("S3")
                .sdkHttpResponse(SdkHttpResponse.builder().statusCode(status).build())
                .build();
    }
}
