/** The embedded local runtime: S3, Athena, Lambda, EventBridge and Step Functions in one process. */
package io.athenaworkflow.local;
