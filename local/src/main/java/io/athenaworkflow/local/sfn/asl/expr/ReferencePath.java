package io.athenaworkflow.local.sfn.asl.expr;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * An ASL Reference Path: a Path that names exactly one node, with fields reached by {@code .name} or
 * {@code ['name']} and array elements by {@code [index]} ({@code $.a.b}, {@code $['a'][0].c}). ResultPath must be
 * one; other paths are read with Jayway JsonPath, but a definite one is also checked here for existence, because
 * Jayway answers null for an array index past the end.
 */
final class ReferencePath {

    /** One step of the path. */
    sealed interface Segment permits Field, Index {
    }

    /** An object member. */
    record Field(String name) implements Segment {
    }

    /** An array element; a negative index counts from the end, as Jayway reads it. */
    record Index(int index) implements Segment {
    }

    private final String text;
    private final List<Segment> segments;

    private ReferencePath(String text, List<Segment> segments) {
        this.text = text;
        this.segments = List.copyOf(segments);
    }

    String text() {
        return text;
    }

    List<Segment> segments() {
        return segments;
    }

    /** The parsed path, or empty when {@code path} is not a Reference Path (filters, wildcards, slices, ...). */
    static Optional<ReferencePath> parse(String path) {
        if (path == null || !path.startsWith("$") || path.startsWith("$$")) {
            return Optional.empty();
        }
        List<Segment> segments = new ArrayList<>();
        int i = 1;
        while (i < path.length()) {
            char c = path.charAt(i);
            if (c == '.') {
                int start = ++i;
                StringBuilder name = new StringBuilder();
                while (i < path.length() && path.charAt(i) != '.' && path.charAt(i) != '[') {
                    char n = path.charAt(i);
                    if (n == '\\' && i + 1 < path.length()) {
                        // The spec allows escaping a character that would otherwise end the name ($.a\.b).
                        n = path.charAt(++i);
                    } else if (n == '*' || n == '@' || n == '?' || n == ',' || n == ':' || n == '(') {
                        return Optional.empty();
                    }
                    name.append(n);
                    i++;
                }
                if (i == start) {
                    return Optional.empty();
                }
                segments.add(new Field(name.toString()));
            } else if (c == '[') {
                int close = bracketEnd(path, i);
                if (close < 0) {
                    return Optional.empty();
                }
                String inside = path.substring(i + 1, close).trim();
                Optional<Segment> segment = bracketSegment(inside);
                if (segment.isEmpty()) {
                    return Optional.empty();
                }
                segments.add(segment.get());
                i = close + 1;
            } else {
                return Optional.empty();
            }
        }
        return Optional.of(new ReferencePath(path, segments));
    }

    private static int bracketEnd(String path, int open) {
        char quote = 0;
        for (int i = open + 1; i < path.length(); i++) {
            char c = path.charAt(i);
            if (quote != 0) {
                if (c == '\\') {
                    i++;
                } else if (c == quote) {
                    quote = 0;
                }
            } else if (c == '\'' || c == '"') {
                quote = c;
            } else if (c == ']') {
                return i;
            }
        }
        return -1;
    }

    private static Optional<Segment> bracketSegment(String inside) {
        if (inside.length() >= 2 && (inside.charAt(0) == '\'' || inside.charAt(0) == '"')
                && inside.charAt(inside.length() - 1) == inside.charAt(0)) {
            String body = inside.substring(1, inside.length() - 1);
            StringBuilder name = new StringBuilder();
            for (int i = 0; i < body.length(); i++) {
                char c = body.charAt(i);
                if (c == inside.charAt(0)) {
                    // Several quoted names in one bracket select several nodes.
                    return Optional.empty();
                }
                if (c == '\\' && i + 1 < body.length()) {
                    c = body.charAt(++i);
                }
                name.append(c);
            }
            return Optional.of(new Field(name.toString()));
        }
        if (inside.matches("-?\\d{1,9}")) {
            return Optional.of(new Index(Integer.parseInt(inside)));
        }
        return Optional.empty();
    }

    /** The node this path names in {@code document}, or empty when it names nothing there. */
    Optional<JsonNode> find(JsonNode document) {
        JsonNode current = document;
        for (Segment segment : segments) {
            if (current == null) {
                return Optional.empty();
            }
            current = switch (segment) {
                case Field field -> current.isObject() ? current.get(field.name()) : null;
                case Index index -> current.isArray() ? element(current, index.index()) : null;
            };
        }
        return Optional.ofNullable(current);
    }

    static JsonNode element(JsonNode array, int index) {
        int position = index < 0 ? array.size() + index : index;
        return position >= 0 && position < array.size() ? array.get(position) : null;
    }
}
