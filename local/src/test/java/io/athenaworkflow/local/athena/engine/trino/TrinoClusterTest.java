package io.athenaworkflow.local.athena.engine.trino;

import static io.athenaworkflow.local.athena.engine.trino.ExternalTrinoTest.rowsOf;
import static io.athenaworkflow.local.athena.engine.trino.ExternalTrinoTest.succeed;
import static org.assertj.core.api.Assertions.assertThat;

import io.athenaworkflow.local.SqlEngineFactory;
import io.athenaworkflow.local.testing.Await;
import io.athenaworkflow.local.testing.LocalAwsFixture;
import java.net.URI;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.athena.model.Datum;
import software.amazon.awssdk.services.athena.model.QueryExecution;

/**
 * {@code --trino-url} on a Trino cluster rather than a single server: a coordinator that only schedules
 * ({@code node-scheduler.include-coordinator=false}) and a worker that discovers it, two server processes started
 * with Trino's own server main. Every split of a query then runs on the worker, so the local Athena's catalog (created
 * on the coordinator at run time) and its S3 must work from a node the runtime never talked to.
 */
class TrinoClusterTest {

    private static final String WORKER_ID = "athena-local-worker-1";
    private static TrinoProcess coordinator;
    private static TrinoProcess worker;

    @TempDir
    Path metastoreDir;

    @BeforeAll
    static void startCluster() {
        TrinoEngineSettings settings = TrinoEngineSettings.defaults();
        coordinator = TrinoProcess.start(settings, Map.of("node-scheduler.include-coordinator", "false"));
        URI coordinatorUri = coordinator.uri();
        Map<String, String> workerConfig = new HashMap<>();
        workerConfig.put("coordinator", "false");
        workerConfig.put("node.id", WORKER_ID);
        workerConfig.put("discovery.uri", coordinatorUri.toString());
        // Coordinator-only settings: a worker refuses properties it does not use.
        workerConfig.put("node-scheduler.include-coordinator", null);
        workerConfig.put("query.client.timeout", null);
        workerConfig.put("catalog.store", null);
        worker = TrinoProcess.start(settings, workerConfig);
        worker.uri();
        Await.until(() -> rowsOf(coordinatorUri,
                        "SELECT node_id FROM system.runtime.nodes WHERE state = 'active' AND NOT coordinator"),
                nodes -> nodes.contains(WORKER_ID), "the worker to join the coordinator");
    }

    /** The nodes that ran tasks of the statements whose text contains {@code sqlFragment}. */
    private static List<String> nodesThatRan(URI url, String sqlFragment) {
        return rowsOf(url, "SELECT DISTINCT t.node_id FROM system.runtime.tasks t "
                + "JOIN system.runtime.queries q ON t.query_id = q.query_id "
                + "WHERE strpos(q.query, '" + sqlFragment.replace("'", "''") + "') > 0 "
                + "AND strpos(q.query, 'system.runtime') = 0");
    }

    @AfterAll
    static void stopCluster() {
        if (worker != null) {
            worker.close();
        }
        if (coordinator != null) {
            coordinator.close();
        }
    }

    @Test
    void runtime_whenPointedAtACluster_runsTablesScansAndWritesOnTheWorker() {
        URI url = coordinator.uri();
        try (LocalAwsFixture local = new LocalAwsFixture(UnaryOperator.identity(),
                SqlEngineFactory.trino(url, metastoreDir))) {
            local.s3.createBucket(b -> b.bucket("lake"));
            local.s3.putObject(b -> b.bucket("lake").key("orders/part-1.csv"),
                    RequestBody.fromString("1,alice,9.50\n2,bob,3.25\n"));
            local.s3.putObject(b -> b.bucket("lake").key("orders/part-2.csv"),
                    RequestBody.fromString("3,carol,12.00\n"));
            succeed(local, "CREATE DATABASE shop");
            succeed(local, "CREATE EXTERNAL TABLE shop.orders (id int, customer string, amount decimal(10,2)) "
                    + "ROW FORMAT DELIMITED FIELDS TERMINATED BY ',' LOCATION 's3://lake/orders/'");
            succeed(local, "CREATE TABLE shop.big_orders WITH (format = 'PARQUET', "
                    + "external_location = 's3://lake/big_orders/') AS SELECT * FROM shop.orders WHERE amount > 5");

            QueryExecution select = succeed(local, "SELECT customer, amount FROM shop.big_orders ORDER BY id");

            List<List<String>> rows = local.athena.getQueryResults(b -> b.queryExecutionId(
                            select.queryExecutionId())).resultSet().rows().stream()
                    .map(r -> r.data().stream().map(Datum::varCharValue).toList()).toList();
            assertThat(rows).containsExactly(List.of("customer", "amount"), List.of("alice", "9.50"),
                    List.of("carol", "12.00"));
            assertThat(local.s3.listObjectsV2(b -> b.bucket("lake").prefix("big_orders/")).contents())
                    .as("the CTAS wrote its Parquet files through the worker into the runtime's S3").isNotEmpty();
            // The coordinator schedules no scan or write on itself: they ran on the worker. (A CTAS also has a
            // coordinator-only task, Trino's commit of the new table to the metastore.)
            assertThat(nodesThatRan(url, "FROM shop.big_orders ORDER BY id")).containsExactly(WORKER_ID);
            assertThat(nodesThatRan(url, "AS SELECT * FROM shop.orders WHERE amount > 5")).contains(WORKER_ID);
        }
    }
}
