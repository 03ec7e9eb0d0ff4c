package io.athenaworkflow.local.faults;

/** One rule of a {@link FaultPlan}: which calls of which service fail, and how. */
public sealed interface FaultRule permits AthenaFault, S3Fault, LambdaFault {

    /** Which of the calls the rule matches fail. */
    Calls calls();
}
