package io.athenaworkflow.local.athena.engine.trino;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import io.athenaworkflow.local.LocalRuntime;
import io.athenaworkflow.local.LocalRuntimeConfig;
import io.athenaworkflow.local.SqlEngineFactory;
import io.athenaworkflow.local.athena.engine.Cancellation;
import io.athenaworkflow.local.testing.Await;
import io.athenaworkflow.local.testing.LocalAwsFixture;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.athena.AthenaClient;
import software.amazon.awssdk.services.athena.model.Datum;
import software.amazon.awssdk.services.athena.model.QueryExecution;
import software.amazon.awssdk.services.athena.model.QueryExecutionState;

/**
 * {@code --trino-url}: the local Athena on a Trino server it did not start. The server here is a standalone Trino
 * 483 process (Trino's own server main, started by {@link TrinoProcess#start}, not the JVM's shared engine).
 */
class ExternalTrinoTest {

    private static TrinoProcess server;

    @TempDir
    Path metastoreDir;

    @BeforeAll
    static void startServer() {
        server = TrinoProcess.start(TrinoEngineSettings.defaults());
        server.uri();
    }

    @AfterAll
    static void stopServer() {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void runtime_whenPointedAtAnExistingServer_runsDdlAndQueriesThere() {
        URI url = server.uri();
        try (LocalAwsFixture local = new LocalAwsFixture(UnaryOperator.identity(),
                SqlEngineFactory.trino(url, metastoreDir))) {
            assertThat(catalogsOf(url)).contains("awsdatacatalog");
            local.s3.createBucket(b -> b.bucket("lake"));
            local.s3.putObject(b -> b.bucket("lake").key("orders/orders.csv"),
                    RequestBody.fromString("1,alice,9.50\n2,bob,3.25\n"));
            succeed(local, "CREATE DATABASE shop");
            succeed(local, "CREATE EXTERNAL TABLE shop.orders (id int, customer string, amount decimal(10,2)) "
                    + "ROW FORMAT DELIMITED FIELDS TERMINATED BY ',' LOCATION 's3://lake/orders/'");

            QueryExecution select = succeed(local, "SELECT customer, amount * 2 AS doubled FROM shop.orders "
                    + "ORDER BY id");

            List<List<String>> rows = local.athena.getQueryResults(b -> b.queryExecutionId(
                            select.queryExecutionId())).resultSet().rows().stream()
                    .map(r -> r.data().stream().map(Datum::varCharValue).toList()).toList();
            assertThat(rows).containsExactly(List.of("customer", "doubled"), List.of("alice", "19.00"),
                    List.of("bob", "6.50"));
            // The table is in the external server's catalog (asked directly, not through the runtime).
            assertThat(rowsOf(url, "SHOW TABLES FROM awsdatacatalog.shop")).containsExactly("orders");
        }
        assertThat(catalogsOf(url)).as("the runtime drops its catalog on close").doesNotContain("awsdatacatalog");
    }

    @Test
    void localRuntime_whenConfiguredWithTrinoUrl_answersAthenaQueriesFromThatServer() {
        URI url = server.uri();
        LocalRuntimeConfig config = LocalRuntimeConfig.of(projectRoot(),
                Path.of(System.getProperty("athena.functions.artifact"))).withTrinoUrl(url);
        try (LocalRuntime runtime = LocalRuntime.start(config);
             AthenaClient athena = AthenaClient.builder().endpointOverride(runtime.endpoint())
                     .region(Region.US_EAST_1).httpClient(UrlConnectionHttpClient.create())
                     .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("a", "b")))
                     .build()) {
            assertThat(runtime.config().trinoUrl()).isEqualTo(url);
            assertThat(catalogsOf(url)).contains("awsdatacatalog");
            String id = athena.startQueryExecution(b -> b.queryString(
                    "SELECT count(*) AS n, sum(x) AS s, CAST(DECIMAL '0.0034' AS varchar) AS d "
                            + "FROM (VALUES 1, 2, 3) AS t(x)"))
                    .queryExecutionId();
            QueryExecution done = awaitDone(athena, id);

            assertThat(done.status().state()).as(done.status().stateChangeReason())
                    .isEqualTo(QueryExecutionState.SUCCEEDED);
            assertThat(athena.getQueryResults(b -> b.queryExecutionId(id)).resultSet().rows().get(1).data())
                    .extracting(Datum::varCharValue).containsExactly("3", "6", "0.0034");
        }
        assertThat(catalogsOf(url)).doesNotContain("awsdatacatalog");
    }

    @Test
    void runtime_whenTheServerHasItsCatalogNameTaken_failsToStartAndLeavesThatCatalogAlone() throws IOException {
        URI url = server.uri();
        Path otherMetastore = Files.createDirectories(metastoreDir.resolve("other"));
        rowsOf(url, new TrinoCatalogSettings("awsdatacatalog", URI.create("http://127.0.0.1:1"), otherMetastore)
                .createStatement());
        try {
            SqlEngineFactory engines = SqlEngineFactory.trino(url, metastoreDir.resolve("mine"));

            assertThatThrownBy(() -> engines.create(null, URI.create("http://127.0.0.1:1")))
                    .isInstanceOf(TrinoStartException.class)
                    .hasMessageStartingWith("Cannot create the local Athena catalog awsdatacatalog in the Trino "
                            + "server at " + url + ": ")
                    .hasMessageContaining("already exists")
                    .hasMessageEndingWith("The server needs dynamic catalog management (catalog.management=dynamic) "
                            + "and the Hive and Iceberg plugins; see docs/local-athena.md");
            assertThat(catalogsOf(url)).as("the catalog the runtime did not create stays").contains("awsdatacatalog");
        } finally {
            rowsOf(url, "DROP CATALOG IF EXISTS awsdatacatalog");
        }
    }

    @Test
    void trinoUrl_whenTheServerIsStillStarting_failsWithStillStarting() throws IOException {
        HttpServer starting = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        starting.createContext("/v1/info", exchange -> {
            byte[] body = "{\"nodeVersion\":{\"version\":\"483\"},\"coordinator\":true,\"starting\":true}"
                    .getBytes(java.nio.charset.StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        starting.start();
        try {
            URI url = URI.create("http://127.0.0.1:" + starting.getAddress().getPort());

            assertThatThrownBy(() -> SqlEngineFactory.trino(url, metastoreDir))
                    .isInstanceOf(TrinoStartException.class)
                    .hasMessage("The Trino server at " + url + " is still starting: try again when it accepts queries");
        } finally {
            starting.stop(0);
        }
    }

    @Test
    void trinoUrl_whenNothingListens_failsWithCannotReach() throws IOException {
        URI closed = URI.create("http://127.0.0.1:" + closedPort());

        assertThatThrownBy(() -> SqlEngineFactory.trino(closed, metastoreDir))
                .isInstanceOf(TrinoStartException.class)
                .hasMessageStartingWith("Cannot reach the Trino server at " + closed + " (")
                .hasMessageEndingWith("): start it, or fix --trino-url");
    }

    @Test
    void trinoUrl_whenTheServerIsNotTrino_failsWithDoesNotAnswerAsTrino() throws IOException {
        HttpServer other = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        other.createContext("/", exchange -> {
            exchange.sendResponseHeaders(404, -1);
            exchange.close();
        });
        other.start();
        try {
            URI url = URI.create("http://127.0.0.1:" + other.getAddress().getPort());

            assertThatThrownBy(() -> SqlEngineFactory.trino(url, metastoreDir))
                    .isInstanceOf(TrinoStartException.class)
                    .hasMessage("The server at " + url + " does not answer as Trino (GET /v1/info gave HTTP 404): "
                            + "--trino-url must name a Trino coordinator");
        } finally {
            other.stop(0);
        }
    }

    @Test
    void trinoUrl_whenIllFormed_failsWithInvalidTrinoUrl() {
        assertThatThrownBy(() -> ExternalTrino.checkUrl("127.0.0.1:8080"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("Invalid Trino URL '127.0.0.1:8080': the scheme must be http or https");
        assertThatThrownBy(() -> ExternalTrino.checkUrl("ftp://127.0.0.1:8080"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("Invalid Trino URL 'ftp://127.0.0.1:8080': the scheme must be http or https");
        assertThatThrownBy(() -> ExternalTrino.checkUrl("http://"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("Invalid Trino URL 'http://': it is not a URL");
        assertThatThrownBy(() -> ExternalTrino.checkUrl("http://127.0.0.1:8080/v1/statement"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("it must be the server's root");
        assertThat(ExternalTrino.checkUrl("HTTP://127.0.0.1:8080/")).isEqualTo(URI.create("http://127.0.0.1:8080"));
    }

    static QueryExecution succeed(LocalAwsFixture local, String sql) {
        QueryExecution done = local.awaitDone(local.start(sql));
        assertThat(done.status().state()).as("%s: %s", sql, done.status().stateChangeReason())
                .isEqualTo(QueryExecutionState.SUCCEEDED);
        return done;
    }

    private static QueryExecution awaitDone(AthenaClient athena, String id) {
        return Await.until(() -> athena.getQueryExecution(b -> b.queryExecutionId(id)).queryExecution(),
                e -> e.status().state() != QueryExecutionState.QUEUED
                        && e.status().state() != QueryExecutionState.RUNNING, "query " + id + " to finish");
    }

    private static Path projectRoot() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.exists(dir.resolve("template.yaml")) && Files.isDirectory(dir.resolve("statemachine"))) {
                return dir;
            }
        }
        throw new IllegalStateException("no template.yaml above " + Path.of("").toAbsolutePath());
    }

    private static List<String> catalogsOf(URI url) {
        return rowsOf(url, "SHOW CATALOGS");
    }

    /** The first column of a statement's rows, run on the server directly over Trino's client protocol. */
    static List<String> rowsOf(URI url, String sql) {
        List<String> values = new ArrayList<>();
        new TrinoClient(() -> url).execute(sql, TrinoClient.Session.of(null, null), new Cancellation(),
                new TrinoClient.Rows() {
                    @Override
                    public void columns(List<TrinoClient.Column> columns) {
                    }

                    @Override
                    public void row(List<JsonNode> row) {
                        values.add(row.getFirst().asText());
                    }
                });
        return values;
    }

    private static int closedPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
