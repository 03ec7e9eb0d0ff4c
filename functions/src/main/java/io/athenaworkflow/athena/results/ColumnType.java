package io.athenaworkflow.athena.results;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;

import java.math.BigDecimal;
import java.util.Locale;

/**
 * How a result value of one Athena type becomes JSON: booleans and numbers become JSON booleans and numbers
 * (decimals exactly), everything else (dates, timestamps, strings, and array/map/row/json values in Athena's text
 * rendering) stays text. NULL is JSON null. A value that does not parse as its type is kept as text rather than
 * lost.
 */
public enum ColumnType {
    BOOLEAN, INTEGER, FLOATING, DECIMAL, TEXT;

    private static final JsonNodeFactory JSON = JsonNodeFactory.withExactBigDecimals(true);

    /** The conversion for an Athena ColumnInfo type name such as {@code bigint} or {@code decimal(10,2)}. */
    public static ColumnType of(String athenaType) {
        String type = athenaType == null ? "" : athenaType.toLowerCase(Locale.ROOT).trim();
        int paren = type.indexOf('(');
        String base = paren < 0 ? type : type.substring(0, paren).trim();
        return switch (base) {
            case "boolean" -> BOOLEAN;
            case "tinyint", "smallint", "integer", "int", "bigint" -> INTEGER;
            case "real", "float", "double" -> FLOATING;
            case "decimal" -> DECIMAL;
            default -> TEXT;
        };
    }

    /** Converts one value as read from the result file ({@code null} for NULL). */
    public JsonNode toJson(String value) {
        if (value == null) {
            return JSON.nullNode();
        }
        try {
            return switch (this) {
                case BOOLEAN -> switch (value) {
                    case "true" -> JSON.booleanNode(true);
                    case "false" -> JSON.booleanNode(false);
                    default -> JSON.textNode(value);
                };
                case INTEGER -> JSON.numberNode(Long.parseLong(value));
                case FLOATING -> {
                    double d = Double.parseDouble(value);
                    // JSON has no NaN or infinities: keep Athena's spelling of them as text.
                    yield Double.isFinite(d) ? JSON.numberNode(d) : JSON.textNode(value);
                }
                case DECIMAL -> JSON.numberNode(new BigDecimal(value));
                case TEXT -> JSON.textNode(value);
            };
        } catch (NumberFormatException e) {
            return JSON.textNode(value);
        }
    }
}
