package io.athenaworkflow.athena;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.athena.model.QueryExecution;
import software.amazon.awssdk.services.athena.model.QueryExecutionStatistics;
import software.amazon.awssdk.services.athena.model.ResultReuseInformation;

import java.math.BigDecimal;

import static org.assertj.core.api.Assertions.assertThat;

class QueryStatisticsTest {

    private static final long MB = 1024L * 1024;
    private static final long TB = 1L << 40;

    private static BigDecimal cost(long scannedBytes) {
        return new QueryStatistics(scannedBytes, 0, 0, 0, false).estimatedCostUsd();
    }

    @Test
    void estimatedCostUsd_whenNothingScanned_isZero() {
        assertThat(cost(0)).isEqualByComparingTo("0");
        assertThat(cost(-1)).isEqualByComparingTo("0");
    }

    @Test
    void estimatedCostUsd_whenOneByteScanned_billsTheTenMegabyteMinimum() {
        // 10 MB at USD 5 per TB = 50 / 2^20 USD = 0.0000476837158... USD, kept to 10 decimal places.
        assertThat(cost(1)).isEqualByComparingTo("0.0000476837");
        assertThat(cost(10 * MB)).isEqualByComparingTo(cost(1));
    }

    @Test
    void estimatedCostUsd_whenPastAMegabyteBoundary_roundsUpToTheNextMegabyte() {
        // 11 MB = 55 / 2^20 USD = 0.0000524520874... USD.
        assertThat(cost(10 * MB + 1)).isEqualByComparingTo("0.0000524521");
        assertThat(cost(11 * MB)).isEqualByComparingTo("0.0000524521");
        assertThat(cost(11 * MB + 1)).isGreaterThan(cost(11 * MB));
    }

    @Test
    void estimatedCostUsd_whenOneTerabyteScanned_isFiveDollars() {
        assertThat(cost(TB)).isEqualByComparingTo("5");
        assertThat(cost(TB / 2)).isEqualByComparingTo("2.5");
        assertThat(cost(3 * TB)).isEqualByComparingTo("15");
    }

    @Test
    void estimatedCostUsd_isNeverNegativeAndGrowsWithTheData() {
        BigDecimal previous = BigDecimal.ZERO;
        for (long bytes = 1; bytes < 64 * TB; bytes *= 3) {
            BigDecimal cost = cost(bytes);
            assertThat(cost).isGreaterThanOrEqualTo(previous);
            previous = cost;
        }
    }

    @Test
    void of_whenAthenaReportsNoStatistics_isAllZero() {
        QueryStatistics statistics = QueryStatistics.of(QueryExecution.builder().queryExecutionId("q").build());

        assertThat(statistics).isEqualTo(new QueryStatistics(0, 0, 0, 0, false));
    }

    @Test
    void of_whenStatisticsPartlyMissing_readsWhatIsThere() {
        QueryStatistics statistics = QueryStatistics.of(QueryExecution.builder()
                .statistics(QueryExecutionStatistics.builder().dataScannedInBytes(5L).totalExecutionTimeInMillis(900L).build())
                .build());

        assertThat(statistics).isEqualTo(new QueryStatistics(5, 0, 0, 900, false));
    }

    @Test
    void of_whenAthenaReusedAResult_saysSo() {
        QueryStatistics statistics = QueryStatistics.of(QueryExecution.builder()
                .statistics(QueryExecutionStatistics.builder().dataScannedInBytes(0L).engineExecutionTimeInMillis(10L)
                        .queryQueueTimeInMillis(20L).totalExecutionTimeInMillis(30L)
                        .resultReuseInformation(ResultReuseInformation.builder().reusedPreviousResult(true).build()).build())
                .build());

        assertThat(statistics).isEqualTo(new QueryStatistics(0, 10, 20, 30, true));
        assertThat(statistics.estimatedCostUsd()).isEqualByComparingTo("0");
    }

    @Test
    void toJson_givesEveryFieldAndTheCostAsANumber() {
        ObjectNode json = new QueryStatistics(TB, 1, 2, 3, false).toJson();

        assertThat(json.get("dataScannedBytes").asLong()).isEqualTo(TB);
        assertThat(json.get("engineExecutionMillis").asLong()).isEqualTo(1);
        assertThat(json.get("queueMillis").asLong()).isEqualTo(2);
        assertThat(json.get("totalExecutionMillis").asLong()).isEqualTo(3);
        assertThat(json.get("reusedPreviousResult").asBoolean()).isFalse();
        assertThat(json.get("estimatedCostUsd").isNumber()).isTrue();
        assertThat(json.get("estimatedCostUsd").decimalValue()).isEqualByComparingTo("5");
    }
}
