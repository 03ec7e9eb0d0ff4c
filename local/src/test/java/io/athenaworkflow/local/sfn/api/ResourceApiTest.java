package io.athenaworkflow.local.sfn.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sfn.model.InvalidArnException;
import software.amazon.awssdk.services.sfn.model.ResourceNotFoundException;
import software.amazon.awssdk.services.sfn.model.StateMachineType;
import software.amazon.awssdk.services.sfn.model.StateMachineTypeNotSupportedException;
import software.amazon.awssdk.services.sfn.model.Tag;
import software.amazon.awssdk.services.sfn.model.TooManyTagsException;

/** Tagging and the EXPRESS limits of ListExecutions, through the JSON API with the SDK v2. */
class ResourceApiTest {

    private static final String DEFINITION = """
            {"StartAt": "P", "States": {"P": {"Type": "Pass", "End": true}}}""";

    private SfnFixture fx;

    @BeforeEach
    void start() {
        fx = SfnFixture.start(new FakeLambda());
    }

    @AfterEach
    void stop() {
        fx.close();
    }

    private static Tag tag(String key, String value) {
        return Tag.builder().key(key).value(value).build();
    }

    private List<Tag> tags(String arn) {
        return fx.client.listTagsForResource(b -> b.resourceArn(arn)).tags();
    }

    @Test
    void tags_whenCreatedTaggedRetaggedAndUntagged_listTheCurrentSetInOrder() {
        String arn = fx.client.createStateMachine(b -> b.name("tagged").definition(DEFINITION)
                .roleArn(SfnFixture.ROLE).tags(tag("team", "data"), tag("env", "dev"))).stateMachineArn();

        assertThat(tags(arn)).containsExactly(tag("team", "data"), tag("env", "dev"));
        fx.client.tagResource(b -> b.resourceArn(arn).tags(tag("env", "prod"), tag("cost", "42")));
        assertThat(tags(arn)).containsExactly(tag("team", "data"), tag("env", "prod"), tag("cost", "42"));
        fx.client.untagResource(b -> b.resourceArn(arn).tagKeys("team", "not-there"));
        assertThat(tags(arn)).containsExactly(tag("env", "prod"), tag("cost", "42"));
        assertThat(fx.client.describeStateMachine(b -> b.stateMachineArn(arn)).revisionId())
                .as("tags are not a revision").isNull();
    }

    @Test
    void tags_whenResourceUnknownMalformedOrOverTheQuota_throwAwsErrors() {
        String arn = fx.client.createStateMachine(b -> b.name("quota").definition(DEFINITION)
                .roleArn(SfnFixture.ROLE)).stateMachineArn();
        String missing = arn.replace(":quota", ":missing");

        assertThatThrownBy(() -> tags(missing)).isInstanceOf(ResourceNotFoundException.class)
                .hasMessageContaining(missing);
        assertThatThrownBy(() -> fx.client.tagResource(b -> b.resourceArn("not-an-arn").tags(tag("a", "b"))))
                .isInstanceOf(InvalidArnException.class);
        assertThatThrownBy(() -> fx.client.tagResource(b -> b.resourceArn(arn).tags(IntStream.range(0, 51)
                .mapToObj(i -> tag("k" + i, "v")).toList())))
                .isInstanceOf(TooManyTagsException.class);
        assertThat(tags(arn)).isEmpty();
    }

    @Test
    void listExecutions_whenExpressStateMachine_throwsStateMachineTypeNotSupported() {
        String arn = fx.client.createStateMachine(b -> b.name("express").definition(DEFINITION)
                .roleArn(SfnFixture.ROLE).type(StateMachineType.EXPRESS)).stateMachineArn();

        assertThatThrownBy(() -> fx.client.listExecutions(b -> b.stateMachineArn(arn)))
                .isInstanceOf(StateMachineTypeNotSupportedException.class)
                .hasMessageContaining("not supported by this type of state machine");
    }
}
