package io.athenaworkflow.local.faults;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.athenaworkflow.local.edge.AwsJsonService;
import io.athenaworkflow.local.lambda.LambdaService;
import io.athenaworkflow.local.s3.S3Error;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class FaultsTest {

    @Test
    void of_whenPlanIsEmpty_returnsEveryServiceUnwrapped() {
        Faults faults = Faults.of(FaultPlan.none());
        AwsJsonService athena = new RecordingAthena();
        LambdaService lambda = (name, payload) -> null;

        assertThat(faults.athena(athena)).isSameAs(athena);
        assertThat(faults.lambda(lambda)).isSameAs(lambda);
        assertThat(FaultPlan.none().isEmpty()).isTrue();
    }

    @Test
    void select_whenSeveralRulesMatch_everyRuleCountsAndTheFirstSelectingOneWins() {
        AthenaFault throttleSecond = AthenaFault.throttling("GetQueryExecution", Calls.only(2));
        AthenaFault failFirstTwo = AthenaFault.internalError(AthenaFault.ANY_OPERATION, Calls.first(2));
        Faults faults = Faults.of(FaultPlan.none().with(throttleSecond).with(failFirstTwo));

        assertThat(faults.athenaFault("GetQueryExecution")).contains(failFirstTwo);   // call 1 of both rules
        assertThat(faults.athenaFault("GetQueryExecution")).contains(throttleSecond); // call 2 of both
        assertThat(faults.athenaFault("GetQueryExecution")).isEmpty();                // call 3 of both
        assertThat(faults.athenaFault("StopQueryExecution")).isEmpty();               // call 3 of the second

        assertThat(faults.injected(throttleSecond)).isEqualTo(1);
        assertThat(faults.injected(failFirstTwo)).isEqualTo(1);
        assertThat(faults.injected()).isEqualTo(2);
        assertThat(faults.injections()).containsExactly(
                new Injection(failFirstTwo, "GetQueryExecution", 1),
                new Injection(throttleSecond, "GetQueryExecution", 2));
    }

    @Test
    void select_whenProbabilityRuleIsSeeded_injectsTheSameCallsEveryRun() {
        FaultPlan plan = FaultPlan.none().withSeed(7)
                .with(LambdaFault.serviceException("fn", Calls.withProbability(0.3)));
        List<Long> first = injectedCalls(Faults.of(plan));
        List<Long> second = injectedCalls(Faults.of(plan));
        List<Long> otherSeed = injectedCalls(Faults.of(plan.withSeed(8)));

        assertThat(first).isEqualTo(second).isNotEmpty();
        assertThat(otherSeed).isNotEqualTo(first);
    }

    @Test
    void s3Fault_whenGlobbed_matchesMethodBucketAndKeyPattern() {
        S3Fault csv = S3Fault.onGet("results/*.csv", Calls.all(), S3Error.SLOW_DOWN).inBucket("b");
        assertThat(csv.matches(S3Method.GET, "b", "results/q1.csv")).isTrue();
        assertThat(csv.matches(S3Method.GET, "b", "results/deeper/q1.csv")).isFalse();
        assertThat(csv.matches(S3Method.GET, "b", "results/q1.csv.metadata")).isFalse();
        assertThat(csv.matches(S3Method.PUT, "b", "results/q1.csv")).isFalse();
        assertThat(csv.matches(S3Method.GET, "other", "results/q1.csv")).isFalse();

        S3Fault any = S3Fault.onPut("**", Calls.all(), S3Error.INTERNAL_ERROR);
        assertThat(any.matches(S3Method.PUT, "x", "a/b/c.txt")).isTrue();
        assertThat(any.matches(S3Method.PUT, "x", "")).isTrue();
        assertThat(S3Fault.onGet("a?c", Calls.all(), S3Error.SLOW_DOWN).matches(S3Method.GET, "x", "abc")).isTrue();
        assertThat(S3Fault.onGet("a.c", Calls.all(), S3Error.SLOW_DOWN).matches(S3Method.GET, "x", "abc")).isFalse();
    }

    @Test
    void rules_whenMisconfigured_sayHowToFixThem() {
        assertThatThrownBy(() -> LambdaFault.crash("arn:aws:lambda:us-east-1:000000000000:function:fn", Calls.all()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("plain function name");
        assertThatThrownBy(() -> AthenaFault.throttling(" ", Calls.all()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("StartQueryExecution");
        assertThatThrownBy(() -> AthenaFault.error("X", Calls.all(), "Boom", "m", 200))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("4xx or 5xx");
        assertThatThrownBy(() -> S3Fault.onGet(null, Calls.all(), S3Error.SLOW_DOWN))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("key glob");
    }

    private static List<Long> injectedCalls(Faults faults) {
        List<Long> calls = new ArrayList<>();
        for (long call = 1; call <= 50; call++) {
            if (faults.lambdaFault("fn").isPresent()) {
                calls.add(call);
            }
        }
        return calls;
    }

    /** A stand-in Athena API that records what reached it. */
    static final class RecordingAthena implements AwsJsonService {
        final List<String> handled = new ArrayList<>();

        @Override
        public String targetPrefix() {
            return "AmazonAthena";
        }

        @Override
        public String jsonVersion() {
            return "1.1";
        }

        @Override
        public JsonNode handle(String operation, ObjectNode request) {
            handled.add(operation);
            return JsonNodeFactory.instance.objectNode().put("QueryExecutionId", "q-" + handled.size());
        }
    }
}
