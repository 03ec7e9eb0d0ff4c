package io.athenaworkflow.local.sfn.asl.expr;

/**
 * The escape sequences the Amazon States Language allows in the dot-notation field names of a path: a backslash makes
 * the next character part of the name ({@code $.store\.book} is the field {@code store.book}, {@code $.foo.\.bar} the
 * field {@code .bar}, {@code $.foo\@bar.baz\[\[} the fields {@code foo@bar} and {@code baz[[}; the specification
 * lists these among its valid Reference Paths). Jayway JsonPath does not read them, so such names are rewritten in
 * its bracket notation ({@code $['store.book']}) before it compiles the path.
 */
final class JsonPathEscapes {

    private JsonPathEscapes() {
    }

    /** {@code path} with every dot-notation name that holds a backslash rewritten as {@code ['name']}. */
    static String toBrackets(String path) {
        if (path.indexOf('\\') < 0) {
            return path;
        }
        StringBuilder out = new StringBuilder(path.length() + 8);
        int i = 0;
        int depth = 0;
        char quote = 0;
        while (i < path.length()) {
            char c = path.charAt(i);
            if (quote != 0) {
                out.append(c);
                if (c == '\\' && i + 1 < path.length()) {
                    out.append(path.charAt(++i));
                } else if (c == quote) {
                    quote = 0;
                }
                i++;
            } else if (depth > 0) {
                if (c == '\'' || c == '"') {
                    quote = c;
                } else if (c == '[') {
                    depth++;
                } else if (c == ']') {
                    depth--;
                }
                out.append(c);
                i++;
            } else if (c == '[') {
                depth++;
                out.append(c);
                i++;
            } else if (c == '.') {
                out.append(c);
                i++;
                if (i < path.length() && path.charAt(i) == '.') {
                    // A deep scan (..name): the name that follows is read the same way.
                    out.append('.');
                    i++;
                }
                i = name(path, i, out);
            } else {
                out.append(c);
                i++;
            }
        }
        return out.toString();
    }

    /** Copies the dot-notation name starting at {@code start}; returns the index after it. */
    private static int name(String path, int start, StringBuilder out) {
        StringBuilder name = new StringBuilder();
        boolean escaped = false;
        int i = start;
        while (i < path.length() && path.charAt(i) != '.' && path.charAt(i) != '[') {
            char c = path.charAt(i);
            if (c == '\\' && i + 1 < path.length()) {
                escaped = true;
                c = path.charAt(++i);
            }
            name.append(c);
            i++;
        }
        if (!escaped) {
            out.append(path, start, i);
            return i;
        }
        // "$.a" and "$['a']" are the same path; after a deep scan's "..", Jayway reads "..['a']" as well.
        if (out.charAt(out.length() - 1) == '.' && (out.length() < 2 || out.charAt(out.length() - 2) != '.')) {
            out.setLength(out.length() - 1);
        }
        out.append("['");
        for (int k = 0; k < name.length(); k++) {
            char c = name.charAt(k);
            if (c == '\\' || c == '\'') {
                out.append('\\');
            }
            out.append(c);
        }
        out.append("']");
        return i;
    }
}
