package io.athenaworkflow.local.athena;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import software.amazon.awssdk.services.athena.model.QueryExecution;

/**
 * Athena's partition projection ({@code projection.*} TBLPROPERTIES) on the Trino engine through the Athena API:
 * tables over objects in the local S3 read without MSCK REPAIR TABLE or ADD PARTITION, filters prune, and an
 * injected column without a filter fails as Athena documents ("Use dynamic ID partitioning").
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TrinoPartitionProjectionTest {

    private TrinoLake lake;

    @BeforeAll
    void start() {
        lake = new TrinoLake();
        for (int year = 2021; year <= 2023; year++) {
            lake.put("byyear/year=" + year + "/part.csv", year + ",a\n" + year + ",b\n" + year + ",c\n");
        }
    }

    @AfterAll
    void stop() {
        lake.close();
    }

    @Test
    void integerProjection_whenQueried_readsEveryProjectedPartitionWithoutRegisteringThem() {
        lake.succeed("CREATE EXTERNAL TABLE lake.byyear (id int, v string) PARTITIONED BY (year int) "
                + "ROW FORMAT DELIMITED FIELDS TERMINATED BY ',' LOCATION 's3://lake/byyear/' "
                + "TBLPROPERTIES ('projection.enabled' = 'true', 'projection.year.type' = 'integer', "
                + "'projection.year.range' = '2021,2023')");

        assertThat(lake.rows("SELECT year, count(*) FROM lake.byyear GROUP BY year ORDER BY year"))
                .containsExactly(List.of("2021", "3"), List.of("2022", "3"), List.of("2023", "3"));
        assertThat(lake.text("SHOW TBLPROPERTIES lake.byyear"))
                .contains("projection.enabled\ttrue", "projection.year.range\t2021,2023");
    }

    @Test
    void integerProjection_whenFilteredOnTheProjectedColumn_scansOnlyThatPartition() {
        lake.succeed("CREATE EXTERNAL TABLE lake.pruned (id int, v string) PARTITIONED BY (year int) "
                + "ROW FORMAT DELIMITED FIELDS TERMINATED BY ',' LOCATION 's3://lake/byyear/' "
                + "TBLPROPERTIES ('projection.enabled' = 'true', 'projection.year.type' = 'integer', "
                + "'projection.year.range' = '2021,2023')");
        long oneFile = lake.objects("byyear/year=2022/").getFirst().size();

        QueryExecution all = lake.succeed("SELECT * FROM lake.pruned");
        QueryExecution one = lake.succeed("SELECT * FROM lake.pruned WHERE year = 2022");

        assertThat(lake.rows(one)).containsExactlyInAnyOrder(List.of("2022", "a", "2022"),
                List.of("2022", "b", "2022"), List.of("2022", "c", "2022"));
        assertThat(one.statistics().dataScannedInBytes()).isEqualTo(oneFile);
        assertThat(all.statistics().dataScannedInBytes()).isEqualTo(3 * oneFile);
    }

    @Test
    void enumProjection_whenStorageLocationTemplateNamesCustomFolders_readsThoseFolders() {
        lake.put("regions/data-eu/x.csv", "1\n2\n");
        lake.put("regions/data-us/x.csv", "3\n");
        lake.put("regions/data-ap/x.csv", "99\n");
        lake.succeed("CREATE EXTERNAL TABLE lake.regions (n int) PARTITIONED BY (region string) "
                + "LOCATION 's3://lake/regions/' TBLPROPERTIES ('projection.enabled' = 'true', "
                + "'projection.region.type' = 'enum', 'projection.region.values' = 'eu,us', "
                + "'storage.location.template' = 's3://lake/regions/data-${region}/')");

        assertThat(lake.rows("SELECT region, sum(n) FROM lake.regions GROUP BY region ORDER BY region"))
                .as("ap is not among the projected values").containsExactly(List.of("eu", "3"), List.of("us", "3"));
    }

    @Test
    void dateAndDigitsProjection_whenFilteredOnARange_readsTheDaysAndHoursInIt() {
        lake.put("logs/dt=2024-01-01/hour=07/a.csv", "a\n");
        lake.put("logs/dt=2024-01-02/hour=07/a.csv", "b\n");
        lake.put("logs/dt=2024-01-02/hour=08/a.csv", "c\n");
        lake.put("logs/dt=2024-01-03/hour=07/a.csv", "d\n");
        lake.succeed("CREATE EXTERNAL TABLE lake.logs (msg string) PARTITIONED BY (dt string, hour int) "
                + "LOCATION 's3://lake/logs/' TBLPROPERTIES ('projection.enabled' = 'true', "
                + "'projection.dt.type' = 'date', 'projection.dt.format' = 'yyyy-MM-dd', "
                + "'projection.dt.range' = '2024-01-01,2024-01-03', 'projection.dt.interval' = '1', "
                + "'projection.dt.interval.unit' = 'DAYS', "
                + "'projection.hour.type' = 'integer', 'projection.hour.range' = '0,23', "
                + "'projection.hour.digits' = '2')");

        assertThat(lake.rows("SELECT msg, dt, hour FROM lake.logs WHERE dt >= '2024-01-02' ORDER BY msg"))
                .containsExactly(List.of("b", "2024-01-02", "7"), List.of("c", "2024-01-02", "8"),
                        List.of("d", "2024-01-03", "7"));
    }

    @Test
    void injectedProjection_whenFilteredByEquality_readsThoseDevices() {
        createDevices("devices");

        assertThat(lake.rows("SELECT device, n FROM lake.devices WHERE device IN ('d1', 'd2') ORDER BY n"))
                .containsExactly(List.of("d1", "1"), List.of("d2", "2"));
    }

    @Test
    void injectedProjection_whenNotFiltered_failsWithAthenasConstraintViolation() {
        createDevices("unfiltered");

        assertThat(lake.fail("SELECT count(*) FROM lake.unfiltered")).isEqualTo("CONSTRAINT_VIOLATION: For the "
                + "injected projected partition column device, the WHERE clause must contain only static equality "
                + "conditions, and at least one such condition must be present.");
    }

    private void createDevices(String table) {
        lake.put("devices/d1/a.csv", "1\n");
        lake.put("devices/d2/a.csv", "2\n");
        lake.succeed("CREATE EXTERNAL TABLE lake." + table + " (n int) PARTITIONED BY (device string) "
                + "LOCATION 's3://lake/devices/' TBLPROPERTIES ('projection.enabled' = 'true', "
                + "'projection.device.type' = 'injected', "
                + "'storage.location.template' = 's3://lake/devices/${device}/')");
    }
}
