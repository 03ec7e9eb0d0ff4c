package io.athenaworkflow.local.sfn.api;

import io.athenaworkflow.local.sfn.asl.interpreter.Execution;

/**
 * An execution the service started: the interpreter's execution, the state machine revision it runs, its place in
 * start order (ListExecutions is newest first, and a virtual clock can start several at the same instant) and the
 * request values the API echoes back, and the version and alias it was started through (null when started through
 * the state machine ARN).
 */
record ExecutionEntry(Execution execution, StateMachineRecord machine, long sequence, String input,
                      String traceHeader, String versionArn, String aliasArn) {

    String arn() {
        return execution.context().executionArn();
    }

    /** The state machine's ARN; a Distributed Map's child runs {@code MACHINE/LABEL}, the Map Run's. */
    String stateMachineArn() {
        return execution.mapRunArn().isPresent() ? execution.context().stateMachineArn() : machine.arn();
    }
}
