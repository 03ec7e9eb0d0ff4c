package io.athenaworkflow.local.athena.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.athenaworkflow.local.athena.engine.catalog.CatalogTable;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DdlStatementsTest {

    private static final String CREATE_SALES = """
            CREATE EXTERNAL TABLE IF NOT EXISTS sales.orders (
              `id` bigint COMMENT 'order id',
              customer string,
              amount decimal(10,2),
              tags array<string>,
              attrs map<string,int>,
              address struct<city:string,zip:varchar(5)>
            )
            COMMENT 'all orders'
            PARTITIONED BY (dt string, region string)
            ROW FORMAT SERDE 'org.apache.hadoop.hive.serde2.OpenCSVSerde'
            WITH SERDEPROPERTIES ('separatorChar' = ',', 'quoteChar' = '"', 'escapeChar' = '\\\\')
            STORED AS TEXTFILE
            LOCATION 's3://data/orders'
            TBLPROPERTIES ('skip.header.line.count'='1', 'has_encrypted_data'='false')
            """;

    @TempDir
    Path dir;
    EngineFixture fx;

    @BeforeEach
    void setUp() {
        fx = new EngineFixture(dir);
    }

    @AfterEach
    void tearDown() {
        fx.close();
    }

    @Test
    void createDatabase_whenNew_isListedBySHOW_DATABASES() {
        StatementOutcome outcome = fx.outcome("CREATE DATABASE sales COMMENT 'sales data' LOCATION 's3://data/sales/'");

        assertThat(outcome.statementType()).isEqualTo("DDL");
        assertThat(outcome.substatementType()).isEqualTo("CREATE_DATABASE");
        CollectingSink show = fx.run("SHOW DATABASES");
        assertThat(show.format).isEqualTo(ResultFormat.TEXT);
        assertThat(show.lines()).containsExactly("default", "sales");
        assertThat(fx.run("SHOW SCHEMAS LIKE 'sal.*'").lines()).containsExactly("sales");
        assertThat(fx.engine.catalog().database("SALES").orElseThrow().description()).isEqualTo("sales data");
    }

    @Test
    void createDatabase_whenItExists_failsUnlessIfNotExists() {
        fx.run("CREATE SCHEMA sales");

        assertThatThrownBy(() -> fx.run("CREATE DATABASE sales"))
                .isInstanceOf(QueryFailure.class).hasMessageContaining("Database sales already exists");
        fx.run("CREATE DATABASE IF NOT EXISTS sales");
        assertThat(fx.run("SHOW DATABASES").lines()).containsExactly("default", "sales");
    }

    @Test
    void createTable_whenFullHiveDdl_isStoredWithAthenaMetadata() {
        fx.run("CREATE DATABASE sales");
        StatementOutcome outcome = fx.outcome(CREATE_SALES);

        assertThat(outcome.substatementType()).isEqualTo("CREATE_TABLE");
        CatalogTable table = fx.engine.catalog().table("sales", "ORDERS").orElseThrow();
        assertThat(table.tableType()).isEqualTo("EXTERNAL_TABLE");
        assertThat(table.columns()).extracting(c -> c.name() + ":" + c.type()).containsExactly(
                "id:bigint", "customer:string", "amount:decimal(10,2)", "tags:array<string>", "attrs:map<string,int>",
                "address:struct<city:string,zip:varchar(5)>");
        assertThat(table.columns().get(0).comment()).isEqualTo("order id");
        assertThat(table.partitionKeys()).extracting(c -> c.name()).containsExactly("dt", "region");
        assertThat(table.location()).isEqualTo("s3://data/orders/");
        assertThat(table.parameters())
                .containsEntry("EXTERNAL", "TRUE")
                .containsEntry("serde.serialization.lib", "org.apache.hadoop.hive.serde2.OpenCSVSerde")
                .containsEntry("serde.param.separatorChar", ",")
                .containsEntry("serde.param.escapeChar", "\\")
                .containsEntry("skip.header.line.count", "1")
                .containsEntry("inputformat", "org.apache.hadoop.mapred.TextInputFormat");
        assertThat(fx.run("SHOW TABLES IN sales").lines()).containsExactly("orders");
    }

    @Test
    void describe_whenPartitioned_printsHiveLayoutWithPartitionSection() {
        fx.run("CREATE DATABASE sales");
        fx.run(CREATE_SALES);

        CollectingSink describe = fx.run("DESCRIBE sales.orders");

        assertThat(describe.lines()).first().isEqualTo(
                "id                  \tbigint              \torder id            ");
        assertThat(describe.lines()).containsExactly(
                "id                  \tbigint              \torder id            ",
                "customer            \tstring              \t                    ",
                "amount              \tdecimal(10,2)       \t                    ",
                "tags                \tarray<string>       \t                    ",
                "attrs               \tmap<string,int>     \t                    ",
                "address             \tstruct<city:string,zip:varchar(5)>\t                    ",
                "dt                  \tstring              \t                    ",
                "region              \tstring              \t                    ",
                "                    \t                    \t                    ",
                "# Partition Information\t                    \t                    ",
                "# col_name          \tdata_type           \tcomment             ",
                "                    \t                    \t                    ",
                "dt                  \tstring              \t                    ",
                "region              \tstring              \t                    ");
        assertThat(fx.outcome("DESCRIBE sales.orders").statementType()).isEqualTo("UTILITY");
        assertThat(fx.run("DESCRIBE FORMATTED sales.orders").lines())
                .anyMatch(l -> l.startsWith("Location:") && l.contains("s3://data/orders/"))
                .anyMatch(l -> l.contains("OpenCSVSerde"));
    }

    @Test
    void showColumnsAndShowCreateTable_whenTableExists_listIt() {
        fx.run("CREATE DATABASE sales");
        fx.run(CREATE_SALES);

        assertThat(fx.run("SHOW COLUMNS IN orders IN sales").lines())
                .containsExactly("id", "customer", "amount", "tags", "attrs", "address", "dt", "region");
        List<String> ddl = fx.run("SHOW CREATE TABLE sales.orders").lines();
        assertThat(ddl.get(0)).isEqualTo("CREATE EXTERNAL TABLE `sales`.`orders`(");
        assertThat(ddl).contains("  `id` bigint COMMENT 'order id', ", "PARTITIONED BY ( ",
                "  'org.apache.hadoop.hive.serde2.OpenCSVSerde' ", "  's3://data/orders/'");
        // The printed DDL creates the same table again.
        fx.run("DROP TABLE sales.orders");
        fx.run(String.join("\n", ddl));
        assertThat(fx.engine.catalog().table("sales", "orders").orElseThrow().columns()).hasSize(6);
    }

    @Test
    void catalog_whenEngineRestarts_isReloadedFromDisk() {
        fx.run("CREATE DATABASE sales");
        fx.run(CREATE_SALES);
        fx.run("ALTER TABLE sales.orders ADD PARTITION (dt='2024-01-01', region='eu')");

        fx.close();
        DuckDbSqlEngine restarted = fx.open();

        assertThat(restarted.catalog().databases()).extracting(d -> d.name()).containsExactly("default", "sales");
        assertThat(restarted.catalog().table("sales", "orders").orElseThrow())
                .isEqualTo(fx.engine.catalog().table("sales", "orders").orElseThrow());
        assertThat(restarted.catalog().partitions("sales", "orders")).singleElement()
                .satisfies(p -> assertThat(p.location()).isEqualTo("s3://data/orders/dt=2024-01-01/region=eu/"));
        restarted.close();
    }

    @Test
    void dropTable_whenMissing_failsUnlessIfExists() {
        assertThatThrownBy(() -> fx.run("DROP TABLE nosuch"))
                .isInstanceOf(QueryFailure.class)
                .hasMessage("FAILED: SemanticException [Error 10001]: Table not found default.nosuch")
                .extracting(e -> ((QueryFailure) e).errorCategory()).isEqualTo(2);
        fx.run("DROP TABLE IF EXISTS nosuch");
    }

    @Test
    void dropDatabase_whenItHasTables_needsCascade() {
        fx.run("CREATE DATABASE sales");
        fx.run(CREATE_SALES);

        assertThatThrownBy(() -> fx.run("DROP DATABASE sales"))
                .isInstanceOf(QueryFailure.class).hasMessageContaining("is not empty");
        fx.run("DROP DATABASE sales CASCADE");
        assertThat(fx.run("SHOW DATABASES").lines()).containsExactly("default");
        assertThatThrownBy(() -> fx.run("DROP DATABASE sales"))
                .isInstanceOf(QueryFailure.class).hasMessageContaining("Database does not exist: sales");
        fx.run("DROP SCHEMA IF EXISTS sales");
    }

    @Test
    void createTable_whenStoredAsOrc_failsAsNotSupportedLocally() {
        assertThatThrownBy(() -> fx.run("CREATE EXTERNAL TABLE t (a int) STORED AS ORC LOCATION 's3://data/t/'"))
                .isInstanceOf(QueryFailure.class)
                .hasMessageStartingWith("NOT_SUPPORTED: STORED AS ORC is not supported locally");
    }

    @Test
    void createTable_whenSyntaxIsWrong_reportsPositionAndExpectation() {
        assertThatThrownBy(() -> fx.run("CREATE EXTERNAL TABLE t (a int\n  b string) LOCATION 's3://data/t/'"))
                .isInstanceOf(QueryFailure.class)
                .hasMessage("SYNTAX_ERROR: line 2:3: mismatched input 'b'. Expecting: ')'");
        assertThatThrownBy(() -> fx.run("CREATE EXTERNAL TABLE t (a integr) LOCATION 's3://data/t/'"))
                .isInstanceOf(QueryFailure.class).hasMessageContaining("Unknown type 'integr'");
        assertThatThrownBy(() -> fx.run("CREATE EXTERNAL TABLE t (a int)"))
                .isInstanceOf(QueryFailure.class).hasMessageContaining("needs a LOCATION");
        assertThatThrownBy(() -> fx.run("CREATE TABLE t (a int) LOCATION 's3://data/t/'"))
                .isInstanceOf(QueryFailure.class).hasMessageContaining("Only external table creation is supported");
        assertThatThrownBy(() -> fx.run("CREATE TABLE t (a int) STORED AS PARQUET LOCATION 's3://data/t/'"))
                .isInstanceOf(QueryFailure.class).hasMessageContaining("Only external table creation is supported");
    }

    @Test
    void rowFormatDelimited_whenGiven_becomesLazySimpleSerDeProperties() {
        fx.run("""
                CREATE EXTERNAL TABLE logs (line string, n int)
                ROW FORMAT DELIMITED FIELDS TERMINATED BY '\\t' ESCAPED BY '\\\\' LINES TERMINATED BY '\\n'
                LOCATION 's3://data/logs/'""");

        CatalogTable table = fx.engine.catalog().table("default", "logs").orElseThrow();
        assertThat(table.serde().serializationLibrary()).isEqualTo("org.apache.hadoop.hive.serde2.lazy.LazySimpleSerDe");
        assertThat(table.serde().parameters()).containsEntry("field.delim", "\t").containsEntry("escape.delim", "\\")
                .containsEntry("line.delim", "\n");
    }

    @Test
    void alterTablePartitions_whenAddedAndDropped_areShownByShowPartitions() {
        fx.run("CREATE DATABASE sales");
        fx.run(CREATE_SALES);

        StatementOutcome add = fx.outcome("ALTER TABLE sales.orders ADD IF NOT EXISTS PARTITION (dt='2024-01-02', region='us') "
                + "PARTITION (region='eu', dt='2024-01-01') LOCATION 's3://elsewhere/eu/'");

        assertThat(add.substatementType()).isEqualTo("ALTER_TABLE_ADD_PARTITION");
        assertThat(fx.run("SHOW PARTITIONS sales.orders").lines())
                .containsExactly("dt=2024-01-01/region=eu", "dt=2024-01-02/region=us");
        assertThatThrownBy(() -> fx.run("ALTER TABLE sales.orders ADD PARTITION (dt='2024-01-02', region='us')"))
                .isInstanceOf(QueryFailure.class).hasMessageContaining("Partition already exists");
        assertThatThrownBy(() -> fx.run("ALTER TABLE sales.orders ADD PARTITION (dt='2024-01-02')"))
                .isInstanceOf(QueryFailure.class).hasMessageContaining("does not match the partition keys");
        fx.run("ALTER TABLE sales.orders DROP PARTITION (dt='2024-01-01', region='eu')");
        assertThat(fx.run("SHOW PARTITIONS sales.orders").lines()).containsExactly("dt=2024-01-02/region=us");
    }

    @Test
    void msckRepair_whenKeyValueFoldersExist_addsMissingPartitions() {
        fx.run("CREATE EXTERNAL TABLE ev (v string) PARTITIONED BY (dt string) LOCATION 's3://data/ev/'");
        fx.store.put("data", "ev/dt=2024-01-01/a.csv", "x\n");
        fx.store.put("data", "ev/dt=2024-01-02/b.csv", "y\n");
        fx.store.put("data", "ev/_temporary/c.csv", "z\n");
        fx.store.put("data", "ev/notapartition.csv", "z\n");

        CollectingSink repair = fx.run("MSCK REPAIR TABLE ev");

        assertThat(repair.lines()).containsExactly("Partitions not in metastore:\tev:dt=2024-01-01\tev:dt=2024-01-02",
                "Repair: Added partition to metastore ev:dt=2024-01-01",
                "Repair: Added partition to metastore ev:dt=2024-01-02");
        assertThat(fx.run("SHOW PARTITIONS ev").lines()).containsExactly("dt=2024-01-01", "dt=2024-01-02");
        assertThat(fx.run("MSCK REPAIR TABLE ev").lines()).isEmpty();
    }

    @Test
    void showTables_whenPatternGiven_filtersWithHiveWildcards() {
        fx.run("CREATE EXTERNAL TABLE orders (a int) LOCATION 's3://d/o/'");
        fx.run("CREATE EXTERNAL TABLE order_items (a int) LOCATION 's3://d/oi/'");
        fx.run("CREATE EXTERNAL TABLE customers (a int) LOCATION 's3://d/c/'");

        assertThat(fx.run("SHOW TABLES").lines()).containsExactly("customers", "order_items", "orders");
        assertThat(fx.run("SHOW TABLES 'order*'").lines()).containsExactly("order_items", "orders");
        assertThat(fx.run("SHOW TABLES IN default 'cust*|orders'").lines()).containsExactly("customers", "orders");
        assertThat(fx.outcome("SHOW TABLES").substatementType()).isEqualTo("SHOW_TABLES");
    }

    @Test
    void ddl_whenTableUnknown_failsWithHiveMessage() {
        assertThatThrownBy(() -> fx.run("DESCRIBE nosuch"))
                .isInstanceOf(QueryFailure.class)
                .hasMessage("FAILED: SemanticException [Error 10001]: Table not found default.nosuch");
    }
}
