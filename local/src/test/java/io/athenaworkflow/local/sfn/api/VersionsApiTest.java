package io.athenaworkflow.local.sfn.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sfn.model.ConflictException;
import software.amazon.awssdk.services.sfn.model.DescribeExecutionResponse;
import software.amazon.awssdk.services.sfn.model.DescribeStateMachineAliasResponse;
import software.amazon.awssdk.services.sfn.model.ExecutionListItem;
import software.amazon.awssdk.services.sfn.model.ResourceNotFoundException;
import software.amazon.awssdk.services.sfn.model.RoutingConfigurationListItem;
import software.amazon.awssdk.services.sfn.model.StateMachineDoesNotExistException;
import software.amazon.awssdk.services.sfn.model.StateMachineVersionListItem;
import software.amazon.awssdk.services.sfn.model.ValidationException;

/** State machine versions and aliases through the JSON API with the SDK v2. */
class VersionsApiTest {

    private static final String V1 = """
            {"StartAt": "P", "States": {"P": {"Type": "Pass", "Result": "one", "End": true}}}""";
    private static final String V2 = """
            {"StartAt": "P", "States": {"P": {"Type": "Pass", "Result": "two", "End": true}}}""";

    private SfnFixture fx;
    private String machine;

    @BeforeEach
    void start() {
        fx = SfnFixture.start(new FakeLambda());
        machine = fx.client.createStateMachine(b -> b.name("versioned").definition(V1).roleArn(SfnFixture.ROLE))
                .stateMachineArn();
    }

    @AfterEach
    void stop() {
        fx.close();
    }

    private static RoutingConfigurationListItem route(String versionArn, int weight) {
        return RoutingConfigurationListItem.builder().stateMachineVersionArn(versionArn).weight(weight).build();
    }

    private DescribeExecutionResponse run(String arn) {
        String execution = fx.client.startExecution(b -> b.stateMachineArn(arn)).executionArn();
        SfnFixture.await(fx.sfn.describeExecution(execution));
        return fx.client.describeExecution(b -> b.executionArn(execution));
    }

    @Test
    void publishStateMachineVersion_whenRevisionsChange_numbersThemAndKeepsEachDefinition() {
        String first = fx.client.publishStateMachineVersion(b -> b.stateMachineArn(machine).description("first"))
                .stateMachineVersionArn();
        String again = fx.client.publishStateMachineVersion(b -> b.stateMachineArn(machine))
                .stateMachineVersionArn();
        fx.client.updateStateMachine(b -> b.stateMachineArn(machine).definition(V2));
        String second = fx.client.publishStateMachineVersion(b -> b.stateMachineArn(machine))
                .stateMachineVersionArn();

        assertThat(first).isEqualTo(machine + ":1");
        assertThat(again).as("an unchanged revision is not published twice").isEqualTo(first);
        assertThat(second).isEqualTo(machine + ":2");
        assertThat(fx.client.listStateMachineVersions(b -> b.stateMachineArn(machine)).stateMachineVersions())
                .extracting(StateMachineVersionListItem::stateMachineVersionArn).containsExactly(second, first);
        assertThat(fx.client.describeStateMachine(b -> b.stateMachineArn(first)).definition()).isEqualTo(V1);
        assertThat(fx.client.describeStateMachine(b -> b.stateMachineArn(first)).stateMachineArn()).isEqualTo(first);
        assertThat(fx.client.describeStateMachine(b -> b.stateMachineArn(machine)).definition()).isEqualTo(V2);
    }

    @Test
    void createAndUpdate_whenPublishTrue_returnTheNewVersionArn() {
        String created = fx.client.createStateMachine(b -> b.name("published").definition(V1)
                .roleArn(SfnFixture.ROLE).publish(true).versionDescription("initial")).stateMachineVersionArn();
        String arn = created.substring(0, created.lastIndexOf(':'));
        String updated = fx.client.updateStateMachine(b -> b.stateMachineArn(arn).definition(V2).publish(true))
                .stateMachineVersionArn();

        assertThat(created).endsWith(":published:1");
        assertThat(updated).endsWith(":published:2");
    }

    @Test
    void startExecution_whenVersionOrAliasArn_runsThatVersionAndDescribesIt() {
        String v1 = fx.client.publishStateMachineVersion(b -> b.stateMachineArn(machine)).stateMachineVersionArn();
        fx.client.updateStateMachine(b -> b.stateMachineArn(machine).definition(V2));
        String v2 = fx.client.publishStateMachineVersion(b -> b.stateMachineArn(machine)).stateMachineVersionArn();
        String alias = fx.client.createStateMachineAlias(b -> b.name("live").description("prod traffic")
                .routingConfiguration(route(v1, 100))).stateMachineAliasArn();

        DescribeExecutionResponse byVersion = run(v1);
        DescribeExecutionResponse byAlias = run(alias);
        fx.client.updateStateMachineAlias(b -> b.stateMachineAliasArn(alias).routingConfiguration(route(v2, 100)));
        DescribeExecutionResponse afterUpdate = run(alias);

        assertThat(byVersion.output()).isEqualTo("\"one\"");
        assertThat(byVersion.stateMachineVersionArn()).isEqualTo(v1);
        assertThat(byVersion.stateMachineAliasArn()).isNull();
        assertThat(byVersion.stateMachineArn()).isEqualTo(machine);
        assertThat(byAlias.output()).isEqualTo("\"one\"");
        assertThat(byAlias.stateMachineAliasArn()).isEqualTo(alias);
        assertThat(afterUpdate.output()).isEqualTo("\"two\"");
        assertThat(afterUpdate.stateMachineVersionArn()).isEqualTo(v2);
        assertThat(run(machine).output()).isEqualTo("\"two\"");
        assertThat(fx.client.listExecutions(b -> b.stateMachineArn(v1)).executions())
                .extracting(ExecutionListItem::executionArn)
                .containsExactlyInAnyOrder(byVersion.executionArn(), byAlias.executionArn());
        assertThat(fx.client.listExecutions(b -> b.stateMachineArn(alias)).executions())
                .extracting(ExecutionListItem::executionArn)
                .containsExactlyInAnyOrder(byAlias.executionArn(), afterUpdate.executionArn());
        assertThat(fx.client.listExecutions(b -> b.stateMachineArn(machine)).executions()).hasSize(4);
        assertThatThrownBy(() -> fx.client.listExecutions(b -> b.stateMachineArn(machine + ":nope")))
                .isInstanceOf(StateMachineDoesNotExistException.class);
    }

    @Test
    void aliases_whenDescribedListedAndDeleted_followTheirLifecycleAndProtectTheirVersions() {
        String v1 = fx.client.publishStateMachineVersion(b -> b.stateMachineArn(machine)).stateMachineVersionArn();
        String alias = fx.client.createStateMachineAlias(b -> b.name("live").routingConfiguration(route(v1, 100)))
                .stateMachineAliasArn();

        DescribeStateMachineAliasResponse described = fx.client.describeStateMachineAlias(
                b -> b.stateMachineAliasArn(alias));
        assertThat(alias).isEqualTo(machine + ":live");
        assertThat(described.name()).isEqualTo("live");
        assertThat(described.routingConfiguration()).containsExactly(route(v1, 100));
        assertThat(fx.client.listStateMachineAliases(b -> b.stateMachineArn(machine)).stateMachineAliases())
                .singleElement().satisfies(item -> assertThat(item.stateMachineAliasArn()).isEqualTo(alias));
        assertThatThrownBy(() -> fx.client.deleteStateMachineVersion(b -> b.stateMachineVersionArn(v1)))
                .isInstanceOf(ConflictException.class).hasMessageContaining(alias);

        fx.client.deleteStateMachineAlias(b -> b.stateMachineAliasArn(alias));
        fx.client.deleteStateMachineVersion(b -> b.stateMachineVersionArn(v1));

        assertThatThrownBy(() -> fx.client.describeStateMachineAlias(b -> b.stateMachineAliasArn(alias)))
                .isInstanceOf(ResourceNotFoundException.class);
        assertThat(fx.client.listStateMachineVersions(b -> b.stateMachineArn(machine)).stateMachineVersions())
                .isEmpty();
        assertThatThrownBy(() -> run(alias)).isInstanceOf(StateMachineDoesNotExistException.class);
    }

    @Test
    void versionsAndAliases_whenRequestsConflictOrAreInvalid_throwAwsErrors() {
        String v1 = fx.client.publishStateMachineVersion(b -> b.stateMachineArn(machine)).stateMachineVersionArn();
        String revision = fx.client.updateStateMachine(b -> b.stateMachineArn(machine).definition(V2)).revisionId();
        fx.client.updateStateMachine(b -> b.stateMachineArn(machine).definition(V1));

        assertThatThrownBy(() -> fx.client.publishStateMachineVersion(b -> b.stateMachineArn(machine)
                .revisionId(revision))).isInstanceOf(ConflictException.class);
        assertThatThrownBy(() -> fx.client.createStateMachineAlias(b -> b.name("half")
                .routingConfiguration(route(v1, 50)))).isInstanceOf(ValidationException.class)
                .hasMessageContaining("must be 100");
        assertThatThrownBy(() -> fx.client.createStateMachineAlias(b -> b.name("ghost")
                .routingConfiguration(route(machine + ":9", 100)))).isInstanceOf(ResourceNotFoundException.class);
        fx.client.createStateMachineAlias(b -> b.name("taken").routingConfiguration(route(v1, 100)));
        assertThatThrownBy(() -> fx.client.createStateMachineAlias(b -> b.name("taken").description("other")
                .routingConfiguration(route(v1, 100)))).isInstanceOf(ConflictException.class);
    }
}
