package io.athenaworkflow.local.sfn.asl.expr;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.jayway.jsonpath.Configuration;
import com.jayway.jsonpath.InvalidPathException;
import com.jayway.jsonpath.JsonPath;
import com.jayway.jsonpath.JsonPathException;
import com.jayway.jsonpath.spi.json.JacksonJsonNodeJsonProvider;
import com.jayway.jsonpath.spi.mapper.JacksonMappingProvider;
import io.athenaworkflow.local.sfn.asl.StatesError;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * JSONPath as Step Functions applies it (JSONPath query language), on Jayway JsonPath over Jackson trees.
 *
 * <ul>
 *   <li>{@code $} is the whole document; a definite path yields the one node it names; an indefinite path (wildcard,
 *       filter, slice, deep scan) yields an array of every match, possibly empty, also where the input lacks the
 *       nodes the path walks through ({@code $.items[*]} over {@code {}} is {@code []}, as on AWS).</li>
 *   <li>A path that names nothing fails with {@code States.Runtime}: "The JSONPath '$.x' specified for the field
 *       'InputPath' could not be found in the input '{...}'".</li>
 *   <li>{@link #resolve} also reads the context object ({@code $$.Execution.Id}) and workflow variables
 *       ({@code $name}, {@code $name.field}).</li>
 *   <li>A backslash in a dot-notation field name makes the next character part of the name ({@code $.a\.b} is the
 *       field {@code a.b}), as the Amazon States Language specifies ({@link JsonPathEscapes}).</li>
 *   <li>{@link #write} applies a ResultPath.</li>
 * </ul>
 *
 * <p>Returned nodes may be shared with the document they were read from: treat them as read-only.
 */
public final class JsonPaths {

    /** The error a ResultPath that cannot be applied to its input is reported as. */
    public static final String RESULT_PATH_MATCH_FAILURE = "States.ResultPathMatchFailure";

    private static final Configuration JAYWAY = Configuration.builder()
            .jsonProvider(new JacksonJsonNodeJsonProvider(Json.MAPPER))
            .mappingProvider(new JacksonMappingProvider(Json.MAPPER))
            .build();

    private static final BoundedCache<String, JsonPath> COMPILED = new BoundedCache<>(2_048);

    /** {@code $name} followed by nothing, a {@code .member} or a {@code [...]}: a workflow variable reference. */
    private static final Pattern VARIABLE = Pattern.compile("\\$([A-Za-z_][A-Za-z0-9_]*)(.*)", Pattern.DOTALL);

    private JsonPaths() {
    }

    /**
     * Reads {@code path} from {@code document}; a failure names no field.
     *
     * @throws StatesError {@code States.Runtime} when the path names nothing in the document or is not a valid path
     */
    public static JsonNode read(String path, JsonNode document) {
        return read(path, document, null);
    }

    /**
     * Reads {@code path} from {@code document}, for the ASL field {@code field} ({@code InputPath},
     * {@code OutputPath}, {@code ItemsPath}, {@code x.$}, ...), which the failure cause names.
     *
     * @throws StatesError {@code States.Runtime} when the path names nothing in the document or is not a valid path
     */
    public static JsonNode read(String path, JsonNode document, String field) {
        return find(path, document, field).orElseThrow(() -> notFound(path, field, document));
    }

    /**
     * The value {@code path} names in {@code document}, or empty when it names nothing there.
     *
     * @throws StatesError {@code States.Runtime} when {@code path} is not a valid path
     */
    public static Optional<JsonNode> find(String path, JsonNode document) {
        return find(path, document, null);
    }

    /** Whether {@code path} can only ever name one node (otherwise reading it yields an array). */
    public static boolean isDefinite(String path) {
        return compiled(path, null).isDefinite();
    }

    /**
     * Reads a path that may start with {@code $} (the input), {@code $$} (the context object) or {@code $name} (the
     * workflow variable {@code name}), for the ASL field {@code field}.
     *
     * @throws StatesError {@code States.Runtime} when the path names nothing, names an unassigned variable, or is not
     *     a valid path
     */
    public static JsonNode resolve(String path, JsonNode input, JsonNode context, Map<String, JsonNode> variables,
                                   String field) {
        Target target = target(path, input, context, variables, field);
        return find(target.path(), target.document(), field).orElseThrow(() -> notFound(path, field,
                target.document()));
    }

    /**
     * As {@link #resolve}, but empty instead of failing when the path names nothing or an unassigned variable.
     *
     * @throws StatesError {@code States.Runtime} when {@code path} is not a valid path
     */
    public static Optional<JsonNode> tryResolve(String path, JsonNode input, JsonNode context,
                                                Map<String, JsonNode> variables) {
        if (isVariable(path) && variableValue(path, variables).isEmpty()) {
            return Optional.empty();
        }
        Target target = target(path, input, context, variables, null);
        return find(target.path(), target.document(), null);
    }

    /**
     * Applies a ResultPath: {@code null} keeps {@code document} and discards {@code value}; {@code $} replaces the
     * document with {@code value}; {@code $.a.b} (any Reference Path) sets that node in a copy of the document,
     * creating the objects on the way that do not exist yet. {@code document} is not modified.
     *
     * @throws StatesError {@code States.ResultPathMatchFailure} when the path runs into a value that is not an object
     *     (or, for an index, not an array holding that index); {@code States.Runtime} when {@code resultPath} is not
     *     a Reference Path
     */
    public static JsonNode write(JsonNode document, String resultPath, JsonNode value) {
        if (resultPath == null) {
            return document;
        }
        ReferencePath path = ReferencePath.parse(resultPath).orElseThrow(() -> StatesError.runtime(
                "The ResultPath '" + resultPath + "' is not a Reference Path: use $, $.field, $['field'] or "
                        + "$.array[index], without wildcards, filters, slices or '..'"));
        if (path.segments().isEmpty()) {
            return value;
        }
        JsonNode root = document == null || document.isMissingNode() ? Json.NODES.objectNode() : document.deepCopy();
        JsonNode current = root;
        var segments = path.segments();
        for (int i = 0; i < segments.size(); i++) {
            boolean last = i == segments.size() - 1;
            ReferencePath.Segment segment = segments.get(i);
            if (segment instanceof ReferencePath.Field field) {
                if (!(current instanceof ObjectNode object)) {
                    throw unableToApply(resultPath, document);
                }
                if (last) {
                    object.set(field.name(), value);
                } else {
                    JsonNode next = object.get(field.name());
                    if (next == null) {
                        next = object.putObject(field.name());
                    }
                    current = next;
                }
            } else {
                int index = ((ReferencePath.Index) segment).index();
                if (!(current instanceof ArrayNode array) || ReferencePath.element(array, index) == null) {
                    throw unableToApply(resultPath, document);
                }
                int position = index < 0 ? array.size() + index : index;
                if (last) {
                    array.set(position, value);
                } else {
                    current = array.get(position);
                }
            }
        }
        return root;
    }

    private static StatesError unableToApply(String resultPath, JsonNode document) {
        return new StatesError(RESULT_PATH_MATCH_FAILURE, "Unable to apply ReferencePath " + resultPath
                + " to input " + Json.render(document));
    }

    private static Optional<JsonNode> find(String path, JsonNode document, String field) {
        JsonPath compiled = compiled(path, field);
        if ("$".equals(path.trim())) {
            return Optional.ofNullable(document).filter(node -> !node.isMissingNode());
        }
        if (document == null || document.isMissingNode()) {
            return Optional.empty();
        }
        Object result;
        try {
            result = compiled.read(document, JAYWAY);
        } catch (JsonPathException e) {
            // PathNotFoundException, and the "expected an object but found a string" family. An indefinite path
            // (wildcard, slice, filter) selects a list, which AWS answers as empty where the input lacks the nodes.
            return compiled.isDefinite() ? Optional.empty() : Optional.of(Json.NODES.arrayNode());
        }
        JsonNode node = result instanceof JsonNode json ? json : Json.MAPPER.valueToTree(result);
        if (compiled.isDefinite() && (node == null || node.isNull())) {
            // Jayway answers null for an index past the end of an array; only a real null is a value.
            Optional<ReferencePath> reference = ReferencePath.parse(path);
            if (reference.isPresent()) {
                return reference.get().find(document);
            }
        }
        return Optional.ofNullable(node);
    }

    private static JsonPath compiled(String path, String field) {
        if (path == null || !path.trim().startsWith("$")) {
            throw invalid(path, field, "a path must start with '$'");
        }
        try {
            return COMPILED.get(path, text -> JsonPath.compile(JsonPathEscapes.toBrackets(text)));
        } catch (InvalidPathException e) {
            throw invalid(path, field, e.getMessage());
        }
    }

    private static StatesError invalid(String path, String field, String reason) {
        return StatesError.runtime("The JSONPath '" + path + "'" + forField(field) + " is not a valid JSONPath: "
                + reason);
    }

    static StatesError notFound(String path, String field, JsonNode document) {
        return StatesError.runtime("The JSONPath '" + path + "'" + forField(field)
                + " could not be found in the input '" + Json.render(document) + "'");
    }

    private static String forField(String field) {
        return field == null ? "" : " specified for the field '" + field + "'";
    }

    /** Whether a path reads a workflow variable ({@code $name...}) rather than the input or the context. */
    static boolean isVariable(String path) {
        return path != null && !path.startsWith("$$") && VARIABLE.matcher(path).matches();
    }

    private static Optional<JsonNode> variableValue(String path, Map<String, JsonNode> variables) {
        Matcher matcher = VARIABLE.matcher(path);
        if (!matcher.matches() || variables == null) {
            return Optional.empty();
        }
        return Optional.ofNullable(variables.get(matcher.group(1)));
    }

    /** Where a path reads from, and the plain {@code $}-rooted path to read there. */
    private record Target(String path, JsonNode document) {
    }

    private static Target target(String path, JsonNode input, JsonNode context, Map<String, JsonNode> variables,
                                 String field) {
        if (path == null) {
            throw invalid(null, field, "a path must start with '$'");
        }
        if (path.startsWith("$$")) {
            return new Target(path.substring(1), context);
        }
        Matcher variable = VARIABLE.matcher(path);
        if (variable.matches()) {
            String name = variable.group(1);
            JsonNode value = variables == null ? null : variables.get(name);
            if (value == null) {
                throw StatesError.runtime("The JSONPath '" + path + "'" + forField(field) + " references the variable '"
                        + name + "', which has not been assigned: assign it in an earlier state's Assign field");
            }
            return new Target("$" + variable.group(2), value);
        }
        return new Target(path, input);
    }
}
