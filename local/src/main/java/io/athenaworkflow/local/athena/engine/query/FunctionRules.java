package io.athenaworkflow.local.athena.engine.query;

import io.athenaworkflow.local.athena.engine.AthenaErrors;
import io.athenaworkflow.local.athena.engine.QueryFailure;
import io.athenaworkflow.local.athena.engine.sql.Token;
import io.athenaworkflow.local.athena.engine.sql.TokenKind;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * How each Trino function that DuckDB lacks, spells differently or evaluates differently is written in DuckDB.
 * Functions not listed here pass through unchanged (DuckDB has them with Trino's meaning, e.g. {@code lower},
 * {@code coalesce}, {@code round}); a function DuckDB does not know then fails as FUNCTION_NOT_FOUND.
 */
public final class FunctionRules {

    /** An argument: its nodes as written and its DuckDB translation. */
    record Arg(List<Node> nodes, String sql) {

        /** The value when the argument is a single string literal. */
        Optional<String> stringLiteral() {
            if (nodes.size() == 1 && nodes.get(0) instanceof Node.Leaf l && l.token().kind() == TokenKind.STRING) {
                return Optional.of(l.token().value());
            }
            return Optional.empty();
        }
    }

    /** A call being translated. */
    record Call(Token name, List<Arg> args, TrinoTranslator translator) {

        String arg(int i) {
            return "(" + args.get(i).sql() + ")";
        }

        int count() {
            return args.size();
        }

        void arity(int min, int max) {
            if (args.size() < min || args.size() > max) {
                String expected = min == max ? String.valueOf(min) : min + " to " + max;
                throw AthenaErrors.query("FUNCTION_NOT_FOUND", name.position(), "Unexpected parameters for function "
                        + name.name() + ": expected " + expected + " arguments, got " + args.size());
            }
        }

        String literal(int i, String what) {
            return args.get(i).stringLiteral().orElseThrow(() -> AthenaErrors.notSupported(name.position() + ": "
                    + name.name() + "'s " + what + " must be a string literal in the local Athena engine"));
        }

        QueryFailure fail(String message) {
            return AthenaErrors.notSupported(name.position() + ": " + message);
        }

        /** Whether argument {@code i} is known to be a {@code date} (so date arithmetic must stay a date). */
        boolean isDate(int i) {
            List<Node> nodes = args.get(i).nodes();
            Node first = nodes.get(0);
            if (first instanceof Node.Leaf l) {
                Token t = l.token();
                if (nodes.size() == 2 && t.isKeyword("date") && nodes.get(1) instanceof Node.Leaf s
                        && s.token().kind() == TokenKind.STRING) {
                    return true;
                }
                if (nodes.size() == 1 && t.isKeyword("current_date")) {
                    return true;
                }
                if (nodes.size() == 2 && nodes.get(1) instanceof Node.Group g && g.isParen()) {
                    if (Set.of("date", "from_iso8601_date", "last_day_of_month").contains(t.name())) {
                        return true;
                    }
                    if ((t.isKeyword("cast") || t.isKeyword("try_cast")) && !g.children().isEmpty()
                            && g.children().get(g.children().size() - 1) instanceof Node.Leaf type
                            && type.token().isKeyword("date")) {
                        return true;
                    }
                }
                if (t.isIdentifier() && (nodes.size() == 1 || nodes.size() == 3)) {
                    Node last = nodes.get(nodes.size() - 1);
                    return last instanceof Node.Leaf c && c.token().isIdentifier() && translator.isDateColumn(c.token().value());
                }
            }
            return false;
        }
    }

    /** DuckDB macros some rewrites use; created on the statement's connection when used. */
    public static final Map<String, String> MACROS = Map.of(
            "athena_typeof", "CREATE MACRO athena_typeof(t) AS CASE"
                    + " WHEN t = 'INTEGER' THEN 'integer' WHEN t IN ('BIGINT', 'HUGEINT', 'UBIGINT') THEN 'bigint'"
                    + " WHEN t = 'SMALLINT' THEN 'smallint' WHEN t = 'TINYINT' THEN 'tinyint'"
                    + " WHEN t = 'DOUBLE' THEN 'double' WHEN t = 'FLOAT' THEN 'real' WHEN t = 'BOOLEAN' THEN 'boolean'"
                    + " WHEN t = 'VARCHAR' THEN 'varchar' WHEN t = 'DATE' THEN 'date' WHEN t = 'BLOB' THEN 'varbinary'"
                    + " WHEN t = 'TIMESTAMP' THEN 'timestamp(3)' WHEN t = 'TIMESTAMP WITH TIME ZONE'"
                    + " THEN 'timestamp(3) with time zone' WHEN t = 'JSON' THEN 'json' WHEN t = '\"NULL\"' THEN 'unknown'"
                    + " WHEN t LIKE '%[]' THEN 'array(' || lower(replace(t, '[]', '')) || ')'"
                    + " WHEN t LIKE 'STRUCT(%' THEN 'row' || lower(substr(t, 7)) ELSE lower(t) END");

    private static final Map<String, Function<Call, String>> RULES = new TreeMap<>();

    static {
        // ---- date and time ----
        RULES.put("date_parse", c -> {
            c.arity(2, 2);
            return "strptime(" + c.arg(0) + ", " + TrinoTranslator.literal(DateFormats.mysqlToStrftime(c.literal(1, "format"), c.name(), true)) + ")";
        });
        RULES.put("date_format", c -> {
            c.arity(2, 2);
            return "strftime(" + c.arg(0) + ", " + TrinoTranslator.literal(DateFormats.mysqlToStrftime(c.literal(1, "format"), c.name(), false)) + ")";
        });
        RULES.put("format_datetime", c -> {
            c.arity(2, 2);
            return "strftime(" + c.arg(0) + ", " + TrinoTranslator.literal(DateFormats.jodaToStrftime(c.literal(1, "format"), c.name())) + ")";
        });
        RULES.put("parse_datetime", c -> {
            c.arity(2, 2);
            return "CAST(strptime(" + c.arg(0) + ", " + TrinoTranslator.literal(DateFormats.jodaToStrftime(c.literal(1, "format"), c.name())) + ") AS TIMESTAMPTZ)";
        });
        RULES.put("from_iso8601_timestamp", c -> {
            c.arity(1, 1);
            return "CAST(" + c.arg(0) + " AS TIMESTAMPTZ)";
        });
        RULES.put("from_iso8601_date", c -> {
            c.arity(1, 1);
            return "CAST(" + c.arg(0) + " AS DATE)";
        });
        RULES.put("to_iso8601", c -> {
            c.arity(1, 1);
            String x = c.arg(0);
            return "(CASE WHEN typeof(" + x + ") = 'DATE' THEN strftime(" + x + ", '%Y-%m-%d')"
                    + " WHEN typeof(" + x + ") = 'TIMESTAMP WITH TIME ZONE' THEN strftime(" + x + ", '%Y-%m-%dT%H:%M:%S.%gZ')"
                    + " ELSE strftime(" + x + ", '%Y-%m-%dT%H:%M:%S.%g') END)";
        });
        RULES.put("date_add", c -> {
            c.arity(3, 3);
            String unit = c.literal(0, "unit").toLowerCase(Locale.ROOT);
            String n = "CAST(" + c.arg(1) + " AS BIGINT)";
            String interval = switch (unit) {
                case "millisecond" -> "to_milliseconds(" + n + ")";
                case "second" -> "to_seconds(" + n + ")";
                case "minute" -> "to_minutes(" + n + ")";
                case "hour" -> "to_hours(" + n + ")";
                case "day" -> "to_days(" + n + ")";
                case "week" -> "to_weeks(" + n + ")";
                case "month" -> "to_months(" + n + ")";
                case "quarter" -> "to_months(3 * " + n + ")";
                case "year" -> "to_years(" + n + ")";
                default -> throw AthenaErrors.query("INVALID_FUNCTION_ARGUMENT", c.name().position(), "'" + unit
                        + "' is not a valid TIMESTAMP field");
            };
            String sum = "(" + c.arg(2) + " + " + interval + ")";
            return c.isDate(2) ? "CAST(" + sum + " AS DATE)" : sum;
        });
        RULES.put("date_diff", c -> {
            c.arity(3, 3);
            // Trino counts whole units elapsed, like DuckDB's date_sub (DuckDB's date_diff counts boundaries).
            return "date_sub(" + c.arg(0) + ", " + c.arg(1) + ", " + c.arg(2) + ")";
        });
        RULES.put("date_trunc", c -> {
            c.arity(2, 2);
            String trunc = "date_trunc(" + c.arg(0) + ", " + c.arg(1) + ")";
            return c.isDate(1) ? "CAST(" + trunc + " AS DATE)" : trunc;
        });
        RULES.put("from_unixtime", c -> {
            c.arity(1, 1);
            return "to_timestamp(CAST(" + c.arg(0) + " AS DOUBLE))";
        });
        RULES.put("to_unixtime", c -> {
            c.arity(1, 1);
            return "epoch(" + c.arg(0) + ")";
        });
        RULES.put("at_timezone", c -> {
            c.arity(2, 2);
            // DuckDB timestamps carry no zone: render the instant in the zone the way Athena prints it.
            return "(strftime(timezone(" + c.arg(1) + ", CAST(" + c.arg(0) + " AS TIMESTAMPTZ)), '%Y-%m-%d %H:%M:%S.%g ') || "
                    + c.arg(1) + ")";
        });
        RULES.put("current_timezone", c -> {
            c.arity(0, 0);
            return "'UTC'";
        });
        RULES.put("day_of_week", c -> simple(c, "isodow", 1));
        RULES.put("dow", c -> simple(c, "isodow", 1));
        RULES.put("day_of_year", c -> simple(c, "dayofyear", 1));
        RULES.put("doy", c -> simple(c, "dayofyear", 1));
        RULES.put("day_of_month", c -> simple(c, "day", 1));
        RULES.put("week_of_year", c -> simple(c, "week", 1));
        RULES.put("year_of_week", c -> simple(c, "isoyear", 1));
        RULES.put("yow", c -> simple(c, "isoyear", 1));
        RULES.put("last_day_of_month", c -> simple(c, "last_day", 1));
        RULES.put("millisecond", c -> {
            c.arity(1, 1);
            return "(millisecond(" + c.arg(0) + ") % 1000)";
        });

        // ---- JSON ----
        RULES.put("json_extract_scalar", c -> {
            c.arity(2, 2);
            // Trino returns NULL when the value at the path is an object or an array.
            return "(CASE WHEN json_type(" + c.arg(0) + ", " + c.arg(1) + ") IN ('OBJECT', 'ARRAY') THEN NULL"
                    + " ELSE json_extract_string(" + c.arg(0) + ", " + c.arg(1) + ") END)";
        });
        RULES.put("json_extract", c -> simple(c, "json_extract", 2));
        RULES.put("json_parse", c -> simple(c, "json", 1));
        RULES.put("json_format", c -> {
            c.arity(1, 1);
            return "CAST(" + c.arg(0) + " AS VARCHAR)";
        });
        RULES.put("json_array_length", c -> {
            c.arity(1, 1);
            return "CAST(json_array_length(" + c.arg(0) + ") AS BIGINT)";
        });

        // ---- regular expressions ----
        RULES.put("regexp_like", c -> simple(c, "regexp_matches", 2));
        RULES.put("regexp_extract", c -> {
            c.arity(2, 3);
            String group = c.count() == 3 ? ", " + c.arg(2) : "";
            // DuckDB returns '' when nothing matches; Trino returns NULL.
            return "(CASE WHEN regexp_matches(" + c.arg(0) + ", " + c.arg(1) + ") THEN regexp_extract(" + c.arg(0)
                    + ", " + c.arg(1) + group + ") END)";
        });
        RULES.put("regexp_replace", c -> {
            c.arity(2, 3);
            if (c.count() == 3 && c.args().get(2).nodes().size() > 1
                    && c.args().get(2).nodes().get(1) instanceof Node.Leaf l && l.token().isSymbol("->")) {
                throw c.fail("regexp_replace with a lambda is not supported by the local Athena engine");
            }
            String replacement = c.count() == 3 ? DateFormats.trinoReplacement(c.literal(2, "replacement")) : "";
            return "regexp_replace(" + c.arg(0) + ", " + c.arg(1) + ", " + TrinoTranslator.literal(replacement) + ", 'g')";
        });
        RULES.put("regexp_split", c -> simple(c, "string_split_regex", 2));
        RULES.put("regexp_count", c -> {
            c.arity(2, 2);
            return "CAST(len(regexp_extract_all(" + c.arg(0) + ", " + c.arg(1) + ")) AS BIGINT)";
        });

        // ---- strings ----
        RULES.put("strpos", c -> {
            c.arity(2, 2);
            return "CAST(strpos(" + c.arg(0) + ", " + c.arg(1) + ") AS BIGINT)";
        });
        RULES.put("length", c -> {
            c.arity(1, 1);
            return "CAST(length(" + c.arg(0) + ") AS BIGINT)";
        });
        RULES.put("substr", FunctionRules::substr);
        RULES.put("substring", c -> {
            boolean sqlSyntax = c.args().size() == 1;
            return sqlSyntax ? "substring(" + c.args().get(0).sql() + ")" : substr(c);
        });
        RULES.put("split", c -> {
            c.arity(2, 3);
            if (c.count() == 3) {
                throw c.fail("split with a limit is not supported by the local Athena engine");
            }
            return "string_split(" + c.arg(0) + ", " + c.arg(1) + ")";
        });
        RULES.put("split_part", c -> {
            c.arity(3, 3);
            // Trino returns NULL past the last field; DuckDB's split_part returns ''.
            return "list_extract(string_split(" + c.arg(0) + ", " + c.arg(1) + "), " + c.arg(2) + ")";
        });
        RULES.put("concat", c -> {
            if (c.count() < 2) {
                c.arity(2, Integer.MAX_VALUE);
            }
            // Trino's concat is NULL when any argument is NULL (DuckDB's skips NULLs); || behaves like Trino.
            return "(" + c.args().stream().map(a -> "(" + a.sql() + ")").collect(Collectors.joining(" || ")) + ")";
        });
        RULES.put("replace", c -> {
            c.arity(2, 3);
            return "replace(" + c.arg(0) + ", " + c.arg(1) + ", " + (c.count() == 3 ? c.arg(2) : "''") + ")";
        });
        RULES.put("codepoint", c -> simple(c, "unicode", 1));
        RULES.put("levenshtein_distance", c -> simple(c, "levenshtein", 2));
        RULES.put("hamming_distance", c -> simple(c, "hamming", 2));
        RULES.put("to_utf8", c -> simple(c, "encode", 1));
        RULES.put("from_utf8", c -> simple(c, "decode", 1));
        RULES.put("to_hex", c -> simple(c, "hex", 1));
        RULES.put("from_hex", c -> simple(c, "unhex", 1));
        for (String digest : List.of("md5", "sha1", "sha256")) {
            // Trino's digests return varbinary; DuckDB's return hex text.
            RULES.put(digest, c -> {
                c.arity(1, 1);
                return "unhex(" + digest + "(" + c.arg(0) + "))";
            });
        }
        RULES.put("format", c -> {
            throw c.fail("format() (Java format strings) is not supported by the local Athena engine; use concat or ||");
        });

        // ---- arrays and maps ----
        RULES.put("cardinality", c -> {
            c.arity(1, 1);
            return "CAST(cardinality(" + c.arg(0) + ") AS BIGINT)";
        });
        RULES.put("element_at", c -> {
            c.arity(2, 2);
            // 1-based, negative from the end, NULL out of bounds; a map key lookup for maps.
            return c.arg(0) + "[" + c.args().get(1).sql() + "]";
        });
        RULES.put("array_join", c -> {
            c.arity(2, 3);
            String array = c.count() == 3
                    ? "list_transform(" + c.arg(0) + ", lambda __e: coalesce(CAST(__e AS VARCHAR), " + c.arg(2) + "))"
                    : c.arg(0);
            return "array_to_string(" + array + ", " + c.arg(1) + ")";
        });
        RULES.put("contains", c -> simple(c, "list_contains", 2));
        RULES.put("array_position", c -> {
            c.arity(2, 2);
            return "CAST(coalesce(list_position(" + c.arg(0) + ", " + c.arg(1) + "), 0) AS BIGINT)";
        });
        RULES.put("array_max", c -> simple(c, "list_max", 1));
        RULES.put("array_min", c -> simple(c, "list_min", 1));
        RULES.put("array_sort", c -> {
            c.arity(1, 1);
            return "list_sort(" + c.arg(0) + ", 'ASC', 'NULLS LAST')";
        });
        RULES.put("array_distinct", c -> {
            c.arity(1, 1);
            // Keeps the first occurrence of each element, in order (DuckDB's list_distinct does not).
            return "list_filter(" + c.arg(0) + ", lambda __x, __i: list_position(" + c.arg(0) + ", __x) = __i)";
        });
        RULES.put("slice", c -> {
            c.arity(3, 3);
            return "list_slice(" + c.arg(0) + ", " + c.arg(1) + ", " + c.arg(1) + " + " + c.arg(2) + " - 1)";
        });
        RULES.put("sequence", c -> {
            c.arity(2, 3);
            return "generate_series(" + c.args().stream().map(a -> "(" + a.sql() + ")").collect(Collectors.joining(", ")) + ")";
        });
        RULES.put("transform", c -> simple(c, "list_transform", 2));
        RULES.put("filter", c -> simple(c, "list_filter", 2));
        RULES.put("any_match", c -> listAggregate(c, "bool_or", false));
        RULES.put("all_match", c -> listAggregate(c, "bool_and", false));
        RULES.put("none_match", c -> listAggregate(c, "bool_or", true));

        RULES.put("reduce", c -> {
            c.arity(4, 4);
            // reduce(array, initial, (state, x) -> ..., state -> result)
            return "list_transform([list_reduce(" + c.arg(0) + ", " + c.args().get(2).sql() + ", " + c.arg(1) + ")], "
                    + c.args().get(3).sql() + ")[1]";
        });
        RULES.put("row", c -> {
            // Trino names the fields of an anonymous row field0, field1, ...
            StringBuilder fields = new StringBuilder();
            for (int i = 0; i < c.count(); i++) {
                fields.append(i == 0 ? "" : ", ").append("field").append(i).append(" := ").append(c.arg(i));
            }
            return "struct_pack(" + fields + ")";
        });

        // ---- aggregates ----
        RULES.put("map_agg", c -> {
            c.arity(2, 2);
            // Trino keeps one value per key; DuckDB rejects duplicate keys, so keep each key's first entry.
            String entries = "list(struct_pack(k := " + c.arg(0) + ", v := " + c.arg(1) + "))";
            return "map_from_entries(list_filter(" + entries + ", lambda __e, __i: list_position(list_transform("
                    + entries + ", lambda __f: __f.k), __e.k) = __i))";
        });
        RULES.put("approx_distinct", c -> {
            c.arity(1, 2);
            return "approx_count_distinct(" + c.arg(0) + ")";
        });
        RULES.put("approx_percentile", c -> {
            c.arity(2, 3);
            if (c.count() == 3) {
                throw c.fail("approx_percentile with weights is not supported by the local Athena engine");
            }
            // Exact: returns a value of the data, as Trino's estimate does on small inputs.
            return "quantile_disc(" + c.arg(0) + ", " + c.arg(1) + ")";
        });
        RULES.put("arbitrary", c -> simple(c, "any_value", 1));
        RULES.put("every", c -> simple(c, "bool_and", 1));

        // ---- conditional and misc ----
        RULES.put("if", c -> {
            c.arity(2, 3);
            return "(CASE WHEN " + c.arg(0) + " THEN " + c.arg(1) + (c.count() == 3 ? " ELSE " + c.arg(2) : "") + " END)";
        });
        RULES.put("greatest", c -> nullPropagating(c, "greatest"));
        RULES.put("least", c -> nullPropagating(c, "least"));
        RULES.put("try", c -> simple(c, "TRY", 1));
        RULES.put("typeof", c -> {
            c.arity(1, 1);
            c.translator().useMacro("athena_typeof");
            return "athena_typeof(typeof(" + c.arg(0) + "))";
        });
        RULES.put("truncate", c -> simple(c, "trunc", 1));
        RULES.put("mod", c -> {
            c.arity(2, 2);
            return "(" + c.arg(0) + " % " + c.arg(1) + ")";
        });
        RULES.put("rand", c -> simple(c, "random", 0));
        RULES.put("infinity", c -> {
            c.arity(0, 0);
            return "CAST('Infinity' AS DOUBLE)";
        });
        RULES.put("nan", c -> {
            c.arity(0, 0);
            return "CAST('NaN' AS DOUBLE)";
        });
        RULES.put("is_nan", c -> simple(c, "isnan", 1));
        RULES.put("is_finite", c -> simple(c, "isfinite", 1));
        RULES.put("is_infinite", c -> simple(c, "isinf", 1));
        RULES.put("bitwise_and", c -> binary(c, "&"));
        RULES.put("bitwise_or", c -> binary(c, "|"));
        RULES.put("bitwise_xor", c -> simple(c, "xor", 2));
        RULES.put("bitwise_not", c -> {
            c.arity(1, 1);
            return "(~" + c.arg(0) + ")";
        });
    }

    private FunctionRules() {
    }

    /** The DuckDB SQL for {@code call}, or empty when the function needs no translation. */
    static Optional<String> rewrite(Call call) {
        Function<Call, String> rule = RULES.get(call.name().name());
        return rule == null ? Optional.empty() : Optional.of(rule.apply(call));
    }

    /** The Trino functions that are translated (for documentation and tests). */
    public static Set<String> translated() {
        return RULES.keySet();
    }

    private static String simple(Call c, String duckDb, int arity) {
        c.arity(arity, arity);
        return duckDb + "(" + c.args().stream().map(a -> a.sql()).collect(Collectors.joining(", ")) + ")";
    }

    private static String binary(Call c, String operator) {
        c.arity(2, 2);
        return "(" + c.arg(0) + " " + operator + " " + c.arg(1) + ")";
    }

    private static String substr(Call c) {
        c.arity(2, 3);
        String call = "substring(" + c.arg(0) + ", " + c.arg(1) + (c.count() == 3 ? ", " + c.arg(2) : "") + ")";
        // Trino returns '' for start 0; DuckDB treats 0 like 1.
        return "(CASE WHEN " + c.arg(1) + " = 0 THEN '' ELSE " + call + " END)";
    }

    private static String nullPropagating(Call c, String function) {
        if (c.count() < 1) {
            c.arity(1, Integer.MAX_VALUE);
        }
        // Trino's greatest/least are NULL when any argument is; DuckDB's ignore NULLs.
        String anyNull = c.args().stream().map(a -> "(" + a.sql() + ") IS NULL").collect(Collectors.joining(" OR "));
        String args = c.args().stream().map(a -> "(" + a.sql() + ")").collect(Collectors.joining(", "));
        return "(CASE WHEN " + anyNull + " THEN NULL ELSE " + function + "(" + args + ") END)";
    }

    private static String listAggregate(Call c, String aggregate, boolean negate) {
        c.arity(2, 2);
        String value = "list_aggregate(list_transform(" + c.arg(0) + ", " + c.args().get(1).sql() + "), '" + aggregate + "')";
        return negate ? "(NOT " + value + ")" : value;
    }
}
