package io.athenaworkflow.local.athena.engine.trino;

import com.fasterxml.jackson.databind.JsonNode;
import io.athenaworkflow.local.athena.engine.ResultColumn;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.Locale;
import java.util.Map;

/**
 * Trino's client-protocol columns and values (JSON, typed by the column's type signature) as Athena reports them:
 * ColumnInfo type, precision and scale, and the text Athena writes in its CSV result ({@code [1, 2]} for an array,
 * {@code {a=1}} for a map, {@code {x=1, y=a}} for a row, {@code 00 ff} for varbinary, {@code 1.0E10} for a double).
 */
final class TrinoValues {

    private static final String UNKNOWN = "UNKNOWN";
    private static final int UNBOUNDED_VARCHAR = 2147483647;

    private TrinoValues() {
    }

    /** Athena's ColumnInfo for a Trino result column (its name, type and type signature). */
    static ResultColumn column(String name, String type, JsonNode signature) {
        String raw = signature.path("rawType").asText(type).toLowerCase(Locale.ROOT);
        JsonNode arguments = signature.path("arguments");
        return switch (raw) {
            case "tinyint" -> new ResultColumn(name, "tinyint", 3, 0, UNKNOWN);
            case "smallint" -> new ResultColumn(name, "smallint", 5, 0, UNKNOWN);
            case "integer" -> new ResultColumn(name, "integer", 10, 0, UNKNOWN);
            case "bigint" -> new ResultColumn(name, "bigint", 19, 0, UNKNOWN);
            case "real" -> new ResultColumn(name, "real", 17, 0, UNKNOWN);
            case "double" -> new ResultColumn(name, "double", 17, 0, UNKNOWN);
            case "decimal" -> new ResultColumn(name, "decimal", longArgument(arguments, 0, 38),
                    longArgument(arguments, 1, 0), UNKNOWN);
            case "varchar" -> new ResultColumn(name, "varchar", longArgument(arguments, 0, UNBOUNDED_VARCHAR), 0,
                    UNKNOWN);
            case "char" -> new ResultColumn(name, "char", longArgument(arguments, 0, 1), 0, UNKNOWN);
            case "varbinary" -> new ResultColumn(name, "varbinary", 1073741824, 0, UNKNOWN);
            case "timestamp", "time", "timestamp with time zone", "time with time zone" ->
                    new ResultColumn(name, raw, longArgument(arguments, 0, 3), 0, UNKNOWN);
            default -> new ResultColumn(name, type.toLowerCase(Locale.ROOT), 0, 0, UNKNOWN);
        };
    }

    private static int longArgument(JsonNode arguments, int index, int fallback) {
        JsonNode argument = arguments.path(index);
        return "LONG".equals(argument.path("kind").asText()) ? argument.path("value").asInt(fallback) : fallback;
    }

    /** The value as Athena writes it in a CSV result; null for SQL NULL. */
    static String render(JsonNode value, JsonNode signature) {
        if (value == null || value.isNull()) {
            return null;
        }
        StringBuilder out = new StringBuilder();
        append(out, value, signature);
        return out.toString();
    }

    private static void append(StringBuilder out, JsonNode value, JsonNode signature) {
        if (value == null || value.isNull()) {
            out.append("null");
            return;
        }
        String raw = signature.path("rawType").asText().toLowerCase(Locale.ROOT);
        JsonNode arguments = signature.path("arguments");
        switch (raw) {
            case "double" -> out.append(value.isNumber() ? Double.toString(value.asDouble()) : value.asText());
            case "real" -> out.append(value.isNumber() ? Float.toString((float) value.asDouble()) : value.asText());
            case "varbinary" -> out.append(hex(Base64.getDecoder().decode(value.asText())));
            case "array" -> {
                JsonNode element = arguments.path(0).path("value");
                out.append('[');
                for (int i = 0; i < value.size(); i++) {
                    out.append(i == 0 ? "" : ", ");
                    append(out, value.get(i), element);
                }
                out.append(']');
            }
            case "map" -> {
                JsonNode valueType = arguments.path(1).path("value");
                out.append('{');
                Iterator<Map.Entry<String, JsonNode>> entries = value.properties().iterator();
                while (entries.hasNext()) {
                    Map.Entry<String, JsonNode> entry = entries.next();
                    // Map keys travel as JSON object keys (text); numbers and booleans print the same either way.
                    out.append(entry.getKey());
                    out.append('=');
                    append(out, entry.getValue(), valueType);
                    if (entries.hasNext()) {
                        out.append(", ");
                    }
                }
                out.append('}');
            }
            case "row" -> {
                out.append('{');
                for (int i = 0; i < value.size(); i++) {
                    JsonNode field = arguments.path(i).path("value");
                    String name = field.path("fieldName").path("name").asText("field" + i);
                    out.append(i == 0 ? "" : ", ").append(name).append('=');
                    append(out, value.get(i), field.path("typeSignature"));
                }
                out.append('}');
            }
            default -> out.append(value.isTextual() ? value.asText() : value.toString());
        }
    }

    private static String hex(byte[] bytes) {
        StringBuilder out = new StringBuilder();
        HexFormat hex = HexFormat.of();
        for (int i = 0; i < bytes.length; i++) {
            out.append(i == 0 ? "" : " ").append(hex.toHexDigits(bytes[i]));
        }
        return out.toString();
    }
}
