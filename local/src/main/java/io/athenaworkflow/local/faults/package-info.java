/**
 * Fault injection for the embedded runtime: a {@link io.athenaworkflow.local.faults.FaultPlan} says which calls of
 * Athena, S3 and Lambda fail and how; {@link io.athenaworkflow.local.faults.Faults} wraps the services in decorators
 * that answer those calls with the service's own errors (Athena's JSON errors, S3's error XML, Lambda's service
 * exceptions and {@code Runtime.ExitError}) and records every fault injected. The services themselves carry no fault
 * flags. Install a plan with {@code LocalRuntimeConfig.withFaults(plan)}; see {@code docs/fault-injection.md}.
 */
package io.athenaworkflow.local.faults;
