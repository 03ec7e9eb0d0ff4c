package io.athenaworkflow.local.athena;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.athenaworkflow.local.testing.LocalAwsFixture;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.athena.model.ColumnInfo;
import software.amazon.awssdk.services.athena.model.ColumnNullable;
import software.amazon.awssdk.services.athena.model.Datum;
import software.amazon.awssdk.services.athena.model.GetQueryResultsResponse;
import software.amazon.awssdk.services.athena.model.InvalidRequestException;
import software.amazon.awssdk.services.athena.model.Row;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;

class AthenaResultsTest {

    private LocalAwsFixture local;

    @BeforeEach
    void start() {
        local = new LocalAwsFixture();
    }

    @AfterEach
    void stop() {
        local.close();
    }

    @Test
    void resultFile_whenSelectSucceeds_isAthenaCsvWithMetadata() {
        String id = local.start("SELECT * FROM special");
        local.awaitDone(id);

        String csv = local.s3.getObjectAsBytes(b -> b.bucket(local.resultsBucket()).key(id + ".csv")).asUtf8String();
        HeadObjectResponse head = local.s3.headObject(b -> b.bucket(local.resultsBucket()).key(id + ".csv"));
        HeadObjectResponse metadata = local.s3.headObject(b -> b.bucket(local.resultsBucket())
                .key(id + ".csv.metadata"));

        assertThat(csv).isEqualTo("""
                "label","amount","seen"
                "plain","1.50","2024-01-02 03:04:05.000"
                "say ""hi"", then
                leave",,
                "","0.00","2024-12-31 23:59:59.999"
                "ünïcødé ✓","-3.25",
                """);
        assertThat(head.contentType()).isEqualTo("application/octet-stream");
        assertThat(metadata.contentLength()).isPositive();
    }

    @Test
    void resultFiles_whenSseKmsRequested_areRecordedUnderTheKeyAsS3ReportsThem() {
        String key = "arn:aws:kms:us-east-1:000000000000:key/1234abcd-12ab-34cd-56ef-1234567890ab";
        String id = local.athena.startQueryExecution(b -> b.queryString("SELECT * FROM special")
                .resultConfiguration(r -> r.encryptionConfiguration(e -> e.encryptionOption("SSE_KMS").kmsKey(key))))
                .queryExecutionId();
        local.awaitDone(id);
        String plain = local.start("SELECT * FROM special");
        local.awaitDone(plain);

        HeadObjectResponse csv = local.s3.headObject(b -> b.bucket(local.resultsBucket()).key(id + ".csv"));
        HeadObjectResponse metadata = local.s3.headObject(b -> b.bucket(local.resultsBucket())
                .key(id + ".csv.metadata"));
        HeadObjectResponse unencrypted = local.s3.headObject(b -> b.bucket(local.resultsBucket()).key(plain + ".csv"));

        assertThat(csv.serverSideEncryptionAsString()).isEqualTo("aws:kms");
        assertThat(csv.ssekmsKeyId()).isEqualTo(key);
        assertThat(metadata.serverSideEncryptionAsString()).isEqualTo("aws:kms");
        assertThat(metadata.ssekmsKeyId()).isEqualTo(key);
        // S3 encrypts every object with SSE-S3 when nothing else is asked for.
        assertThat(unencrypted.serverSideEncryptionAsString()).isEqualTo("AES256");
        assertThat(unencrypted.ssekmsKeyId()).isNull();
    }

    @Test
    void getQueryResults_whenSelect_returnsHeaderThenRowsAsInTheCsv() {
        String id = local.start("SELECT * FROM special");
        local.awaitDone(id);

        GetQueryResultsResponse page = local.athena.getQueryResults(b -> b.queryExecutionId(id));

        assertThat(page.updateCount()).isZero();
        assertThat(page.nextToken()).isNull();
        List<Row> rows = page.resultSet().rows();
        assertThat(values(rows.get(0))).containsExactly("label", "amount", "seen");
        assertThat(values(rows.get(1))).containsExactly("plain", "1.50", "2024-01-02 03:04:05.000");
        assertThat(values(rows.get(2))).containsExactly("say \"hi\", then\nleave", null, null);
        assertThat(rows.get(2).data().get(1)).isEqualTo(Datum.builder().build());
        assertThat(values(rows.get(3))).containsExactly("", "0.00", "2024-12-31 23:59:59.999");
        assertThat(values(rows.get(4))).containsExactly("ünïcødé ✓", "-3.25", null);
        assertThat(rows).hasSize(5);
        List<ColumnInfo> columns = page.resultSet().resultSetMetadata().columnInfo();
        assertThat(columns).extracting(ColumnInfo::name).containsExactly("label", "amount", "seen");
        assertThat(columns.get(0)).isEqualTo(ColumnInfo.builder().catalogName("hive").schemaName("")
                .tableName("").name("label").label("label").type("varchar").precision(2147483647).scale(0)
                .nullable(ColumnNullable.UNKNOWN).caseSensitive(true).build());
        assertThat(columns.get(1)).satisfies(c -> {
            assertThat(c.type()).isEqualTo("decimal");
            assertThat(c.precision()).isEqualTo(10);
            assertThat(c.scale()).isEqualTo(2);
            assertThat(c.caseSensitive()).isFalse();
        });
        assertThat(columns.get(2).type()).isEqualTo("timestamp");
        assertThat(columns.get(2).precision()).isEqualTo(3);
    }

    @Test
    void getQueryResults_when2500Rows_pagesThroughEveryRowOnce() {
        local.engine.numbers("SELECT n FROM numbers", 2500);
        String id = local.start("SELECT n FROM numbers");
        local.awaitDone(id);

        GetQueryResultsResponse first = local.athena.getQueryResults(b -> b.queryExecutionId(id));
        GetQueryResultsResponse second = local.athena.getQueryResults(b -> b.queryExecutionId(id)
                .nextToken(first.nextToken()));
        GetQueryResultsResponse third = local.athena.getQueryResults(b -> b.queryExecutionId(id)
                .nextToken(second.nextToken()));

        assertThat(first.resultSet().rows()).hasSize(1000);
        assertThat(values(first.resultSet().rows().getFirst())).containsExactly("n");
        assertThat(second.resultSet().rows()).hasSize(1000);
        assertThat(third.resultSet().rows()).hasSize(501);
        assertThat(third.nextToken()).isNull();
        List<String> all = new ArrayList<>();
        local.athena.getQueryResultsPaginator(b -> b.queryExecutionId(id).maxResults(333))
                .forEach(page -> page.resultSet().rows().forEach(r -> all.add(values(r).getFirst())));
        assertThat(all).hasSize(2501);
        assertThat(all.subList(1, all.size()))
                .isEqualTo(java.util.stream.IntStream.range(0, 2500).mapToObj(Integer::toString).toList());
    }

    @Test
    void getQueryResults_whenPageEndsExactlyAtLastRow_stillHandsOutATokenForAnEmptyPage() {
        local.engine.numbers("SELECT n FROM numbers", 1);
        String id = local.start("SELECT n FROM numbers");
        local.awaitDone(id);

        GetQueryResultsResponse full = local.athena.getQueryResults(b -> b.queryExecutionId(id).maxResults(2));
        GetQueryResultsResponse after = local.athena.getQueryResults(b -> b.queryExecutionId(id).maxResults(2)
                .nextToken(full.nextToken()));

        assertThat(full.resultSet().rows()).hasSize(2);
        assertThat(full.nextToken()).isNotNull();
        assertThat(after.resultSet().rows()).isEmpty();
        assertThat(after.nextToken()).isNull();
    }

    @Test
    void getQueryResults_whenMaxResultsAbove1000_isInvalidRequest() {
        String id = local.start("SELECT 1");
        local.awaitDone(id);

        assertThatThrownBy(() -> local.athena.getQueryResults(b -> b.queryExecutionId(id).maxResults(1001)))
                .isInstanceOfSatisfying(InvalidRequestException.class, e -> {
                    assertThat(e.athenaErrorCode()).isEqualTo("INVALID_INPUT");
                    assertThat(e.awsErrorDetails().errorMessage())
                            .isEqualTo("MaxResults is more than maximum allowed length 1000");
                });
        assertThatThrownBy(() -> local.athena.getQueryResults(b -> b.queryExecutionId(id).maxResults(0)))
                .isInstanceOf(InvalidRequestException.class)
                .hasMessageContaining("1 validation error detected: Value at 'maxResults' failed to satisfy "
                        + "constraint: Member must have value greater than or equal to 1");
    }

    @Test
    void getQueryResults_whenTokenIsMalformed_isInvalidRequest() {
        String id = local.start("SELECT 1");
        local.awaitDone(id);

        assertThatThrownBy(() -> local.athena.getQueryResults(b -> b.queryExecutionId(id).nextToken("garbage")))
                .isInstanceOf(InvalidRequestException.class)
                .hasMessageContaining("Malformed nextPageToken garbage");
    }

    @Test
    void getQueryResults_whenResultFileWasDeleted_cannotFindResults() {
        String id = local.start("SELECT 1");
        local.awaitDone(id);
        local.s3.deleteObject(b -> b.bucket(local.resultsBucket()).key(id + ".csv"));

        assertThatThrownBy(() -> local.athena.getQueryResults(b -> b.queryExecutionId(id)))
                .isInstanceOf(InvalidRequestException.class).hasMessageContaining("Could not find results");
    }

    @Test
    void ddlWithoutColumns_whenSucceeded_writesEmptyTxtWithoutMetadataAndReturnsNothing() {
        String id = local.start("CREATE DATABASE sales");
        var done = local.awaitDone(id);

        GetQueryResultsResponse results = local.athena.getQueryResults(b -> b.queryExecutionId(id));

        assertThat(done.statementTypeAsString()).isEqualTo("DDL");
        assertThat(done.substatementType()).isEqualTo("CREATE_DATABASE");
        assertThat(done.resultConfiguration().outputLocation()).endsWith(id + ".txt");
        assertThat(local.s3.getObjectAsBytes(b -> b.bucket(local.resultsBucket()).key(id + ".txt")).asByteArray())
                .isEmpty();
        assertThatThrownBy(() -> local.s3.headObject(b -> b.bucket(local.resultsBucket()).key(id + ".txt.metadata")))
                .isInstanceOf(software.amazon.awssdk.services.s3.model.S3Exception.class);
        assertThat(results.updateCount()).isNull();
        assertThat(results.resultSet().rows()).isEmpty();
        assertThat(results.resultSet().resultSetMetadata().columnInfo()).isEmpty();
    }

    @Test
    void showTables_whenSucceeded_writesLinesAndReturnsRowsWithoutHeader() {
        String id = local.start("SHOW TABLES IN sales");
        var done = local.awaitDone(id);

        GetQueryResultsResponse results = local.athena.getQueryResults(b -> b.queryExecutionId(id));

        assertThat(done.statementTypeAsString()).isEqualTo("UTILITY");
        assertThat(local.s3.getObjectAsBytes(b -> b.bucket(local.resultsBucket()).key(id + ".txt")).asUtf8String())
                .isEqualTo("orders\ncustomers");
        assertThat(results.resultSet().rows()).extracting(r -> values(r)).containsExactly(List.of("orders"),
                List.of("customers"));
        assertThat(results.resultSet().resultSetMetadata().columnInfo()).singleElement().satisfies(c -> {
            assertThat(c.name()).isEqualTo("tab_name");
            assertThat(c.type()).isEqualTo("string");
            assertThat(c.precision()).isZero();
            assertThat(c.caseSensitive()).isFalse();
        });
        assertThat(results.updateCount()).isZero();
    }

    @Test
    void deletedResult_whenObjectRemovedBeforeReading_isNoSuchKeyInS3() {
        String id = local.start("SELECT 1");
        local.awaitDone(id);
        local.aws.objectStore().delete(local.resultsBucket(), id + ".csv");

        assertThatThrownBy(() -> local.s3.getObject(b -> b.bucket(local.resultsBucket()).key(id + ".csv")))
                .isInstanceOf(NoSuchKeyException.class);
        assertThat(local.aws.objectStore().listKeys(local.resultsBucket(), id)).containsExactly(id + ".csv.metadata");
    }

    private static List<String> values(Row row) {
        return row.data().stream().map(Datum::varCharValue).toList();
    }
}
