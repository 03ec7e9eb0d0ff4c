package io.athenaworkflow.athena;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import software.amazon.awssdk.services.athena.model.QueryExecution;
import software.amazon.awssdk.services.athena.model.QueryExecutionStatistics;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * A query's statistics as every step reports them, with the estimated cost of the data scanned.
 *
 * @param dataScannedBytes bytes Athena scanned (what it bills)
 * @param engineExecutionMillis time the engine spent running the query
 * @param queueMillis time spent queued
 * @param totalExecutionMillis time from submission to completion
 * @param reusedPreviousResult whether Athena answered from a previous query's result (nothing scanned)
 */
public record QueryStatistics(
        long dataScannedBytes,
        long engineExecutionMillis,
        long queueMillis,
        long totalExecutionMillis,
        boolean reusedPreviousResult) {

    /** Athena's price for SQL queries: USD 5 per TB (2^40 bytes) scanned. */
    public static final BigDecimal USD_PER_TB_SCANNED = new BigDecimal("5");
    /** Athena bills at least 10 MB per query that scans data, and rounds up to whole megabytes. */
    public static final long MINIMUM_BILLED_BYTES = 10L * 1024 * 1024;
    private static final long MEGABYTE = 1024L * 1024;
    private static final BigDecimal TERABYTE = BigDecimal.valueOf(1L << 40);

    /** Statistics of a query execution; zero for what Athena has not reported yet. */
    public static QueryStatistics of(QueryExecution execution) {
        QueryExecutionStatistics s = execution.statistics();
        if (s == null) {
            return new QueryStatistics(0, 0, 0, 0, false);
        }
        return new QueryStatistics(
                orZero(s.dataScannedInBytes()),
                orZero(s.engineExecutionTimeInMillis()),
                orZero(s.queryQueueTimeInMillis()),
                orZero(s.totalExecutionTimeInMillis()),
                s.resultReuseInformation() != null && Boolean.TRUE.equals(s.resultReuseInformation().reusedPreviousResult()));
    }

    /**
     * The estimated cost in USD: nothing when nothing was scanned (DDL, reused results, failures before the scan),
     * else the scanned bytes rounded up to a megabyte, at least 10 MB, at USD 5 per TB.
     */
    public BigDecimal estimatedCostUsd() {
        if (dataScannedBytes <= 0) {
            return BigDecimal.ZERO;
        }
        long billed = Math.max(MINIMUM_BILLED_BYTES, Math.ceilDiv(dataScannedBytes, MEGABYTE) * MEGABYTE);
        return USD_PER_TB_SCANNED.multiply(BigDecimal.valueOf(billed)).divide(TERABYTE, 10, RoundingMode.HALF_UP)
                .stripTrailingZeros();
    }

    public ObjectNode toJson() {
        ObjectNode node = JsonNodeFactory.instance.objectNode();
        node.put("dataScannedBytes", dataScannedBytes);
        node.put("engineExecutionMillis", engineExecutionMillis);
        node.put("queueMillis", queueMillis);
        node.put("totalExecutionMillis", totalExecutionMillis);
        node.put("reusedPreviousResult", reusedPreviousResult);
        node.put("estimatedCostUsd", estimatedCostUsd());
        return node;
    }

    private static long orZero(Long value) {
        return value == null ? 0 : value;
    }
}
