package io.athenaworkflow.athena.config;

import com.fasterxml.jackson.databind.JsonNode;
import io.athenaworkflow.athena.errors.InvalidInputException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static io.athenaworkflow.testing.TestJson.json;
import static io.athenaworkflow.testing.TestJson.strict;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class JsonFieldsTest {

    @Test
    void field_whenAbsentOrNull_isEmpty() {
        JsonNode object = json("{'a': null}");

        assertThat(JsonFields.field(object, "a")).isEmpty();
        assertThat(JsonFields.field(object, "b")).isEmpty();
        assertThat(JsonFields.field(null, "a")).isEmpty();
    }

    @Test
    void field_whenPresentEvenIfFalsy_isPresent() {
        JsonNode object = json("{'zero': 0, 'empty': '', 'no': false}");

        assertThat(JsonFields.field(object, "zero")).isPresent();
        assertThat(JsonFields.field(object, "empty")).isPresent();
        assertThat(JsonFields.field(object, "no")).isPresent();
    }

    @Test
    void text_whenString_returnsItUntrimmed() {
        assertThat(JsonFields.text(json("{'s': ' x '}"), "s")).contains(" x ");
    }

    @ParameterizedTest
    @ValueSource(strings = {"5", "true", "[1]", "{\"a\":1}", "1.5"})
    void text_whenNotAString_throwsNamingFieldAndType(String value) {
        JsonNode object = strict("{\"s\": " + value + "}");

        assertThatThrownBy(() -> JsonFields.text(object, "s"))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("Field 's' must be a string")
                .hasMessageContaining(value);
    }

    @Test
    void name_whenPadded_returnsItTrimmed() {
        assertThat(JsonFields.name(json("{'db': '  sales '}"), "db", 255)).contains("sales");
    }

    @Test
    void name_whenBlank_throwsSayingToLeaveItOut() {
        assertThatThrownBy(() -> JsonFields.name(json("{'db': '  '}"), "db", 255))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("'db' must not be blank")
                .hasMessageContaining("leave it out");
    }

    @Test
    void name_whenLongerThanMax_throwsWithBothLengths() {
        assertThat(JsonFields.name(json("{'db': '" + "d".repeat(10) + "'}"), "db", 10)).contains("d".repeat(10));
        assertThatThrownBy(() -> JsonFields.name(json("{'db': '" + "d".repeat(11) + "'}"), "db", 10))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("at most 10 characters, but has 11");
    }

    @Test
    void integer_whenIntegralNumberOrNumericString_returnsIt() {
        JsonNode object = json("{'n': 42, 's': ' 17 ', 'neg': '-3', 'zero': 0}");

        assertThat(JsonFields.integer(object, "n", 0, 100)).contains(42);
        assertThat(JsonFields.integer(object, "s", 0, 100)).contains(17);
        assertThat(JsonFields.integer(object, "neg", -10, 100)).contains(-3);
        assertThat(JsonFields.integer(object, "zero", 0, 100)).contains(0);
        assertThat(JsonFields.integer(object, "missing", 0, 100)).isEmpty();
    }

    @Test
    void integer_whenAtBounds_acceptsThem() {
        assertThat(JsonFields.integer(json("{'n': 1}"), "n", 1, 5)).contains(1);
        assertThat(JsonFields.integer(json("{'n': 5}"), "n", 1, 5)).contains(5);
    }

    @ParameterizedTest
    @ValueSource(strings = {"0", "6", "-1", "\"6\"", "9223372036854775807", "\"999999999999999999\""})
    void integer_whenOutOfRange_throwsWithRangeAndValue(String value) {
        JsonNode object = strict("{\"n\": " + value + "}");

        assertThatThrownBy(() -> JsonFields.integer(object, "n", 1, 5))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("Field 'n' must be")
                .hasMessageContaining("between 1 and 5");
    }

    @ParameterizedTest
    @ValueSource(strings = {"1.5", "2.0", "\"1.5\"", "\"abc\"", "\"\"", "true", "[3]", "{}", "\"3 s\"",
            "123456789012345678901234567890", "\"1e3\""})
    void integer_whenNotAnInteger_throwsSayingAnIntegerIsExpected(String value) {
        JsonNode object = strict("{\"n\": " + value + "}");

        assertThatThrownBy(() -> JsonFields.integer(object, "n", 0, 10_000))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("Field 'n' must be an integer between 0 and 10000");
    }

    @Test
    void describe_whenLongValue_clipsIt() {
        String description = JsonFields.describe(json("{'s': '" + "x".repeat(200) + "'}").get("s"));

        assertThat(description).startsWith("a string \"xxx").endsWith("...").hasSizeLessThan(100);
    }

    @Test
    void describe_forEachJsonType_namesTheType() {
        assertThat(JsonFields.describe(json("1"))).isEqualTo("a number 1");
        assertThat(JsonFields.describe(json("true"))).isEqualTo("a boolean true");
        assertThat(JsonFields.describe(json("[]"))).isEqualTo("an array []");
        assertThat(JsonFields.describe(json("{}"))).isEqualTo("an object {}");
        assertThat(JsonFields.describe(json("null"))).isEqualTo("null");
        assertThat(JsonFields.describe(com.fasterxml.jackson.databind.node.MissingNode.getInstance())).isEqualTo("null");
    }
}
