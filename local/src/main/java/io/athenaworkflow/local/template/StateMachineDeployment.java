package io.athenaworkflow.local.template;

/**
 * An {@code AWS::Serverless::StateMachine} ready to create.
 *
 * @param logicalId the resource's id in the template
 * @param name Name, else {@code <stack>-<LogicalId>}
 * @param arn {@code arn:aws:states:<region>:<account>:stateMachine:<name>}
 * @param type STANDARD or EXPRESS
 * @param definition the ASL definition as JSON text, DefinitionSubstitutions applied
 */
public record StateMachineDeployment(String logicalId, String name, String arn, String type, String definition) {
}
