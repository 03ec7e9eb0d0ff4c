package io.athenaworkflow.local.template;

import java.util.List;
import java.util.Objects;

/**
 * An {@code AWS::Serverless::StateMachine} ready to create.
 *
 * @param logicalId the resource's id in the template
 * @param name Name, else {@code <stack>-<LogicalId>}
 * @param arn {@code arn:aws:states:<region>:<account>:stateMachine:<name>}
 * @param type STANDARD or EXPRESS
 * @param definition the ASL definition as JSON text, DefinitionSubstitutions applied
 * @param roleArn Role, else the ARN of the role SAM generates ({@code <stack>-<LogicalId>Role})
 * @param logging Logging, else level OFF
 * @param tracingEnabled Tracing.Enabled (X-Ray), else false
 */
public record StateMachineDeployment(String logicalId, String name, String arn, String type, String definition,
                                     String roleArn, Logging logging, boolean tracingEnabled) {

    public StateMachineDeployment {
        Objects.requireNonNull(logging, "logging");
    }

    /**
     * The state machine's Logging, as CloudFormation passes it to CreateStateMachine's {@code loggingConfiguration}.
     *
     * @param level ALL, ERROR, FATAL or OFF
     * @param includeExecutionData IncludeExecutionData (default false)
     * @param logGroupArns each {@code Destinations[].CloudWatchLogsLogGroup.LogGroupArn}
     */
    public record Logging(String level, boolean includeExecutionData, List<String> logGroupArns) {

        public Logging {
            Objects.requireNonNull(level, "level");
            logGroupArns = List.copyOf(logGroupArns);
        }

        /** What a state machine without Logging gets: level OFF. */
        public static Logging off() {
            return new Logging("OFF", false, List.of());
        }
    }
}
