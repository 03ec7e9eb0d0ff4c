package io.athenaworkflow.athena.config;

import io.athenaworkflow.athena.errors.InvalidInputException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CleanupModeTest {

    @ParameterizedTest
    @CsvSource({
            "ALWAYS, true, true",
            "ALWAYS, false, true",
            "ON_SUCCESS, true, true",
            "ON_SUCCESS, false, false",
            "NEVER, true, false",
            "NEVER, false, false",
    })
    void deletes_forEveryModeAndOutcome_followsTheDocumentedTable(CleanupMode mode, boolean succeeded, boolean deletes) {
        assertThat(mode.deletes(succeeded)).isEqualTo(deletes);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "ALWAYS|ALWAYS", "always|ALWAYS", "On_Success|ON_SUCCESS", "' never '|NEVER", "'\tNEVER\n'|NEVER",
    })
    void parse_whenNameInAnyCaseOrPadded_returnsTheMode(String text, CleanupMode expected) {
        assertThat(CleanupMode.parse(text, "cleanup")).isEqualTo(expected);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "ONSUCCESS", "on-success", "DELETE", "true"})
    void parse_whenUnknown_throwsNamingFieldValueAndChoices(String text) {
        assertThatThrownBy(() -> CleanupMode.parse(text, "cleanup"))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("'cleanup'")
                .hasMessageContaining("'" + text + "'")
                .hasMessageContaining("[ALWAYS, ON_SUCCESS, NEVER]");
    }

    @Test
    void parse_whenFieldNameGiven_usesItInTheMessage() {
        assertThatThrownBy(() -> CleanupMode.parse("x", "query.cleanup")).hasMessageContaining("'query.cleanup'");
    }
}
