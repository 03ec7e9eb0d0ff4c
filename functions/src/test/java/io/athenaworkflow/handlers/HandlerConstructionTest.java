package io.athenaworkflow.handlers;

import io.athenaworkflow.athena.errors.InvalidConfigurationException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The public no-arg constructors are what the Lambda runtime (and SnapStart's snapshot) calls: they must build
 * their clients from the function's environment without touching the network, and reject a malformed default at
 * once, by name.
 */
class HandlerConstructionTest {

    private final Map<String, String> original = FunctionEnvironment.variables();

    @AfterEach
    void restoreEnvironment() {
        FunctionEnvironment.install(original);
    }

    private static Map<String, String> environment(Map<String, String> extra) {
        Map<String, String> env = new HashMap<>(Map.of(
                "AWS_REGION", "eu-west-1",
                "ATHENA_WORKGROUP", "primary",
                "ATHENA_OUTPUT_LOCATION", "s3://results-bucket/athena-workflow/",
                "QUERY_TIMEOUT_SECONDS", "900"));
        env.putAll(extra);
        return env;
    }

    @Test
    void noArgConstructors_whenEnvironmentIsValid_buildEveryHandlerOffline() {
        FunctionEnvironment.install(environment(Map.of()));

        assertThat(new StartQueryHandler()).isNotNull();
        assertThat(new CheckStatusHandler()).isNotNull();
        assertThat(new FetchResultsHandler()).isNotNull();
        assertThat(new CleanupHandler()).isNotNull();
    }

    @Test
    void startQueryHandler_whenADefaultIsMalformed_failsAtConstructionNamingTheVariable() {
        FunctionEnvironment.install(environment(Map.of("QUERY_TIMEOUT_SECONDS", "15 minutes")));

        assertThatThrownBy(StartQueryHandler::new)
                .isInstanceOf(InvalidConfigurationException.class)
                .hasMessageContaining("QUERY_TIMEOUT_SECONDS");
    }

    @Test
    void cleanupHandler_whenADefaultIsMalformed_failsAtConstructionNamingTheVariable() {
        // Cleanup rebuilds StartQuery's request after a lost answer, so it reads the same defaults.
        FunctionEnvironment.install(environment(Map.of("CLEANUP_MODE", "SOMETIMES")));

        assertThatThrownBy(CleanupHandler::new)
                .isInstanceOf(InvalidConfigurationException.class)
                .hasMessageContaining("CLEANUP_MODE");
    }

    @Test
    void install_whenCalled_replacesTheVariablesWithAnUnmodifiableCopy() {
        Map<String, String> mutable = new HashMap<>(Map.of("A", "1"));

        FunctionEnvironment.install(mutable);
        mutable.put("B", "2");

        assertThat(FunctionEnvironment.variables()).containsExactly(Map.entry("A", "1"));
        assertThatThrownBy(() -> FunctionEnvironment.variables().put("C", "3")).isInstanceOf(UnsupportedOperationException.class);
    }
}
