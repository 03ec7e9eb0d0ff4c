package io.athenaworkflow.handlers;

import com.fasterxml.jackson.databind.JsonNode;
import io.athenaworkflow.athena.errors.InvalidInputException;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class JsonTest {

    private static JsonNode read(String text) throws IOException {
        return Json.read(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void read_whenEmpty_isAMissingNode() throws IOException {
        assertThat(read("").isMissingNode()).isTrue();
    }

    @Test
    void read_whenFloatingPoint_keepsTheExactDecimal() throws IOException {
        JsonNode node = read("{\"x\": 0.1000000000000000055511151231257827}");

        assertThat(node.get("x").decimalValue()).isEqualTo(new BigDecimal("0.1000000000000000055511151231257827"));
    }

    @Test
    void read_whenNotJson_throwsInvalidInputWithTheParserMessage() {
        assertThatThrownBy(() -> read("{\"a\": tru}"))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageStartingWith("The payload is not valid JSON: ")
                .hasMessageContaining("tru");
    }

    @Test
    void write_thenRead_roundTripsUtf8Text() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Json.write(out, Json.MAPPER.createObjectNode().put("city", "Zürich 😀").put("n", new BigDecimal("12.30")));

        // Jackson writes characters outside the BMP as an escaped surrogate pair: equivalent JSON.
        assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo("{\"city\":\"Zürich \\uD83D\\uDE00\",\"n\":12.30}");
        assertThat(read(out.toString(StandardCharsets.UTF_8)).get("city").asText()).isEqualTo("Zürich 😀");
    }
}
