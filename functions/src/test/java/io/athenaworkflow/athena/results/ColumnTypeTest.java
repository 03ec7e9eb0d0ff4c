package io.athenaworkflow.athena.results;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.athenaworkflow.testing.TestJson;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.math.BigDecimal;

import static org.assertj.core.api.Assertions.assertThat;

class ColumnTypeTest {

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', value = {
            "boolean|BOOLEAN",
            "tinyint|INTEGER", "smallint|INTEGER", "integer|INTEGER", "int|INTEGER", "bigint|INTEGER",
            "real|FLOATING", "float|FLOATING", "double|FLOATING",
            "decimal|DECIMAL", "decimal(10,2)|DECIMAL", "decimal(38, 0)|DECIMAL", "DECIMAL(5,1)|DECIMAL",
            "varchar|TEXT", "varchar(20)|TEXT", "char(3)|TEXT", "string|TEXT", "varbinary|TEXT",
            "date|TEXT", "time|TEXT", "timestamp|TEXT", "timestamp(3)|TEXT", "timestamp with time zone|TEXT",
            "time with time zone|TEXT", "interval year to month|TEXT", "interval day to second|TEXT",
            "array(integer)|TEXT", "array(varchar)|TEXT", "map(varchar,integer)|TEXT", "map(varchar, array(double))|TEXT",
            "row(a integer, b varchar)|TEXT", "json|TEXT", "uuid|TEXT", "ipaddress|TEXT", "unknown|TEXT",
            "' BIGINT '|INTEGER", "Boolean|BOOLEAN",
    })
    void of_forEachAthenaTypeName_picksTheConversion(String athenaType, ColumnType expected) {
        assertThat(ColumnType.of(athenaType)).isEqualTo(expected);
    }

    @Test
    void of_whenTypeMissing_treatsValuesAsText() {
        assertThat(ColumnType.of(null)).isEqualTo(ColumnType.TEXT);
        assertThat(ColumnType.of("")).isEqualTo(ColumnType.TEXT);
    }

    @ParameterizedTest
    @EnumSource(ColumnType.class)
    void toJson_whenNull_isJsonNullForEveryType(ColumnType type) {
        assertThat(type.toJson(null).isNull()).isTrue();
    }

    @Test
    void toJson_whenBoolean_givesJsonBooleans() {
        assertThat(ColumnType.BOOLEAN.toJson("true").isBoolean()).isTrue();
        assertThat(ColumnType.BOOLEAN.toJson("true").booleanValue()).isTrue();
        assertThat(ColumnType.BOOLEAN.toJson("false").booleanValue()).isFalse();
        assertThat(ColumnType.BOOLEAN.toJson("yes")).isEqualTo(TestJson.MAPPER.getNodeFactory().textNode("yes"));
        assertThat(ColumnType.BOOLEAN.toJson("").isTextual()).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"0", "42", "-7", "9223372036854775807", "-9223372036854775808"})
    void toJson_whenInteger_givesTheExactJsonInteger(String value) {
        JsonNode node = ColumnType.INTEGER.toJson(value);

        assertThat(node.isIntegralNumber()).isTrue();
        assertThat(node.longValue()).isEqualTo(Long.parseLong(value));
        assertThat(serialize(node)).isEqualTo(value);
    }

    @ParameterizedTest
    @ValueSource(strings = {"abc", "1.5", "9223372036854775808", "", " 1"})
    void toJson_whenIntegerUnparsable_keepsTheText(String value) {
        JsonNode node = ColumnType.INTEGER.toJson(value);

        assertThat(node.isTextual()).isTrue();
        assertThat(node.textValue()).isEqualTo(value);
    }

    @ParameterizedTest
    @CsvSource({"1.5, 1.5", "-0.25, -0.25", "1.0E-5, 1.0E-5", "3.4028235E38, 3.4028235E38", "0, 0.0"})
    void toJson_whenFloating_givesAJsonNumber(String value, double expected) {
        JsonNode node = ColumnType.FLOATING.toJson(value);

        assertThat(node.isNumber()).isTrue();
        assertThat(node.doubleValue()).isEqualTo(expected);
    }

    @ParameterizedTest
    @ValueSource(strings = {"NaN", "Infinity", "-Infinity"})
    void toJson_whenFloatingIsNotFinite_keepsAthenasSpellingAsText(String value) {
        JsonNode node = ColumnType.FLOATING.toJson(value);

        assertThat(node.isTextual()).isTrue();
        assertThat(node.textValue()).isEqualTo(value);
        assertThat(serialize(node)).isEqualTo("\"" + value + "\"");
    }

    @Test
    void toJson_whenFloatingUnparsable_keepsTheText() {
        assertThat(ColumnType.FLOATING.toJson("n/a").textValue()).isEqualTo("n/a");
    }

    @ParameterizedTest
    @ValueSource(strings = {"12345678901234567890.12", "0.10", "-0.001", "1.50", "99999999999999999999999999999999999999",
            "0.00000000000000000001"})
    void toJson_whenDecimal_keepsEveryDigitAndTheScale(String value) {
        JsonNode node = ColumnType.DECIMAL.toJson(value);

        assertThat(node.isBigDecimal()).isTrue();
        assertThat(node.decimalValue()).isEqualTo(new BigDecimal(value));
        // Written as a JSON number with the same digits and scale (possibly in exponent notation, e.g. 1E-20).
        assertThat(new BigDecimal(serialize(node))).isEqualTo(new BigDecimal(value));
    }

    @Test
    void toJson_whenDecimalUnparsable_keepsTheText() {
        assertThat(ColumnType.DECIMAL.toJson("12,50").textValue()).isEqualTo("12,50");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "plain", "2024-05-01", "2024-05-01 10:00:00.000 UTC", "[1, 2]", "{a=1}", "{\"k\":1}", "42"})
    void toJson_whenText_keepsTheValueExactly(String value) {
        JsonNode node = ColumnType.TEXT.toJson(value);

        assertThat(node.isTextual()).isTrue();
        assertThat(node.textValue()).isEqualTo(value);
    }

    private static String serialize(JsonNode node) {
        try {
            return TestJson.MAPPER.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new AssertionError(e);
        }
    }
}
