package io.athenaworkflow.local.template;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A template as the local runtime deploys it.
 *
 * @param stackName {@code AWS::StackName}
 * @param region {@code AWS::Region}
 * @param accountId {@code AWS::AccountId}
 * @param parameters every parameter's effective value (list parameters comma-joined)
 * @param functions the functions, in template order
 * @param stateMachines the state machines, in template order
 * @param rules the EventBridge rules, in template order
 * @param outputs the Outputs' values by output name (outputs whose condition is false are left out)
 * @param ignored the resources accepted but not created locally
 */
public record DeployedTemplate(
        String stackName,
        String region,
        String accountId,
        Map<String, String> parameters,
        List<FunctionDeployment> functions,
        List<StateMachineDeployment> stateMachines,
        List<RuleDeployment> rules,
        Map<String, String> outputs,
        List<IgnoredResource> ignored) {

    public DeployedTemplate {
        parameters = Map.copyOf(parameters);
        functions = List.copyOf(functions);
        stateMachines = List.copyOf(stateMachines);
        rules = List.copyOf(rules);
        outputs = Map.copyOf(outputs);
        ignored = List.copyOf(ignored);
    }

    /** The function with this logical id. */
    public Optional<FunctionDeployment> function(String logicalId) {
        return functions.stream().filter(f -> f.logicalId().equals(logicalId)).findFirst();
    }

    /** The state machine with this logical id. */
    public Optional<StateMachineDeployment> stateMachine(String logicalId) {
        return stateMachines.stream().filter(s -> s.logicalId().equals(logicalId)).findFirst();
    }

    /** The rule with this logical id. */
    public Optional<RuleDeployment> rule(String logicalId) {
        return rules.stream().filter(r -> r.logicalId().equals(logicalId)).findFirst();
    }
}
