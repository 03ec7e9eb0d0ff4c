package io.athenaworkflow.local.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Object;

/** {@code up --data DIR}: S3 objects and the Athena catalog survive a restart. */
class UpPersistenceTest {

    @TempDir
    Path data;

    @Test
    void up_whenRestartedOnTheSameDataDir_keepsObjectsAndDatabases() throws InterruptedException {
        RunningUp first = RunningUp.start("--data", data.toString());
        try {
            assertThat(first.out.toString()).contains("  Stored in       " + data.toAbsolutePath().normalize()
                    + " (kept across restarts)\n");
            try (S3Client s3 = s3(first)) {
                s3.putObject(b -> b.bucket("athena-workflow-data").key("kept/file.csv"), RequestBody.fromString("1"));
            }
            Cli.Result created = Cli.run("run", "--endpoint", first.endpoint.toString(), "--sql",
                    "CREATE DATABASE kept_db", "--no-progress", "--poll-interval", "100");
            assertThat(created.exitCode()).as(created.toString()).isZero();
        } finally {
            assertThat(first.stop()).isZero();
        }

        RunningUp second = RunningUp.start("--data", data.toString());
        try {
            try (S3Client s3 = s3(second)) {
                assertThat(s3.listObjectsV2(b -> b.bucket("athena-workflow-data")).contents()).extracting(S3Object::key)
                        .contains("kept/file.csv");
            }
            Cli.Result databases = Cli.run("run", "--endpoint", second.endpoint.toString(), "--sql", "SHOW DATABASES",
                    "--no-progress", "--poll-interval", "100");
            assertThat(databases.exitCode()).as(databases.toString()).isZero();
            assertThat(Json.parse(databases.out()).get("rows").toString()).contains("\"kept_db\"");
        } finally {
            assertThat(second.stop()).isZero();
        }
    }

    private static S3Client s3(RunningUp up) {
        return S3Client.builder().endpointOverride(up.endpoint).region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("a", "b")))
                .httpClient(UrlConnectionHttpClient.create()).build();
    }
}
