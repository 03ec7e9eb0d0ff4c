package io.athenaworkflow.local.sfn.asl.interpreter;

/**
 * Unwinds a state, branch or iteration whose work was cancelled: the execution was stopped or timed out, or a sibling
 * branch/iteration failed. Each enclosing state records its *Aborted event on the way out.
 */
final class Cancelled extends RuntimeException {

    Cancelled() {
        super("cancelled", null, false, false);
    }
}
