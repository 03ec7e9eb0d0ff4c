package io.athenaworkflow.local.sfn.asl.interpreter;

import io.athenaworkflow.local.sfn.asl.definition.MapState;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.IntConsumer;

/**
 * The Map Run of one Distributed Map state entry: its ARN, settings, status, child executions and item and child
 * execution counts, as DescribeMapRun, ListMapRuns and ListExecutions report them. The Map state updates it while its
 * children run, UpdateMapRun changes its settings; readers see a consistent snapshot.
 */
public final class MapRun {

    /** DescribeMapRun's {@code itemCounts} or {@code executionCounts}. */
    public record Counts(long pending, long running, long succeeded, long failed, long aborted, long total,
                         long resultsWritten) {
    }

    /** A child execution, the number of items it processes (one, or its batch's) and its item's (or batch's) index. */
    public record Child(Execution execution, int itemCount, int index) {
    }

    private final String arn;
    private final String executionArn;
    private final Instant startDate;
    private final MapState.ExecutionType executionType;
    private final List<Child> children = new ArrayList<>();
    private int maxConcurrency;
    private long toleratedFailureCount;
    private double toleratedFailurePercentage;
    private IntConsumer concurrencyChanged = limit -> { };
    private final Tally items;
    private final Tally executions;
    private String status = "RUNNING";
    private Instant stopDate;

    MapRun(String arn, String executionArn, MapState.ExecutionType executionType, Instant startDate,
           int maxConcurrency, int toleratedFailureCount, double toleratedFailurePercentage, long totalItems,
           long totalExecutions) {
        this.arn = arn;
        this.executionType = executionType;
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

    /** The ExecutionType of the child executions. */
    public MapState.ExecutionType executionType() {
        return executionType;
    }

    public synchronized int maxConcurrency() {
        return maxConcurrency;
    }

    public synchronized long toleratedFailureCount() {
        return toleratedFailureCount;
    }

    public synchronized double toleratedFailurePercentage() {
        return toleratedFailurePercentage;
    }

    /** The child executions started so far, in start order. */
    public synchronized List<Child> children() {
        return List.copyOf(children);
    }

    /** The number of items {@code child} processes (0 if it is not a child of this Map Run). */
    public synchronized int itemCount(Execution child) {
        return children.stream().filter(c -> c.execution() == child).mapToInt(Child::itemCount).findFirst().orElse(0);
    }

    /**
     * UpdateMapRun: new settings for a running Map Run (a null leaves that one as it is). A lower MaxConcurrency lets
     * the running children finish; a higher one starts more at once; new tolerances apply to the next failure.
     *
     * @throws IllegalStateException when the Map Run has already ended
     */
    public void update(Integer newMaxConcurrency, Long newToleratedFailureCount, Double newToleratedPercentage) {
        IntConsumer listener;
        int limit;
        synchronized (this) {
            if (!"RUNNING".equals(status)) {
                throw new IllegalStateException("Map Run " + arn + " has already ended (" + status + ")");
            }
            if (newMaxConcurrency != null) {
                maxConcurrency = newMaxConcurrency;
            }
            if (newToleratedFailureCount != null) {
                toleratedFailureCount = newToleratedFailureCount;
            }
            if (newToleratedPercentage != null) {
                toleratedFailurePercentage = newToleratedPercentage;
            }
            listener = concurrencyChanged;
            limit = maxConcurrency;
        }
        if (newMaxConcurrency != null) {
            listener.accept(limit);
        }
    }

    /** Whether {@code failedItems} failed items exceed both current tolerances. */
    synchronized boolean exceeded(long failedItems) {
        return MapSettings.exceeded(failedItems, items.total, toleratedFailureCount, toleratedFailurePercentage);
    }

    /** Hears MaxConcurrency changes (the Map state's fork). */
    synchronized void onConcurrencyChange(IntConsumer listener) {
        concurrencyChanged = listener;
    }

    /**
     * Records the child execution that processes item (or batch) {@code index}. Children are kept in item order, the
     * order the Map starts them in: children started in the same instant (on different threads) then still list in
     * a fixed order, newest (highest index) first.
     */
    synchronized void addChild(Execution child, int itemCount, int index) {
        int at = 0;
        while (at < children.size() && children.get(at).index() < index) {
            at++;
        }
        children.add(at, new Child(child, itemCount, index));
    }

    /** A ResultWriter wrote the results of {@code executionCount} children processing {@code itemCount} items. */
    synchronized void resultsWritten(long itemCount, long executionCount) {
        items.resultsWritten = itemCount;
        executions.resultsWritten = executionCount;
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
        private long resultsWritten;

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
                    total, resultsWritten);
        }
    }
}
