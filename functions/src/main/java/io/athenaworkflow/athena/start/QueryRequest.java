package io.athenaworkflow.athena.start;

import com.fasterxml.jackson.databind.JsonNode;
import io.athenaworkflow.athena.config.CleanupMode;
import io.athenaworkflow.athena.config.JsonFields;
import io.athenaworkflow.athena.config.S3Location;
import io.athenaworkflow.athena.config.WorkflowDefaults;
import io.athenaworkflow.athena.errors.InvalidInputException;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * A validated request to run one query: the execution input merged with the deployment's defaults.
 *
 * @param sql the query string
 * @param database QueryExecutionContext.Database, or null
 * @param catalog QueryExecutionContext.Catalog
 * @param workgroup the Athena workgroup
 * @param outputLocation where the results go (a prefix), or null for the workgroup's own location
 * @param parameters ExecutionParameters, SQL literals bound to the {@code ?} placeholders in order
 * @param resultReuseMinutes reuse a previous identical query's result up to this age; 0 disables reuse
 * @param timeoutSeconds how long the query may stay QUEUED/RUNNING
 * @param maxInlineRows how many result rows FetchResults returns inline at most
 * @param cleanup what Cleanup deletes afterwards
 * @param kmsKey encrypt the results with SSE-KMS under this key; null means SSE-S3
 * @param expectedBucketOwner the account that must own the results bucket, or null
 */
public record QueryRequest(
        String sql,
        String database,
        String catalog,
        String workgroup,
        S3Location outputLocation,
        List<String> parameters,
        int resultReuseMinutes,
        int timeoutSeconds,
        int maxInlineRows,
        CleanupMode cleanup,
        String kmsKey,
        String expectedBucketOwner) {

    /** Athena's QueryString limit, in bytes of UTF-8. */
    public static final int MAX_SQL_BYTES = 262_144;
    /** Longest timeout; with CheckStatus's backoff it keeps an execution's history far below 25,000 events. */
    public static final int MAX_TIMEOUT_SECONDS = 86_400;
    /** Most rows FetchResults may be asked to return inline (its byte budget may return fewer). */
    public static final int MAX_INLINE_ROWS = 10_000;
    /** Athena's longest result reuse age (7 days). */
    public static final int MAX_RESULT_REUSE_MINUTES = 10_080;
    /** Athena's limit on one execution parameter. */
    public static final int MAX_PARAMETER_LENGTH = 1_024;

    static final Set<String> FIELDS = Set.of("sql", "database", "catalog", "workgroup", "outputLocation", "parameters",
            "resultReuseMinutes", "timeoutSeconds", "maxInlineRows", "cleanup", "kmsKey");

    private static final Pattern WORKGROUP = Pattern.compile("[a-zA-Z0-9._-]{1,128}");

    public QueryRequest {
        parameters = List.copyOf(parameters);
    }

    /**
     * Validates an execution input (a JSON object with the fields in {@link #FIELDS}) against the defaults.
     *
     * @throws InvalidInputException for the first bad field, naming it and what it accepts
     */
    public static QueryRequest parse(JsonNode input, WorkflowDefaults defaults) {
        if (input == null || !input.isObject()) {
            throw new InvalidInputException("The execution input must be a JSON object with at least a 'sql' field, but was "
                    + (input == null ? "empty" : JsonFields.describe(input)) + ".");
        }
        rejectUnknownFields(input);
        String sql = sql(JsonFields.text(input, "sql").orElseThrow(() -> new InvalidInputException(
                "Field 'sql' is required: the query to run, e.g. {\"sql\": \"SELECT 1\"}.")));
        String workgroup = JsonFields.name(input, "workgroup", 128).orElse(defaults.workgroup());
        if (!WORKGROUP.matcher(workgroup).matches()) {
            throw new InvalidInputException("Field 'workgroup' may hold only letters, digits, '.', '_' and '-' (1-128), but was '"
                    + workgroup + "'.");
        }
        List<String> parameters = parameters(input);
        int placeholders = SqlPlaceholders.count(sql);
        if (placeholders != parameters.size()) {
            throw new InvalidInputException("The query has " + placeholders + " '?' placeholder(s) but 'parameters' has "
                    + parameters.size() + " value(s): pass exactly one SQL literal per placeholder, in order.");
        }
        return new QueryRequest(
                sql,
                JsonFields.name(input, "database", 255).orElse(defaults.database()),
                JsonFields.name(input, "catalog", 256).orElse(defaults.catalog()),
                workgroup,
                outputLocation(input, defaults),
                parameters,
                JsonFields.integer(input, "resultReuseMinutes", 0, MAX_RESULT_REUSE_MINUTES).orElse(defaults.resultReuseMinutes()),
                JsonFields.integer(input, "timeoutSeconds", 1, MAX_TIMEOUT_SECONDS).orElse(defaults.timeoutSeconds()),
                JsonFields.integer(input, "maxInlineRows", 0, MAX_INLINE_ROWS).orElse(defaults.maxInlineRows()),
                JsonFields.text(input, "cleanup").map(v -> CleanupMode.parse(v, "cleanup")).orElse(defaults.cleanup()),
                JsonFields.name(input, "kmsKey", 2048).orElse(defaults.kmsKey()),
                defaults.expectedBucketOwner());
    }

    private static void rejectUnknownFields(JsonNode input) {
        for (Iterator<String> names = input.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!FIELDS.contains(name)) {
                throw new InvalidInputException("Unknown field '" + name + "' in the execution input; the accepted fields are "
                        + new TreeSet<>(FIELDS) + ".");
            }
        }
    }

    /** Checks the query text; also used for the text of a .sql object. */
    static String sql(String sql) {
        if (sql.isBlank()) {
            throw new InvalidInputException("Field 'sql' is empty: give the query to run.");
        }
        for (int i = 0; i < sql.length(); i++) {
            char c = sql.charAt(i);
            boolean paired = Character.isHighSurrogate(c) && i + 1 < sql.length() && Character.isLowSurrogate(sql.charAt(i + 1));
            if (paired) {
                i++;
            } else if (Character.isSurrogate(c)) {
                throw new InvalidInputException("Field 'sql' is not valid Unicode: it holds an unpaired surrogate at character " + i + ".");
            }
        }
        int bytes = sql.getBytes(StandardCharsets.UTF_8).length;
        if (bytes > MAX_SQL_BYTES) {
            throw new InvalidInputException("Field 'sql' is " + bytes + " bytes; Athena accepts at most " + MAX_SQL_BYTES
                    + " bytes of UTF-8.");
        }
        return sql;
    }

    private static List<String> parameters(JsonNode input) {
        var field = JsonFields.field(input, "parameters");
        if (field.isEmpty()) {
            return List.of();
        }
        JsonNode array = field.get();
        if (!array.isArray()) {
            throw new InvalidInputException("Field 'parameters' must be an array of SQL literals, e.g. [\"'2024-01-01'\", \"42\"], but was "
                    + JsonFields.describe(array) + ".");
        }
        List<String> values = new ArrayList<>();
        for (int i = 0; i < array.size(); i++) {
            JsonNode item = array.get(i);
            String value;
            if (item.isTextual()) {
                value = item.textValue();
            } else if (item.isNumber() || item.isBoolean()) {
                value = item.asText();
            } else {
                throw new InvalidInputException("parameters[" + i + "] must be a string holding a SQL literal (or a number or"
                        + " boolean), but was " + JsonFields.describe(item) + ".");
            }
            if (value.isEmpty() || value.length() > MAX_PARAMETER_LENGTH) {
                throw new InvalidInputException("parameters[" + i + "] must be 1 to " + MAX_PARAMETER_LENGTH
                        + " characters long, but has " + value.length() + ".");
            }
            values.add(value);
        }
        return values;
    }

    private static S3Location outputLocation(JsonNode input, WorkflowDefaults defaults) {
        S3Location results = defaults.resultsLocation();
        var given = JsonFields.text(input, "outputLocation").map(v -> S3Location.parse(v, "outputLocation").asPrefix());
        if (given.isEmpty()) {
            return results;
        }
        if (results != null && !results.contains(given.get())) {
            throw new InvalidInputException("Field 'outputLocation' (" + given.get() + ") is outside " + results
                    + ", the results location this workflow may write and clean up; use a prefix under it.");
        }
        return given.get();
    }
}
