/**
 * The local EventBridge default bus: rules matched with AWS's own pattern library (event-ruler), asynchronous
 * delivery to state machines and functions through {@link io.athenaworkflow.local.events.EventTargets}, and factories
 * for the AWS service events the runtime emits (S3 "Object Created", Step Functions "Execution Status Change").
 */
package io.athenaworkflow.local.events;
