package io.athenaworkflow.local.sfn.asl.definition;

/** A retrier's {@code JitterStrategy}: {@code FULL} randomises each interval between 0 and its computed value. */
public enum JitterStrategy {
    NONE,
    FULL
}
