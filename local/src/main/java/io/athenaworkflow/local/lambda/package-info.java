/**
 * The local Lambda host: runs Java functions from their deployment package (the {@code sam build} layout, see
 * {@link io.athenaworkflow.local.lambda.DeploymentPackage}) in-process, each execution environment in its own
 * class loader, the way the Lambda Java runtime runs them (handler lookup, Context, reserved environment variables,
 * error documents, timeouts, concurrency). Entry point: {@link io.athenaworkflow.local.lambda.LocalLambda}; callers
 * depend on {@link io.athenaworkflow.local.lambda.LambdaService} so that decorators (fault injection) can wrap it.
 */
package io.athenaworkflow.local.lambda;
