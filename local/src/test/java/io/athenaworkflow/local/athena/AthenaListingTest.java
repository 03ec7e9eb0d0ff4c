package io.athenaworkflow.local.athena;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.athenaworkflow.local.testing.LocalAwsFixture;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.athena.model.BatchGetQueryExecutionResponse;
import software.amazon.awssdk.services.athena.model.Column;
import software.amazon.awssdk.services.athena.model.InvalidRequestException;
import software.amazon.awssdk.services.athena.model.ListQueryExecutionsResponse;
import software.amazon.awssdk.services.athena.model.MetadataException;
import software.amazon.awssdk.services.athena.model.QueryExecution;
import software.amazon.awssdk.services.athena.model.TableMetadata;
import software.amazon.awssdk.services.athena.model.WorkGroup;

class AthenaListingTest {

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
    void getWorkGroup_whenPrimary_reportsDefaultOutputLocation() {
        WorkGroup primary = local.athena.getWorkGroup(b -> b.workGroup("primary")).workGroup();

        assertThat(primary.name()).isEqualTo("primary");
        assertThat(primary.stateAsString()).isEqualTo("ENABLED");
        assertThat(primary.configuration().resultConfiguration().outputLocation())
                .isEqualTo("s3://athena-results-000000000000/");
        assertThat(primary.configuration().enforceWorkGroupConfiguration()).isFalse();
        assertThat(primary.configuration().engineVersion().selectedEngineVersion()).isEqualTo("AUTO");
        assertThat(primary.creationTime()).isNotNull();
        assertThat(local.aws.objectStore().bucketExists("athena-results-000000000000")).isTrue();
        assertThatThrownBy(() -> local.athena.getWorkGroup(b -> b.workGroup("other")))
                .isInstanceOf(InvalidRequestException.class).hasMessageContaining("WorkGroup is not found.");
        assertThat(local.athena.listWorkGroups(b -> { }).workGroups()).singleElement()
                .satisfies(w -> assertThat(w.name()).isEqualTo("primary"));
    }

    @Test
    void listQueryExecutions_whenPaged_returnsNewestFirst() {
        String first = local.start("SELECT 1");
        String second = local.start("SELECT 1");
        String third = local.start("SELECT 1");

        ListQueryExecutionsResponse page = local.athena.listQueryExecutions(b -> b.maxResults(2));
        ListQueryExecutionsResponse rest = local.athena.listQueryExecutions(b -> b.maxResults(2)
                .nextToken(page.nextToken()));

        assertThat(page.queryExecutionIds()).containsExactly(third, second);
        assertThat(rest.queryExecutionIds()).containsExactly(first);
        assertThat(rest.nextToken()).isNull();
        assertThatThrownBy(() -> local.athena.listQueryExecutions(b -> b.nextToken("nope")))
                .isInstanceOf(InvalidRequestException.class)
                .hasMessageContaining("The nextPageToken is malformed: nope");
    }

    @Test
    void batchGetQueryExecution_whenSomeIdsUnknown_reportsThemUnprocessed() {
        String known = local.start("SELECT 1");
        local.awaitDone(known);

        BatchGetQueryExecutionResponse batch = local.athena.batchGetQueryExecution(b -> b.queryExecutionIds(known,
                "11111111-2222-4333-8444-555555555555"));

        assertThat(batch.queryExecutions()).extracting(QueryExecution::queryExecutionId).containsExactly(known);
        assertThat(batch.unprocessedQueryExecutionIds()).singleElement().satisfies(u -> {
            assertThat(u.queryExecutionId()).isEqualTo("11111111-2222-4333-8444-555555555555");
            assertThat(u.errorCode()).isEqualTo("QUERY_EXECUTION_NOT_FOUND");
        });
    }

    @Test
    void catalogOperations_whenEngineHasTables_describeThem() {
        assertThat(local.athena.listDataCatalogs(b -> { }).dataCatalogsSummary()).singleElement()
                .satisfies(c -> {
                    assertThat(c.catalogName()).isEqualTo("AwsDataCatalog");
                    assertThat(c.typeAsString()).isEqualTo("GLUE");
                });
        assertThat(local.athena.listDatabases(b -> b.catalogName("AwsDataCatalog")).databaseList())
                .extracting(d -> d.name()).containsExactly("default", "sales");
        assertThat(local.athena.getDatabase(b -> b.catalogName("AwsDataCatalog").databaseName("sales")).database()
                .description()).isEqualTo("Orders and customers");
        List<TableMetadata> matching = local.athena.listTableMetadata(b -> b.catalogName("AwsDataCatalog")
                .databaseName("sales").expression("ord*")).tableMetadataList();
        assertThat(matching).extracting(TableMetadata::name).containsExactly("orders");
        TableMetadata orders = local.athena.getTableMetadata(b -> b.catalogName("AwsDataCatalog")
                .databaseName("sales").tableName("orders")).tableMetadata();
        assertThat(orders.createTime()).isEqualTo(Instant.parse("2024-05-01T10:00:00Z"));
        assertThat(orders.tableType()).isEqualTo("EXTERNAL_TABLE");
        assertThat(orders.columns()).extracting(Column::name, Column::type, Column::comment)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("id", "bigint", null),
                        org.assertj.core.groups.Tuple.tuple("amount", "decimal(10,2)", "in EUR"));
        assertThat(orders.partitionKeys()).extracting(Column::name).containsExactly("dt");
        assertThat(orders.parameters()).containsEntry("classification", "csv");
    }

    @Test
    void listTableMetadata_whenPaged_visitsEveryTableOnce() {
        var first = local.athena.listTableMetadata(b -> b.catalogName("AwsDataCatalog").databaseName("sales")
                .maxResults(1));
        var second = local.athena.listTableMetadata(b -> b.catalogName("AwsDataCatalog").databaseName("sales")
                .maxResults(1).nextToken(first.nextToken()));

        assertThat(first.tableMetadataList()).extracting(TableMetadata::name).containsExactly("customers");
        assertThat(second.tableMetadataList()).extracting(TableMetadata::name).containsExactly("orders");
        assertThat(second.nextToken()).isNull();
    }

    @Test
    void getTableMetadata_whenTableMissing_isMetadataException() {
        assertThatThrownBy(() -> local.athena.getTableMetadata(b -> b.catalogName("AwsDataCatalog")
                .databaseName("sales").tableName("refunds")))
                .isInstanceOf(MetadataException.class).hasMessageContaining("Entity Not Found");
        assertThatThrownBy(() -> local.athena.listTableMetadata(b -> b.catalogName("AwsDataCatalog")
                .databaseName("nope")))
                .isInstanceOf(MetadataException.class);
        assertThatThrownBy(() -> local.athena.listDatabases(b -> b.catalogName("hive_elsewhere")))
                .isInstanceOf(InvalidRequestException.class);
    }
}
