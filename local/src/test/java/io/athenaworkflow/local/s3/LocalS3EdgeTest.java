package io.athenaworkflow.local.s3;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.athenaworkflow.local.edge.EdgeConfig;
import io.athenaworkflow.local.edge.EdgeServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3Configuration;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.ObjectIdentifier;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.S3Object;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;

class LocalS3EdgeTest {

    private LocalS3 s3;
    private EdgeServer edge;
    private S3Client client;
    private final List<ObjectCreated> events = new CopyOnWriteArrayList<>();

    @BeforeEach
    void start() {
        s3 = LocalS3.start(LocalS3Config.temporary());
        s3.onObjectCreated(events::add);
        edge = EdgeServer.start(EdgeConfig.anyFreePort(), s3.servlet());
        client = S3Client.builder()
                .endpointOverride(edge.endpoint())
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDEXAMPLE", "secret")))
                .httpClient(UrlConnectionHttpClient.create())
                .build();
    }

    @AfterEach
    void stop() {
        client.close();
        edge.close();
        s3.close();
    }

    @Test
    void putObject_whenReadBack_returnsSameBytesAndNotifies() {
        client.createBucket(b -> b.bucket("data"));
        client.putObject(b -> b.bucket("data").key("dir/a b+c.txt"), RequestBody.fromString("hello world"));

        String read = client.getObjectAsBytes(b -> b.bucket("data").key("dir/a b+c.txt")).asUtf8String();

        assertThat(read).isEqualTo("hello world");
        assertThat(events).singleElement().satisfies(e -> {
            assertThat(e.bucket()).isEqualTo("data");
            assertThat(e.key()).isEqualTo("dir/a b+c.txt");
            assertThat(e.size()).isEqualTo(11);
            assertThat(e.reason()).isEqualTo("PutObject");
            assertThat(e.etag()).isEqualTo("5eb63bbbe01eeed093cb22bb8f5acdc3");
        });
        assertThat(s3.file("data", "dir/a b+c.txt")).hasValueSatisfying(p -> assertThat(p).hasContent("hello world"));
    }

    @Test
    void putObject_whenAwsChunkedUnderEveryContentType_storesSentBytes() {
        client.createBucket(b -> b.bucket("data"));
        byte[] body = new byte[70_000];
        for (int i = 0; i < body.length; i++) {
            body[i] = (byte) i;
        }
        List<String> contentTypes = List.of("application/x-www-form-urlencoded", "multipart/form-data; boundary=x",
                "text/plain", "application/json", "application/octet-stream", "image/png");
        for (String contentType : contentTypes) {
            String key = "chunked/" + contentType.replace('/', '_');
            // The Java SDK sends a streamed body over plain HTTP as aws-chunked with a trailing checksum.
            client.putObject(b -> b.bucket("data").key(key).contentType(contentType),
                    RequestBody.fromInputStream(new java.io.ByteArrayInputStream(body), body.length));
            client.putObject(b -> b.bucket("data").key(key + "-empty").contentType(contentType),
                    RequestBody.fromBytes(new byte[0]));

            assertThat(client.getObjectAsBytes(b -> b.bucket("data").key(key)).asByteArray()).isEqualTo(body);
            assertThat(client.getObjectAsBytes(b -> b.bucket("data").key(key + "-empty")).asByteArray()).isEmpty();
        }
    }

    @Test
    void putObject_whenManyUploadsReuseConnections_storesAndNotifiesEachExactlyOnce() {
        client.createBucket(b -> b.bucket("data"));
        int uploads = 200;

        for (int i = 0; i < uploads; i++) {
            String key = "many/" + i + ".sql";
            client.putObject(b -> b.bucket("data").key(key), RequestBody.fromString("SELECT " + i));
        }

        // The SDK's default aws-chunked uploads with a trailing checksum must never be retried into duplicates.
        assertThat(events).hasSize(uploads);
        assertThat(events).extracting(ObjectCreated::key).doesNotHaveDuplicates();
    }

    @Test
    void getObject_whenBucketBelongsToAnotherAccount_answersAccessDeniedToTheWrongExpectedOwner() {
        s3.createBucket("theirs", "111111111111");
        s3.put("theirs", "q.sql", "SELECT 1".getBytes(java.nio.charset.StandardCharsets.UTF_8), "text/plain");

        assertThatThrownBy(() -> client.getObjectAsBytes(b -> b.bucket("theirs").key("q.sql")
                .expectedBucketOwner(s3.accountId())))
                .isInstanceOfSatisfying(software.amazon.awssdk.services.s3.model.S3Exception.class, e -> {
                    assertThat(e.statusCode()).isEqualTo(403);
                    assertThat(e.awsErrorDetails().errorCode()).isEqualTo("AccessDenied");
                });
        assertThat(client.getObjectAsBytes(b -> b.bucket("theirs").key("q.sql").expectedBucketOwner("111111111111"))
                .asUtf8String()).isEqualTo("SELECT 1");
    }

    @Test
    void multipartUpload_whenCompleted_storesConcatenationAndNotifiesOnce() {
        client.createBucket(b -> b.bucket("data"));
        String upload = client.createMultipartUpload(b -> b.bucket("data").key("big.bin")).uploadId();
        byte[] part1 = new byte[5 * 1024 * 1024];
        java.util.Arrays.fill(part1, (byte) 'a');
        String e1 = client.uploadPart(b -> b.bucket("data").key("big.bin").uploadId(upload).partNumber(1),
                RequestBody.fromBytes(part1)).eTag();
        String e2 = client.uploadPart(b -> b.bucket("data").key("big.bin").uploadId(upload).partNumber(2),
                RequestBody.fromString("tail")).eTag();
        client.completeMultipartUpload(b -> b.bucket("data").key("big.bin").uploadId(upload)
                .multipartUpload(m -> m.parts(CompletedPart.builder().partNumber(1).eTag(e1).build(),
                        CompletedPart.builder().partNumber(2).eTag(e2).build())));

        assertThat(client.headObject(b -> b.bucket("data").key("big.bin")).contentLength()).isEqualTo(part1.length + 4);
        assertThat(events).singleElement().satisfies(e -> {
            assertThat(e.reason()).isEqualTo("CompleteMultipartUpload");
            assertThat(e.size()).isEqualTo(part1.length + 4);
        });
        assertThat(s3.listKeys("data", "")).containsExactly("big.bin");
    }

    @Test
    void listAndDeleteObjects_whenPrefixed_removeOnlyThose() {
        client.createBucket(b -> b.bucket("data"));
        for (String key : List.of("a/1", "a/2", "b/1")) {
            client.putObject(b -> b.bucket("data").key(key), RequestBody.fromString(key));
        }
        List<String> listed = client.listObjectsV2Paginator(b -> b.bucket("data").prefix("a/")).contents().stream()
                .map(S3Object::key).toList();
        client.deleteObjects(b -> b.bucket("data").delete(d -> d.objects(
                listed.stream().map(k -> ObjectIdentifier.builder().key(k).build()).toList())));

        assertThat(listed).containsExactly("a/1", "a/2");
        assertThat(s3.listKeys("data", "")).containsExactly("b/1");
        assertThatThrownBy(() -> client.getObject(b -> b.bucket("data").key("a/1")))
                .isInstanceOf(NoSuchKeyException.class);
    }

    @Test
    void expectedBucketOwner_whenOtherAccount_isAccessDenied() {
        client.createBucket(b -> b.bucket("data"));
        client.putObject(b -> b.bucket("data").key("k").expectedBucketOwner("000000000000"), RequestBody.fromString("x"));

        assertThatThrownBy(() -> client.getObject(b -> b.bucket("data").key("k").expectedBucketOwner("111122223333")))
                .isInstanceOfSatisfying(S3Exception.class, e -> {
                    assertThat(e.statusCode()).isEqualTo(403);
                    assertThat(e.awsErrorDetails().errorCode()).isEqualTo("AccessDenied");
                });
    }

    @Test
    void copyObject_whenCopied_notifiesCopyObject() {
        client.createBucket(b -> b.bucket("data"));
        client.putObject(b -> b.bucket("data").key("src.csv"), RequestBody.fromString("a,b\n"));

        client.copyObject(b -> b.sourceBucket("data").sourceKey("src.csv").destinationBucket("data")
                .destinationKey("copies/dst.csv"));

        assertThat(events).extracting(ObjectCreated::key, ObjectCreated::reason)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("src.csv", "PutObject"),
                        org.assertj.core.groups.Tuple.tuple("copies/dst.csv", "CopyObject"));
        assertThat(events.get(1).sequencer()).isGreaterThan(events.get(0).sequencer());
        assertThat(client.getObjectAsBytes(b -> b.bucket("data").key("copies/dst.csv")).asUtf8String())
                .isEqualTo("a,b\n");
    }

    @Test
    void putObject_whenNoContentTypeSent_isBinaryOctetStreamNotAGuessFromTheKey() throws Exception {
        client.createBucket(b -> b.bucket("data"));
        URI presigned;
        try (S3Presigner presigner = S3Presigner.builder().endpointOverride(edge.endpoint()).region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDEXAMPLE", "secret")))
                .serviceConfiguration(S3Configuration.builder().pathStyleAccessEnabled(true).build()).build()) {
            presigned = presigner.presignPutObject(b -> b.signatureDuration(Duration.ofMinutes(5))
                    .putObjectRequest(r -> r.bucket("data").key("notes.txt"))).url().toURI();
        }
        try (HttpClient http = HttpClient.newHttpClient()) {
            HttpResponse<String> put = http.send(HttpRequest.newBuilder(presigned)
                    .PUT(HttpRequest.BodyPublishers.ofString("plain words")).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(put.statusCode()).as(put.body()).isEqualTo(200);
        }
        s3.put("data", "lib.a", new byte[] {1, 2}, null);

        assertThat(client.headObject(b -> b.bucket("data").key("notes.txt")).contentType())
                .isEqualTo("binary/octet-stream");
        assertThat(client.headObject(b -> b.bucket("data").key("lib.a")).contentType())
                .isEqualTo("binary/octet-stream");
        assertThat(client.getObjectAsBytes(b -> b.bucket("data").key("notes.txt")).asUtf8String())
                .isEqualTo("plain words");
    }

    @Test
    void objectStorePut_whenWritten_isVisibleToClientsAndNotified() {
        s3.createBucket("results");

        s3.put("results", "q/1.csv", "\"a\"\n".getBytes(StandardCharsets.UTF_8), "application/octet-stream");

        assertThat(client.getObjectAsBytes(b -> b.bucket("results").key("q/1.csv")).asUtf8String()).isEqualTo("\"a\"\n");
        assertThat(client.headObject(b -> b.bucket("results").key("q/1.csv")).contentType())
                .isEqualTo("application/octet-stream");
        assertThat(events).singleElement().satisfies(e -> {
            assertThat(e.reason()).isEqualTo("PutObject");
            assertThat(e.size()).isEqualTo(4);
        });
        assertThat(s3.listKeys("results", "q/")).containsExactly("q/1.csv");
        s3.delete("results", "q/1.csv");
        assertThat(s3.file("results", "q/1.csv")).isEmpty();
    }

    @Test
    void objectStorePut_whenBucketMissing_isBucketNotFound() {
        assertThatThrownBy(() -> s3.put("nope", "k", new byte[1], "text/plain"))
                .isInstanceOfSatisfying(BucketNotFoundException.class, e -> assertThat(e.bucket()).isEqualTo("nope"));
        assertThat(s3.bucketExists("nope")).isFalse();
    }

    @Test
    void subscription_whenClosed_stopsNotifications() {
        List<ObjectCreated> seen = new ArrayList<>();
        S3Events.Subscription subscription = s3.onObjectCreated(seen::add);
        s3.createBucket("data");
        s3.put("data", "one", new byte[1], "text/plain");

        subscription.close();
        s3.put("data", "two", new byte[1], "text/plain");

        assertThat(seen).extracting(ObjectCreated::key).containsExactly("one");
    }

    @Test
    void listenerFailure_doesNotFailTheWrite() {
        s3.onObjectCreated(e -> {
            throw new IllegalStateException("listener bug");
        });
        client.createBucket(b -> b.bucket("data"));

        client.putObject(b -> b.bucket("data").key("k"), RequestBody.fromString("v"));

        assertThat(client.getObjectAsBytes(b -> b.bucket("data").key("k")).asUtf8String()).isEqualTo("v");
    }

    @Test
    void persistentStore_whenReopened_keepsObjects(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) {
        try (LocalS3 first = LocalS3.start(LocalS3Config.persistent(dir.resolve("s3")))) {
            first.createBucket("kept");
            first.put("kept", "a/b.txt", "x".getBytes(StandardCharsets.UTF_8), "text/plain");
        }
        try (LocalS3 second = LocalS3.start(LocalS3Config.persistent(dir.resolve("s3")))) {
            assertThat(second.listKeys("kept", "")).containsExactly("a/b.txt");
            assertThat(second.file("kept", "a/b.txt")).hasValueSatisfying(p -> assertThat(p).hasContent("x"));
        }
    }

    @Test
    void temporaryStore_whenClosed_deletesItsDirectory() {
        LocalS3 temporary = LocalS3.start(LocalS3Config.temporary());
        temporary.createBucket("gone");
        java.nio.file.Path directory = temporary.directory();

        temporary.close();

        assertThat(directory).doesNotExist();
    }

    @Test
    void putObject_whenServerSideEncryptionRequested_isAccepted() {
        client.createBucket(b -> b.bucket("data"));

        client.putObject(b -> b.bucket("data").key("kms.csv")
                .serverSideEncryption(software.amazon.awssdk.services.s3.model.ServerSideEncryption.AWS_KMS)
                .ssekmsKeyId("arn:aws:kms:us-east-1:000000000000:key/demo"), RequestBody.fromString("a"));
        client.putObject(b -> b.bucket("data").key("s3.csv")
                .serverSideEncryption(software.amazon.awssdk.services.s3.model.ServerSideEncryption.AES256),
                RequestBody.fromString("b"));

        assertThat(client.getObjectAsBytes(b -> b.bucket("data").key("kms.csv")).asUtf8String()).isEqualTo("a");
        assertThat(client.getObjectAsBytes(b -> b.bucket("data").key("s3.csv")).asUtf8String()).isEqualTo("b");
    }
}
