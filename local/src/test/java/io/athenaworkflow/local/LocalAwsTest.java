package io.athenaworkflow.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.athenaworkflow.local.edge.AwsJsonService;
import io.athenaworkflow.local.edge.EdgeStartException;
import io.athenaworkflow.local.s3.ObjectCreated;
import io.athenaworkflow.local.testing.FakeSqlEngine;
import io.athenaworkflow.local.testing.LocalAwsFixture;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AnonymousCredentialsProvider;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.sfn.SfnClient;

class LocalAwsTest {

    @Test
    void start_whenDataDirGiven_keepsObjectsAcrossRestarts(@TempDir Path dataDir) {
        FakeSqlEngine engine = new FakeSqlEngine();
        LocalAwsConfig config = LocalAwsConfig.persistent(dataDir).withPort(0);
        try (LocalAws first = LocalAws.start(config, store -> engine)) {
            first.s3().createBucket("kept");
            first.objectStore().put("kept", "a.txt", new byte[] {'x'}, "text/plain");
        }
        try (LocalAws second = LocalAws.start(config, store -> new FakeSqlEngine())) {
            assertThat(second.objectStore().listKeys("kept", "")).containsExactly("a.txt");
            assertThat(second.s3().directory()).isEqualTo(dataDir.resolve("s3").toAbsolutePath());
        }
        assertThat(engine.isClosed()).isTrue();
    }

    @Test
    void endpoint_whenAnonymousSdkClientWrites_notifiesS3Events() {
        try (LocalAwsFixture local = new LocalAwsFixture();
                S3Client anonymous = S3Client.builder().endpointOverride(local.aws.endpoint())
                        .region(Region.US_EAST_1).credentialsProvider(AnonymousCredentialsProvider.create())
                        .httpClient(UrlConnectionHttpClient.create()).build()) {
            List<ObjectCreated> events = new CopyOnWriteArrayList<>();
            local.aws.s3Events().onObjectCreated(events::add);
            anonymous.createBucket(b -> b.bucket("drop-zone"));

            anonymous.putObject(b -> b.bucket("drop-zone").key("queries/q1.sql"), RequestBody.fromString("SELECT 1"));

            assertThat(events).extracting(ObjectCreated::bucket, ObjectCreated::key)
                    .containsExactly(org.assertj.core.groups.Tuple.tuple("drop-zone", "queries/q1.sql"));
            assertThat(local.aws.endpoint().toString()).startsWith("http://127.0.0.1:");
        }
    }

    @Test
    void register_whenStepFunctionsServicePlugsIn_answersSdkCalls() {
        try (LocalAwsFixture local = new LocalAwsFixture();
                SfnClient sfn = SfnClient.builder().endpointOverride(local.aws.endpoint()).region(Region.US_EAST_1)
                        .credentialsProvider(AnonymousCredentialsProvider.create())
                        .httpClient(UrlConnectionHttpClient.create()).build()) {
            local.aws.register(new AwsJsonService() {
                @Override
                public String targetPrefix() {
                    return "AWSStepFunctions";
                }

                @Override
                public String jsonVersion() {
                    return "1.0";
                }

                @Override
                public JsonNode handle(String operation, ObjectNode request) {
                    ObjectNode response = JsonNodeFactory.instance.objectNode();
                    response.putArray("stateMachines").addObject()
                            .put("stateMachineArn", "arn:aws:states:us-east-1:000000000000:stateMachine:demo")
                            .put("name", "demo").put("type", "STANDARD").put("creationDate", 1.7e9);
                    return response;
                }
            });

            assertThat(sfn.listStateMachines().stateMachines()).singleElement()
                    .satisfies(m -> assertThat(m.name()).isEqualTo("demo"));
        }
    }

    @Test
    void start_whenPortTaken_failsAndReleasesWhatItStarted() {
        try (LocalAwsFixture running = new LocalAwsFixture()) {
            FakeSqlEngine engine = new FakeSqlEngine();
            java.util.concurrent.atomic.AtomicBoolean created = new java.util.concurrent.atomic.AtomicBoolean();

            assertThatThrownBy(() -> LocalAws.start(LocalAwsConfig.transientOnAnyPort()
                    .withPort(running.aws.port()), store -> {
                        created.set(true);
                        return engine;
                    }))
                    .isInstanceOf(EdgeStartException.class);
            // The edge opens before the engine is created (an engine may need its endpoint): nothing to release.
            assertThat(created).isFalse();
            assertThat(engine.isClosed()).isFalse();
        }
    }

    @Test
    void config_whenAccountIdMalformed_isRejectedWithTheRule() {
        assertThatThrownBy(() -> LocalAwsConfig.transientOnAnyPort().withAccountId("12345"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("12 digits");
    }
}
