package io.athenaworkflow.local.athena;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.athenaworkflow.local.clock.RealClock;
import io.athenaworkflow.local.edge.EdgeConfig;
import io.athenaworkflow.local.edge.EdgeServer;
import io.athenaworkflow.local.s3.LocalS3;
import io.athenaworkflow.local.s3.LocalS3Config;
import io.athenaworkflow.local.testing.FakeSqlEngine;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.athena.AthenaClient;
import software.amazon.awssdk.services.athena.model.InvalidRequestException;

/** A workgroup without a result location, as on a fresh AWS account. */
class AthenaWithoutDefaultLocationTest {

    private LocalS3 s3;
    private AthenaService athena;
    private EdgeServer edge;
    private AthenaClient client;

    @BeforeEach
    void start() {
        s3 = LocalS3.start(LocalS3Config.temporary());
        athena = AthenaService.create(AthenaConfig.defaults("000000000000").withDefaultOutputLocation(null),
                new FakeSqlEngine(), AthenaCatalog.empty(), s3, RealClock.system());
        edge = EdgeServer.start(EdgeConfig.anyFreePort(), s3.servlet());
        edge.register(athena);
        client = AthenaClient.builder().endpointOverride(edge.endpoint()).region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("a", "b")))
                .httpClient(UrlConnectionHttpClient.create()).build();
    }

    @AfterEach
    void stop() {
        client.close();
        edge.close();
        athena.close();
        s3.close();
    }

    @Test
    void startQueryExecution_whenNoOutputLocationAnywhere_isInvalidRequest() {
        assertThatThrownBy(() -> client.startQueryExecution(b -> b.queryString("SELECT 1")))
                .isInstanceOfSatisfying(InvalidRequestException.class, e -> assertThat(e.awsErrorDetails()
                        .errorMessage()).isEqualTo("No output location provided. An output location is required "
                        + "either through the Workgroup result configuration setting or as an API input."));
        assertThat(client.getWorkGroup(b -> b.workGroup("primary")).workGroup().configuration()
                .resultConfiguration().outputLocation()).isNull();
    }
}
