/**
 * Reads a SAM/CloudFormation template the way {@code sam deploy} would deploy it (refusing, with the SAM transform's
 * own messages, what the transform refuses), into an immutable
 * {@link io.athenaworkflow.local.template.DeployedTemplate}: parameters, pseudo parameters, conditions and intrinsic
 * functions resolved, SAM Globals merged, physical names and ARNs assigned. Entry point:
 * {@link io.athenaworkflow.local.template.TemplateLoader#load(java.nio.file.Path, DeploymentConfig)}.
 */
package io.athenaworkflow.local.template;
