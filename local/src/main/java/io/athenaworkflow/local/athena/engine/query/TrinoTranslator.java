package io.athenaworkflow.local.athena.engine.query;

import io.athenaworkflow.local.athena.engine.AthenaErrors;
import io.athenaworkflow.local.athena.engine.catalog.Catalog;
import io.athenaworkflow.local.athena.engine.catalog.CatalogColumn;
import io.athenaworkflow.local.athena.engine.catalog.CatalogTable;
import io.athenaworkflow.local.athena.engine.sql.Token;
import io.athenaworkflow.local.athena.engine.sql.TokenKind;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Translates a Trino (Athena engine v3) query into DuckDB SQL, working on the bracket-nested token stream:
 * catalog table names become fully qualified DuckDB names, Trino functions and types that DuckDB spells or
 * behaves differently are rewritten ({@link FunctionRules}), lambdas become DuckDB lambdas, and unnamed select
 * items get Trino's {@code _colN} names.
 */
public final class TrinoTranslator {

    /** The catalog name Athena's messages use for the Glue data catalog. */
    public static final String DUCKDB_CATALOG = "awsdatacatalog";

    private static final Set<String> NOT_FUNCTIONS = Set.of("in", "exists", "as", "values", "on", "using", "over",
            "and", "or", "not", "when", "then", "else", "from", "join", "select", "where", "by", "with", "all", "any",
            "some", "lateral", "table", "case", "is", "between", "like", "union", "intersect", "except", "distinct",
            "set", "into", "window", "recursive", "having", "limit", "offset", "partition", "group", "order", "sets",
            "escape", "at", "return", "returns", "ordinality", "zone", "end", "if_not_exists");
    private static final Set<String> FROM_ENDERS = Set.of("where", "group", "having", "order", "limit", "union",
            "except", "intersect", "window", "on", "using", "offset", "fetch", "select");
    private static final Set<String> SELECT_ENDERS = Set.of("from", "where", "group", "having", "order", "limit",
            "union", "except", "intersect", "offset", "fetch", "window", "into");
    private static final Set<String> NOT_ALIASES = Set.of("end", "null", "true", "false", "and", "or", "not", "is",
            "in", "between", "like", "then", "else", "when", "case", "distinct", "asc", "desc", "escape", "day",
            "hour", "minute", "second", "month", "year", "zone");
    private static final java.util.regex.Pattern ZONED =
            java.util.regex.Pattern.compile(".*\\d\\s*([A-Za-z][A-Za-z_/+-]*|[+-]\\d{1,2}(:?\\d{2})?)\\s*");
    private static final Set<String> NILADIC = Set.of("current_date", "current_time", "current_timestamp",
            "localtime", "localtimestamp", "current_user", "current_catalog", "current_schema");

    /** A catalog table the query reads. */
    public record TableRef(String database, String table) {
    }

    /**
     * The translation.
     *
     * @param sql DuckDB SQL
     * @param tables the catalog tables it reads (each must be made available under
     *     {@code "<duckDbCatalog>"."<database>"."<table>"})
     * @param macros names of {@link FunctionRules#MACROS} the SQL uses (to be created first)
     */
    public record Translation(String sql, Set<TableRef> tables, Set<String> macros) {
    }

    private final Catalog catalog;
    private final String currentDatabase;
    private final String duckDbCatalog;
    private final Set<String> cteNames = new HashSet<>();
    private final Set<TableRef> tables = new LinkedHashSet<>();
    private final Set<String> macros = new LinkedHashSet<>();
    private final Map<String, String> columnTypes = new HashMap<>();
    private final StringBuilder out = new StringBuilder();

    private TrinoTranslator(Catalog catalog, String currentDatabase, String duckDbCatalog) {
        this.catalog = catalog;
        this.currentDatabase = currentDatabase;
        this.duckDbCatalog = duckDbCatalog;
    }

    /**
     * Translates {@code tokens} (Trino dialect, parameters already bound).
     *
     * @param nameSelectItems give the top-level SELECT's unnamed items Trino's {@code _colN} names
     * @param duckDbCatalog the DuckDB catalog in which the statement's table views are, one schema per database
     * @throws io.athenaworkflow.local.athena.engine.QueryFailure TABLE_NOT_FOUND, SCHEMA_NOT_FOUND,
     *     FUNCTION_NOT_FOUND, NOT_SUPPORTED, SYNTAX_ERROR, ... as Athena reports them
     */
    public static Translation translate(List<Token> tokens, Catalog catalog, String currentDatabase,
                                        boolean nameSelectItems, String duckDbCatalog) {
        TrinoTranslator translator = new TrinoTranslator(catalog, currentDatabase, duckDbCatalog);
        List<Node> nodes = Node.build(tokens);
        translator.collectCteNames(nodes);
        translator.collectColumnTypes(tokens);
        translator.emitList(nodes, true, nameSelectItems);
        return new Translation(translator.out.toString().trim(), Set.copyOf(translator.tables),
                Set.copyOf(translator.macros));
    }

    // ---- table names ----

    private void collectCteNames(List<Node> nodes) {
        for (int i = 0; i < nodes.size(); i++) {
            Node n = nodes.get(i);
            if (n instanceof Node.Group g) {
                collectCteNames(g.children());
            } else if (((Node.Leaf) n).token().isKeyword("with")) {
                int j = i + 1;
                if (j < nodes.size() && nodes.get(j) instanceof Node.Leaf r && r.token().isKeyword("recursive")) {
                    j++;
                }
                while (j + 2 < nodes.size() && nodes.get(j) instanceof Node.Leaf name && name.token().isIdentifier()) {
                    int k = j + 1;
                    if (nodes.get(k) instanceof Node.Group) {
                        k++;
                    }
                    if (k + 1 < nodes.size() && nodes.get(k) instanceof Node.Leaf as && as.token().isKeyword("as")
                            && nodes.get(k + 1) instanceof Node.Group) {
                        cteNames.add(name.token().name());
                        j = k + 2;
                        if (j < nodes.size() && nodes.get(j) instanceof Node.Leaf c && c.token().isSymbol(",")) {
                            j++;
                            continue;
                        }
                    }
                    break;
                }
            }
        }
    }

    /** Column name to Hive type for the tables of the databases the query names (used to keep date types). */
    private void collectColumnTypes(List<Token> tokens) {
        Set<String> databases = new HashSet<>();
        databases.add(currentDatabase);
        for (int i = 0; i + 2 < tokens.size(); i++) {
            if (tokens.get(i).isIdentifier() && tokens.get(i + 1).isSymbol(".")) {
                databases.add(tokens.get(i).name());
            }
        }
        for (String db : databases) {
            for (CatalogTable table : catalog.tables(db)) {
                for (CatalogColumn c : table.allColumns()) {
                    columnTypes.merge(c.name(), c.type(), (a, b) -> a.equals(b) ? a : "?");
                }
            }
        }
    }

    /** Whether a column of this name is a {@code date} in every table of the databases the query names. */
    boolean isDateColumn(String name) {
        return "date".equals(columnTypes.get(name.toLowerCase(Locale.ROOT)));
    }

    private void emitTable(List<Token> parts) {
        Token first = parts.get(0);
        String db;
        String table;
        switch (parts.size()) {
            case 1 -> {
                db = currentDatabase;
                table = first.name();
            }
            case 2 -> {
                db = first.name();
                table = parts.get(1).name();
            }
            case 3 -> {
                if (!first.name().equalsIgnoreCase(Catalog.NAME)) {
                    throw AthenaErrors.query("CATALOG_NOT_FOUND", first.position(), "Catalog '" + first.name()
                            + "' not found (the local engine has only " + Catalog.NAME + ")");
                }
                db = parts.get(1).name();
                table = parts.get(2).name();
            }
            default -> throw AthenaErrors.syntax(first.line(), first.column(), "Too many dots in table name");
        }
        if (catalog.database(db).isEmpty()) {
            throw AthenaErrors.query("SCHEMA_NOT_FOUND", first.position(), "Schema '" + db + "' does not exist");
        }
        if (catalog.table(db, table).isEmpty()) {
            throw AthenaErrors.query("TABLE_NOT_FOUND", first.position(), "Table '" + DUCKDB_CATALOG + "." + db + "."
                    + table + "' does not exist");
        }
        tables.add(new TableRef(db, table));
        out.append(' ').append(quote(duckDbCatalog)).append('.').append(quote(db)).append('.').append(quote(table));
    }

    /** Reads {@code ident(.ident)*} starting at {@code i}; returns the tokens. */
    private static List<Token> chain(List<Node> nodes, int i) {
        List<Token> parts = new ArrayList<>();
        parts.add(((Node.Leaf) nodes.get(i)).token());
        int j = i + 1;
        while (j + 1 < nodes.size() && nodes.get(j) instanceof Node.Leaf dot && dot.token().isSymbol(".")
                && nodes.get(j + 1) instanceof Node.Leaf next && next.token().isIdentifier()) {
            parts.add(next.token());
            j += 2;
        }
        return parts;
    }

    // ---- emission ----

    private void emitList(List<Node> nodes, boolean allowTables, boolean nameSelectItems) {
        Map<Integer, String> aliasAfter = new HashMap<>();
        Set<Integer> itemStarts = new HashSet<>();
        if (nameSelectItems) {
            selectItemNames(nodes, aliasAfter, itemStarts);
        }
        boolean inFrom = false;
        boolean tableNext = false;
        for (int i = 0; i < nodes.size(); i++) {
            Node n = nodes.get(i);
            if (itemStarts.contains(i)) {
                out.append(" (");
            }
            if (n instanceof Node.Group g) {
                out.append(' ').append(g.open().text());
                emitList(g.children(), true, false);
                out.append(' ').append(g.close().text());
                tableNext = false;
            } else {
                Token t = ((Node.Leaf) n).token();
                Node next = i + 1 < nodes.size() ? nodes.get(i + 1) : null;
                Node previous = i > 0 ? nodes.get(i - 1) : null;
                boolean distinctFrom = t.isKeyword("from") && previous instanceof Node.Leaf p && p.token().isKeyword("distinct");
                if (t.isKeyword("at") && next instanceof Node.Leaf n1 && n1.token().isKeyword("time")) {
                    throw AthenaErrors.notSupported(t.position() + ": AT TIME ZONE is not supported by the local Athena "
                            + "engine (DuckDB timestamps carry no time zone); use at_timezone(timestamp, zone)");
                }
                if (t.isKeyword("timestamp") && next instanceof Node.Leaf lit && lit.token().kind() == TokenKind.STRING
                        && ZONED.matcher(lit.token().value()).matches()) {
                    // TIMESTAMP '2024-01-01 10:00:00 UTC' is a timestamp with time zone in Trino.
                    out.append(" CAST(").append(literal(lit.token().value())).append(" AS TIMESTAMPTZ)");
                    i++;
                    tableNext = false;
                } else if (allowTables && !distinctFrom && t.kind() == TokenKind.WORD && (t.isKeyword("from") || t.isKeyword("join"))) {
                    inFrom = true;
                    tableNext = true;
                    emitToken(t);
                } else if (allowTables && t.kind() == TokenKind.WORD && FROM_ENDERS.contains(t.name())) {
                    inFrom = false;
                    tableNext = false;
                    emitToken(t);
                } else if (t.isKeyword("values")) {
                    // Trino allows VALUES 1, 2 (rows without parentheses); DuckDB needs VALUES (1), (2).
                    emitToken(t);
                    int end = i + 1;
                    while (end < nodes.size() && !(nodes.get(end) instanceof Node.Leaf l && l.token().kind() == TokenKind.WORD
                            && Set.of("order", "limit", "union", "except", "intersect", "offset", "fetch").contains(l.token().name()))) {
                        end++;
                    }
                    List<List<Node>> rows = splitArgs(nodes.subList(i + 1, end));
                    for (int r = 0; r < rows.size(); r++) {
                        List<Node> row = rows.get(r);
                        boolean grouped = row.size() == 1 && row.get(0) instanceof Node.Group g && g.isParen();
                        out.append(r == 0 ? " " : " , ").append(grouped ? "" : "(").append(translate(row)).append(grouped ? "" : ")");
                    }
                    i = end - 1;
                    tableNext = false;
                } else if (allowTables && inFrom && t.isSymbol(",")) {
                    tableNext = true;
                    emitToken(t);
                } else if (tableNext && t.isIdentifier() && !t.isKeyword("lateral") && !t.isKeyword("unnest")
                        && !t.isKeyword("table")) {
                    List<Token> parts = chain(nodes, i);
                    int end = i + parts.size() * 2 - 1;
                    boolean function = end < nodes.size() && nodes.get(end) instanceof Node.Group g && g.isParen();
                    boolean cte = parts.size() == 1 && cteNames.contains(t.name());
                    if (function) {
                        emitCall(t, (Node.Group) nodes.get(end));
                        i = end;
                    } else if (cte) {
                        emitToken(t);
                    } else {
                        emitTable(parts);
                        i = end - 1;
                    }
                    tableNext = false;
                } else if (t.isIdentifier() && next instanceof Node.Group g && g.isParen() && isCall(nodes, i)) {
                    emitCall(t, g);
                    i++;
                    tableNext = false;
                } else {
                    emitToken(t);
                    tableNext = false;
                }
            }
            String alias = aliasAfter.get(i);
            if (alias != null) {
                out.append(" ) AS ").append(quote(alias));
            }
        }
    }

    private static boolean isCall(List<Node> nodes, int i) {
        Token t = ((Node.Leaf) nodes.get(i)).token();
        if (t.kind() == TokenKind.WORD && NOT_FUNCTIONS.contains(t.name())) {
            return false;
        }
        Node previous = i > 0 ? nodes.get(i - 1) : null;
        if (previous instanceof Node.Leaf p && (p.token().isSymbol(".") || p.token().isKeyword("as"))) {
            return false;
        }
        // count(*) FILTER (WHERE ...) is an aggregate filter, not Trino's filter(array, lambda).
        return !(t.isKeyword("filter") && previous instanceof Node.Group);
    }

    private void emitToken(Token t) {
        out.append(' ');
        switch (t.kind()) {
            case STRING -> out.append(literal(t.value()));
            case QUOTED_IDENTIFIER -> out.append(quote(t.value()));
            default -> out.append(t.text());
        }
    }

    /** Translates the nodes of one expression (a function argument) to DuckDB SQL. */
    String translate(List<Node> nodes) {
        int mark = out.length();
        if (lambdaArrow(nodes) > 0) {
            int arrow = lambdaArrow(nodes);
            List<String> params = new ArrayList<>();
            if (nodes.get(0) instanceof Node.Group g) {
                for (Node p : g.children()) {
                    if (p instanceof Node.Leaf l && l.token().isIdentifier()) {
                        params.add(quote(l.token().value()));
                    }
                }
            } else {
                params.add(quote(((Node.Leaf) nodes.get(0)).token().value()));
            }
            out.append(" lambda ").append(String.join(", ", params)).append(":");
            emitList(nodes.subList(arrow + 1, nodes.size()), false, false);
        } else {
            emitList(nodes, false, false);
        }
        String sql = out.substring(mark).trim();
        out.setLength(mark);
        return sql;
    }

    /** Index of {@code ->} when {@code nodes} is a lambda ({@code x -> ...} or {@code (a, b) -> ...}), else -1. */
    private static int lambdaArrow(List<Node> nodes) {
        if (nodes.size() >= 3 && nodes.get(1) instanceof Node.Leaf arrow && arrow.token().isSymbol("->")
                && (nodes.get(0) instanceof Node.Group || ((Node.Leaf) nodes.get(0)).token().isIdentifier())) {
            return 1;
        }
        return -1;
    }

    private void emitCall(Token name, Node.Group group) {
        String fn = name.name();
        if (fn.equals("cast") || fn.equals("try_cast")) {
            emitCast(name, group);
            return;
        }
        List<FunctionRules.Arg> args = new ArrayList<>();
        for (List<Node> arg : splitArgs(group.children())) {
            args.add(new FunctionRules.Arg(arg, translate(arg)));
        }
        Optional<String> rewritten = FunctionRules.rewrite(new FunctionRules.Call(name, args, this));
        if (rewritten.isPresent()) {
            out.append(' ').append(rewritten.get());
            return;
        }
        out.append(' ').append(name.kind() == TokenKind.QUOTED_IDENTIFIER ? quote(name.value()) : name.text()).append('(');
        // Arguments of unknown functions keep their exact text (e.g. position(x IN y), extract(year FROM d)).
        int mark = out.length();
        emitArgs(group.children());
        out.append(mark == out.length() ? ")" : " )");
    }

    private void emitArgs(List<Node> children) {
        List<List<Node>> args = splitArgs(children);
        for (int a = 0; a < args.size(); a++) {
            if (a > 0) {
                out.append(" ,");
            }
            out.append(' ').append(translate(args.get(a)));
        }
    }

    private void emitCast(Token name, Node.Group group) {
        List<Node> children = group.children();
        int as = -1;
        for (int i = children.size() - 1; i >= 0; i--) {
            if (children.get(i) instanceof Node.Leaf l && l.token().isKeyword("as")) {
                as = i;
                break;
            }
        }
        if (as < 1) {
            throw AthenaErrors.syntax(group.close().line(), group.close().column(),
                    "mismatched input ')'. Expecting: 'AS'");
        }
        List<Node> operand = children.subList(0, as);
        boolean rowCall = operand.size() == 2 && operand.get(0) instanceof Node.Leaf r && r.token().isKeyword("row")
                && operand.get(1) instanceof Node.Group g && g.isParen();
        // CAST(ROW(...) AS ROW(...)) converts by position: keep DuckDB's unnamed row for the cast.
        String value = rowCall ? "row(" + splitArgs(((Node.Group) operand.get(1)).children()).stream()
                .map(this::translate).collect(java.util.stream.Collectors.joining(", ")) + ")" : translate(operand);
        List<Node> type = children.subList(as + 1, children.size());
        if (TrinoType.isJson(type)) {
            // Trino's CAST(x AS JSON) serializes x as JSON (a string becomes a JSON string).
            out.append(" to_json(").append(value).append(')');
            return;
        }
        out.append(' ').append(name.isKeyword("try_cast") ? "TRY_CAST" : "CAST").append('(').append(value)
                .append(" AS ").append(TrinoType.toDuckDb(type)).append(')');
    }

    static List<List<Node>> splitArgs(List<Node> children) {
        List<List<Node>> args = new ArrayList<>();
        if (children.isEmpty()) {
            return args;
        }
        List<Node> current = new ArrayList<>();
        for (Node n : children) {
            if (n instanceof Node.Leaf l && l.token().isSymbol(",")) {
                args.add(current);
                current = new ArrayList<>();
            } else {
                current.add(n);
            }
        }
        args.add(current);
        return args;
    }

    void useMacro(String macro) {
        macros.add(macro);
    }

    // ---- Trino's names for unnamed select items ----

    /**
     * For the top-level SELECT: the node index after which to add {@code ) AS "_colN"} and the index where that
     * unnamed item starts (it is parenthesized, so the alias binds to the whole item).
     */
    private static void selectItemNames(List<Node> nodes, Map<Integer, String> names, Set<Integer> starts) {
        int select = -1;
        for (int i = 0; i < nodes.size(); i++) {
            if (nodes.get(i) instanceof Node.Leaf l && l.token().isKeyword("select")) {
                select = i;
                break;
            }
        }
        if (select < 0) {
            return;
        }
        int i = select + 1;
        if (i < nodes.size() && nodes.get(i) instanceof Node.Leaf l
                && (l.token().isKeyword("distinct") || l.token().isKeyword("all"))) {
            i++;
        }
        int item = 0;
        int start = i;
        for (; i <= nodes.size(); i++) {
            boolean end = i == nodes.size() || nodes.get(i) instanceof Node.Leaf l
                    && (l.token().isSymbol(",") || l.token().kind() == TokenKind.WORD && SELECT_ENDERS.contains(l.token().name())
                    && !(l.token().isKeyword("from") && nodes.get(i - 1) instanceof Node.Leaf d && d.token().isKeyword("distinct")));
            if (!end) {
                continue;
            }
            List<Node> itemNodes = nodes.subList(start, i);
            if (isStar(itemNodes)) {
                break;
            }
            if (!itemNodes.isEmpty() && !isNamed(itemNodes)) {
                names.put(i - 1, "_col" + item);
                starts.add(start);
            }
            item++;
            start = i + 1;
            if (i == nodes.size() || !((Node.Leaf) nodes.get(i)).token().isSymbol(",")) {
                break;
            }
        }
    }

    private static boolean isStar(List<Node> item) {
        return !item.isEmpty() && item.get(item.size() - 1) instanceof Node.Leaf l && l.token().isSymbol("*")
                && (item.size() == 1 || item.size() >= 3 && ((Node.Leaf) item.get(item.size() - 2)).token().isSymbol("."));
    }

    private static boolean isNamed(List<Node> item) {
        // A bare column reference a / t.a keeps the column's name.
        boolean chain = item.get(0) instanceof Node.Leaf first && first.token().isIdentifier()
                && !NILADIC.contains(first.token().name());
        for (int k = 1; chain && k < item.size(); k++) {
            chain = item.get(k) instanceof Node.Leaf l && (k % 2 == 1 ? l.token().isSymbol(".") : l.token().isIdentifier());
        }
        if (chain && item.size() % 2 == 1) {
            return true;
        }
        if (item.size() >= 2 && item.get(item.size() - 1) instanceof Node.Leaf last && last.token().isIdentifier()) {
            Node before = item.get(item.size() - 2);
            if (before instanceof Node.Leaf b && b.token().isKeyword("as")) {
                return true;
            }
            boolean beforeIsOperand = before instanceof Node.Group
                    || before instanceof Node.Leaf b2 && (b2.token().kind() == TokenKind.STRING
                    || b2.token().kind() == TokenKind.NUMBER || b2.token().isIdentifier()
                    && !NOT_ALIASES.contains(b2.token().name()));
            return beforeIsOperand && !(last.token().kind() == TokenKind.WORD && NOT_ALIASES.contains(last.token().name()));
        }
        return false;
    }

    static String quote(String identifier) {
        return "\"" + identifier.replace("\"", "\"\"") + "\"";
    }

    static String literal(String value) {
        return "'" + value.replace("'", "''") + "'";
    }
}
