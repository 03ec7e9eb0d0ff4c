package io.athenaworkflow.local.template;

/**
 * A resource the local runtime accepts but does not create (IAM roles, log groups, ...): kept so that references to
 * it still resolve and so that a caller can list what was skipped.
 *
 * @param logicalId the resource's id in the template
 * @param type its CloudFormation type
 * @param physicalName what {@code Ref} returns for it
 */
public record IgnoredResource(String logicalId, String type, String physicalName) {
}
