package io.athenaworkflow.local.sfn.asl.interpreter;

import java.time.Instant;
import java.util.Optional;

/**
 * The Map Run of one Distributed Map state entry: its ARN, settings, status and item and child execution counts, as DescribeMapRun and
 * ListMapRuns report them. The Map state updates it while its iterations run; readers see a consistent snapshot.
 */
public final class MapRun {

    /** DescribeMapRun's {@code itemCounts} or {@code executionCounts}. */
    public record Counts(long pending, long running, long succeeded, long failed, long aborted, long total) {
    }

    private final String arn;
    private final String executionArn;
    private final Instant startDate;
    private final int maxConcurrency;
    private final int toleratedFailureCount;
    private final double toleratedFailurePercentage;
    private final Tally items;
    private final Tally executions;
    private String status = "RUNNING";
    private Instant stopDate;

    MapRun(String arn, String executionArn, Instant startDate, int maxConcurrency, int toleratedFailureCount,
           double toleratedFailurePercentage, long totalItems, long totalExecutions) {
        this.arn = arn;
        this.executionArn = executionArn;
        this.startDate = startDate;
        this.maxConcurrency = maxConcurrency;
        this.toleratedFailureCount = toleratedFailureCount;
        this.toleratedFailurePercentage = toleratedFailurePercentage;
        this.items = new Tally(totalItems);
        this.executions = new Tally(totalExecutions);
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

    /** DescribeMapRun's {@code itemCounts}. */
    public synchronized Counts counts() {
        return items.counts();
    }

    /** DescribeMapRun's {@code executionCounts}: one child execution per item, or per batch with an ItemBatcher. */
    public synchronized Counts executionCounts() {
        return executions.counts();
    }

    /** A child execution of {@code n} items (one, or a batch's) started. */
    synchronized void started(int n) {
        items.running += n;
        executions.running++;
    }

    synchronized void succeeded(int n) {
        items.move(n).succeeded += n;
        executions.move(1).succeeded++;
    }

    synchronized void failed(int n) {
        items.move(n).failed += n;
        executions.move(1).failed++;
    }

    synchronized void aborted(int n) {
        items.move(n).aborted += n;
        executions.move(1).aborted++;
    }

    /** Ends the run; items and executions a failed or aborted run never started count as aborted. */
    synchronized void end(String endStatus, Instant when) {
        if (!"SUCCEEDED".equals(endStatus)) {
            items.abortPending();
            executions.abortPending();
        }
        status = endStatus;
        stopDate = when;
    }

    /** One set of counts (items or child executions); guarded by the MapRun's lock. */
    private static final class Tally {
        private final long total;
        private long running;
        private long succeeded;
        private long failed;
        private long aborted;

        Tally(long total) {
            this.total = total;
        }

        /** Takes {@code n} off running, for the caller to add to the count it ended in. */
        Tally move(long n) {
            running -= n;
            return this;
        }

        void abortPending() {
            aborted += total - running - succeeded - failed - aborted;
        }

        Counts counts() {
            return new Counts(total - running - succeeded - failed - aborted, running, succeeded, failed, aborted,
                    total);
        }
    }
}
