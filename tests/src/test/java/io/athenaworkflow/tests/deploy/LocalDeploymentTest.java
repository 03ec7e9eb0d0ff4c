package io.athenaworkflow.tests.deploy;

import io.athenaworkflow.tests.e2e.LocalWorkflow;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sfn.model.DescribeStateMachineResponse;
import software.amazon.awssdk.services.sfn.model.LogLevel;
import software.amazon.awssdk.services.sfn.model.StateMachineType;

import static org.assertj.core.api.Assertions.assertThat;

/** The real template deployed on the local runtime, described through the Step Functions API as on AWS. */
class LocalDeploymentTest {

    private static LocalWorkflow workflow;

    @BeforeAll
    static void start() {
        workflow = new LocalWorkflow();
    }

    @AfterAll
    static void stop() {
        workflow.close();
    }

    @Test
    void describeStateMachine_whenTemplateDeployed_reportsTheTemplatesLoggingConfiguration() {
        DescribeStateMachineResponse machine = describe();

        assertThat(machine.loggingConfiguration().level()).isEqualTo(LogLevel.ALL);
        assertThat(machine.loggingConfiguration().includeExecutionData()).isTrue();
        assertThat(machine.loggingConfiguration().destinations()).hasSize(1);
        assertThat(machine.loggingConfiguration().destinations().getFirst().cloudWatchLogsLogGroup().logGroupArn())
                .isEqualTo("arn:aws:logs:us-east-1:000000000000:log-group:/aws/vendedlogs/states/athena-workflow"
                        + "-athena-query:*");
    }

    @Test
    void describeStateMachine_whenTemplateDeployed_reportsXRayTracingTheTypeAndTheTemplatesRole() {
        DescribeStateMachineResponse machine = describe();

        assertThat(machine.tracingConfiguration().enabled()).isTrue();
        assertThat(machine.type()).isEqualTo(StateMachineType.STANDARD);
        assertThat(machine.name()).isEqualTo("athena-workflow-athena-query");
        assertThat(machine.roleArn()).startsWith("arn:aws:iam::000000000000:role/").contains("StateMachineRole");
    }

    private static DescribeStateMachineResponse describe() {
        return workflow.sfn.describeStateMachine(b -> b.stateMachineArn(workflow.runtime.stateMachineArn()));
    }
}
