package io.athenaworkflow.local.sfn.api;

/** A state machine's type. EXPRESS machines are accepted and run exactly like STANDARD ones locally. */
public enum StateMachineType {
    STANDARD,
    EXPRESS
}
