package io.athenaworkflow.local.sfn.asl.interpreter;

import java.time.Instant;
import java.util.Optional;

/**
 * The Map Run of one Distributed Map state entry: its ARN, settings, status and item counts, as DescribeMapRun and
 * ListMapRuns report them. The Map state updates it while its iterations run; readers see a consistent snapshot.
 */
public final class MapRun {

    /** The item counts of DescribeMapRun's {@code itemCounts}. */
    public record Counts(long pending, long running, long succeeded, long failed, long aborted, long total) {
    }

    private final String arn;
    private final String executionArn;
    private final Instant startDate;
    private final int maxConcurrency;
    private final int toleratedFailureCount;
    private final double toleratedFailurePercentage;
    private final long total;
    private long running;
    private long succeeded;
    private long failed;
    private long aborted;
    private String status = "RUNNING";
    private Instant stopDate;

    MapRun(String arn, String executionArn, Instant startDate, int maxConcurrency, int toleratedFailureCount,
           double toleratedFailurePercentage, long total) {
        this.arn = arn;
        this.executionArn = executionArn;
        this.startDate = startDate;
        this.maxConcurrency = maxConcurrency;
        this.toleratedFailureCount = toleratedFailureCount;
        this.toleratedFailurePercentage = toleratedFailurePercentage;
        this.total = total;
    }

    public String arn() {
        return arn;
    }

    public String executionArn() {
        return executionArn;
    }

    public Instant startDate() {
        return startDate;
    }

    public int maxConcurrency() {
        return maxConcurrency;
    }

    public int toleratedFailureCount() {
        return toleratedFailureCount;
    }

    public double toleratedFailurePercentage() {
        return toleratedFailurePercentage;
    }

    /** RUNNING, SUCCEEDED, FAILED or ABORTED. */
    public synchronized String status() {
        return status;
    }

    public synchronized Optional<Instant> stopDate() {
        return Optional.ofNullable(stopDate);
    }

    public synchronized Counts counts() {
        return new Counts(total - running - succeeded - failed - aborted, running, succeeded, failed, aborted, total);
    }

    synchronized void itemStarted() {
        running++;
    }

    synchronized void itemSucceeded() {
        running--;
        succeeded++;
    }

    synchronized void itemFailed() {
        running--;
        failed++;
    }

    synchronized void itemAborted() {
        running--;
        aborted++;
    }

    /** Ends the run; items a failed or aborted run never started count as aborted. */
    synchronized void end(String endStatus, Instant when) {
        if (!"SUCCEEDED".equals(endStatus)) {
            aborted += total - running - succeeded - failed - aborted;
        }
        status = endStatus;
        stopDate = when;
    }
}
