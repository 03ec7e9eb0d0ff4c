package io.athenaworkflow.local.cli;

import java.io.PrintWriter;
import java.util.function.Consumer;

/** Prints an execution's progress lines as its events arrive (from whichever thread records them). */
final class ProgressPrinter implements Consumer<ProgressEvent> {

    private final ProgressRenderer renderer = new ProgressRenderer();
    private final PrintWriter err;

    ProgressPrinter(PrintWriter err) {
        this.err = err;
    }

    @Override
    public synchronized void accept(ProgressEvent event) {
        for (String line : renderer.lines(event)) {
            err.println(line);
        }
        err.flush();
    }
}
