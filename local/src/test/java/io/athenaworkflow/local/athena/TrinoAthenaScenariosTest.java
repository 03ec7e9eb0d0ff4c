package io.athenaworkflow.local.athena;

import static org.assertj.core.api.Assertions.assertThat;

import io.athenaworkflow.local.SqlEngineFactory;
import io.athenaworkflow.local.athena.engine.trino.TrinoProcess;
import java.nio.file.Path;
import io.athenaworkflow.local.testing.LocalAwsFixture;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.athena.model.ColumnInfo;
import software.amazon.awssdk.services.athena.model.Datum;
import software.amazon.awssdk.services.athena.model.GetQueryResultsResponse;
import software.amazon.awssdk.services.athena.model.QueryExecution;
import software.amazon.awssdk.services.athena.model.QueryExecutionState;
import software.amazon.awssdk.services.athena.model.Row;

/** Athena API scenarios that need real SQL, on the local Athena's engine (the JVM's shared Trino process). */
class TrinoAthenaScenariosTest {

    @TempDir
    Path metastoreDir;

    private LocalAwsFixture local;

    /** The engine's start-up (6-8 s of CPU) happens once, before the scenarios' 30 s waits begin. */
    @BeforeAll
    static void engineStarted() {
        TrinoProcess.shared().uri();
    }

    @BeforeEach
    void start() {
        local = new LocalAwsFixture(UnaryOperator.identity(), SqlEngineFactory.trino(metastoreDir));
    }

    @AfterEach
    void stop() {
        local.close();
    }

    @Test
    void externalCsvTable_whenQueried_returnsTypedRowsAndKeepsNullApartFromEmpty() {
        local.s3.createBucket(b -> b.bucket("lake"));
        local.s3.putObject(b -> b.bucket("lake").key("orders/orders.csv"),
                RequestBody.fromString("1,alice,9.50\n2,,3.25\n3,carol,\n"));
        succeed("CREATE DATABASE IF NOT EXISTS shop");
        succeed("CREATE EXTERNAL TABLE shop.orders (id int, customer string, amount decimal(10,2)) "
                + "ROW FORMAT DELIMITED FIELDS TERMINATED BY ',' LOCATION 's3://lake/orders/'");

        QueryExecution select = succeed("SELECT id, customer, amount FROM shop.orders ORDER BY id");
        GetQueryResultsResponse results = local.athena.getQueryResults(b -> b.queryExecutionId(
                select.queryExecutionId()));

        assertThat(select.statementTypeAsString()).isEqualTo("DML");
        assertThat(values(results.resultSet().rows().getFirst())).containsExactly("id", "customer", "amount");
        assertThat(values(results.resultSet().rows().get(1))).containsExactly("1", "alice", "9.50");
        assertThat(results.resultSet().rows()).hasSize(4);
        assertThat(results.resultSet().resultSetMetadata().columnInfo()).extracting(ColumnInfo::type)
                .containsExactly("integer", "varchar", "decimal");
        String csv = local.s3.getObjectAsBytes(b -> b.bucket(local.resultsBucket())
                .key(select.queryExecutionId() + ".csv")).asUtf8String();
        assertThat(csv).startsWith("\"id\",\"customer\",\"amount\"\n\"1\",\"alice\",\"9.50\"\n");
        assertThat(local.athena.getTableMetadata(b -> b.catalogName("AwsDataCatalog").databaseName("shop")
                .tableName("orders")).tableMetadata().columns()).hasSize(3);
    }

    @Test
    void nullAndEmptyString_whenSelected_areWrittenAsAthenaDoes() {
        QueryExecution select = succeed("SELECT CAST(NULL AS varchar) AS n, '' AS e, 'say \"hi\"' AS q");

        String csv = local.s3.getObjectAsBytes(b -> b.bucket(local.resultsBucket())
                .key(select.queryExecutionId() + ".csv")).asUtf8String();

        assertThat(csv).isEqualTo("\"n\",\"e\",\"q\"\n,\"\",\"say \"\"hi\"\"\"\n");
    }

    @Test
    void largeResult_whenPaged_returns2500RowsAfterTheHeader() {
        QueryExecution select = succeed("SELECT x FROM UNNEST(sequence(1, 2500)) AS t(x)");

        List<String> all = new ArrayList<>();
        local.athena.getQueryResultsPaginator(b -> b.queryExecutionId(select.queryExecutionId()))
                .forEach(page -> page.resultSet().rows().forEach(r -> all.add(values(r).getFirst())));

        assertThat(all).hasSize(2501).startsWith("x", "1").endsWith("2500");
    }

    @Test
    void showTables_whenDatabaseHasTables_writesTextResult() {
        succeed("CREATE DATABASE IF NOT EXISTS shop");
        succeed("CREATE EXTERNAL TABLE shop.t1 (a int) LOCATION 's3://" + local.resultsBucket() + "/t1/'");

        QueryExecution show = succeed("SHOW TABLES IN shop");

        assertThat(show.statementTypeAsString()).isEqualTo("UTILITY");
        assertThat(show.resultConfiguration().outputLocation()).endsWith(".txt");
        assertThat(local.athena.getQueryResults(b -> b.queryExecutionId(show.queryExecutionId())).resultSet().rows())
                .extracting(r -> values(r).getFirst()).contains("t1");
    }

    @Test
    void unknownTable_whenSelected_failsWithUserError() {
        String id = local.start("SELECT * FROM nowhere.nothing");

        QueryExecution failed = local.awaitDone(id);

        assertThat(failed.status().state()).isEqualTo(QueryExecutionState.FAILED);
        assertThat(failed.status().athenaError().errorCategory()).isEqualTo(2);
        assertThat(failed.status().stateChangeReason()).isNotBlank();
    }

    @Test
    void longQuery_whenStopped_isCancelledByTheEngine() {
        String id = local.start("SELECT sum(a.x * b.y) FROM UNNEST(sequence(1, 50000)) AS a(x) "
                + "CROSS JOIN UNNEST(sequence(1, 50000)) AS b(y)");
        local.awaitState(id, QueryExecutionState.RUNNING);

        local.athena.stopQueryExecution(b -> b.queryExecutionId(id));

        assertThat(local.awaitDone(id).status().state()).isEqualTo(QueryExecutionState.CANCELLED);
    }

    private QueryExecution succeed(String sql) {
        QueryExecution done = local.awaitDone(local.start(sql));
        assertThat(done.status().state()).as("%s: %s", sql, done.status().stateChangeReason())
                .isEqualTo(QueryExecutionState.SUCCEEDED);
        return done;
    }

    private static List<String> values(Row row) {
        return row.data().stream().map(Datum::varCharValue).toList();
    }
}
