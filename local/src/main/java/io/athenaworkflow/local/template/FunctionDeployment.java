package io.athenaworkflow.local.template;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * An {@code AWS::Serverless::Function} after Globals, parameters and intrinsics: what the local Lambda host needs to
 * run it.
 *
 * @param logicalId the resource's id in the template
 * @param name the function name (FunctionName, else {@code <stack>-<LogicalId>})
 * @param arn the unqualified function ARN
 * @param handler {@code package.Class::method} or {@code package.Class}
 * @param runtime e.g. {@code java25}
 * @param codeUri the CodeUri as written in the template
 * @param code the jar (or classes folder) the caller mapped that CodeUri to
 * @param timeoutSeconds Timeout (default 3)
 * @param memoryMb MemorySize (default 128)
 * @param environment Environment.Variables, Globals merged, every value a string
 * @param alias AutoPublishAlias, or null when the function publishes no alias
 * @param aliasArn the alias ARN ({@code <arn>:<alias>}), or null without an alias
 * @param reservedConcurrency ReservedConcurrentExecutions, or null when unreserved
 * @param logGroup LoggingConfig.LogGroup, else {@code /aws/lambda/<name>}
 * @param architectures Architectures (default {@code [x86_64]}); informational locally
 */
public record FunctionDeployment(
        String logicalId,
        String name,
        String arn,
        String handler,
        String runtime,
        String codeUri,
        Path code,
        int timeoutSeconds,
        int memoryMb,
        Map<String, String> environment,
        String alias,
        String aliasArn,
        Integer reservedConcurrency,
        String logGroup,
        List<String> architectures) {

    public FunctionDeployment {
        environment = Map.copyOf(environment);
        architectures = List.copyOf(architectures);
    }

    /** The ARN a state machine or rule should invoke: the alias ARN when there is one, else the function ARN. */
    public String invokeArn() {
        return aliasArn != null ? aliasArn : arn;
    }
}
