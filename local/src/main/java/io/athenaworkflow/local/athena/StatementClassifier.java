package io.athenaworkflow.local.athena;

import java.util.Locale;

/**
 * Athena's StatementType and SubstatementType from the first keywords of a query, known at submission (before the
 * engine reports them) so that GetQueryExecution can show them, and the result file name, while a query runs.
 */
final class StatementClassifier {

    /**
     * @param statementType DDL, DML or UTILITY
     * @param substatementType e.g. SELECT, CREATE_TABLE, SHOW_TABLES; null when unknown
     * @param csv whether the result is {@code <id>.csv} (rows) rather than {@code <id>.txt}
     */
    record Classification(String statementType, String substatementType, boolean csv) {
    }

    private StatementClassifier() {
    }

    static Classification classify(String sql) {
        String[] words = leadingWords(sql, 3);
        String first = words[0];
        String second = words[1];
        return switch (first) {
            case "SELECT", "WITH", "VALUES", "TABLE" -> dml("SELECT");
            case "EXPLAIN" -> new Classification("DML", "EXPLAIN", false);
            case "INSERT" -> dml("INSERT");
            case "UPDATE" -> dml("UPDATE");
            case "DELETE" -> dml("DELETE");
            case "MERGE" -> dml("MERGE");
            case "UNLOAD" -> dml("UNLOAD");
            case "SHOW" -> utility(show(second, words[2]));
            case "DESCRIBE", "DESC" -> utility("DESCRIBE_TABLE");
            case "CREATE" -> ddl(create(words));
            case "DROP" -> ddl(drop(second));
            case "ALTER" -> ddl("ALTER_TABLE");
            case "MSCK" -> ddl("REPAIR_TABLE");
            default -> new Classification("DML", null, true);
        };
    }

    private static Classification dml(String substatement) {
        return new Classification("DML", substatement, true);
    }

    private static Classification utility(String substatement) {
        return new Classification("UTILITY", substatement, false);
    }

    private static Classification ddl(String substatement) {
        return new Classification("DDL", substatement, false);
    }

    private static String show(String second, String third) {
        return switch (second) {
            case "TABLES" -> "SHOW_TABLES";
            case "DATABASES", "SCHEMAS" -> "SHOW_DATABASES";
            case "COLUMNS" -> "SHOW_COLUMNS";
            case "PARTITIONS" -> "SHOW_PARTITIONS";
            case "TBLPROPERTIES" -> "SHOW_TABLE_PROPERTIES";
            case "VIEWS" -> "SHOW_VIEWS";
            case "FUNCTIONS" -> "SHOW_FUNCTIONS";
            case "CREATE" -> "VIEW".equals(third) ? "SHOW_CREATE_VIEW" : "SHOW_CREATE_TABLE";
            default -> null;
        };
    }

    private static String create(String[] words) {
        String what = words[1].equals("EXTERNAL") ? words[2] : words[1];
        return switch (what) {
            case "DATABASE", "SCHEMA" -> "CREATE_DATABASE";
            case "VIEW" -> "CREATE_VIEW";
            case "OR" -> "CREATE_VIEW";
            case "TABLE" -> "CREATE_TABLE";
            default -> null;
        };
    }

    private static String drop(String what) {
        return switch (what) {
            case "DATABASE", "SCHEMA" -> "DROP_DATABASE";
            case "VIEW" -> "DROP_VIEW";
            case "TABLE" -> "DROP_TABLE";
            default -> null;
        };
    }

    /** The first {@code count} words, upper-cased, after leading blanks and SQL comments ("" past the end). */
    static String[] leadingWords(String sql, int count) {
        String[] words = new String[count];
        java.util.Arrays.fill(words, "");
        int i = 0;
        int n = sql.length();
        int found = 0;
        while (i < n && found < count) {
            char c = sql.charAt(i);
            if (Character.isWhitespace(c) || c == '(') {
                i++;
            } else if (sql.startsWith("--", i)) {
                int end = sql.indexOf('\n', i);
                i = end < 0 ? n : end + 1;
            } else if (sql.startsWith("/*", i)) {
                int end = sql.indexOf("*/", i + 2);
                i = end < 0 ? n : end + 2;
            } else if (Character.isLetter(c)) {
                int start = i;
                while (i < n && (Character.isLetterOrDigit(sql.charAt(i)) || sql.charAt(i) == '_')) {
                    i++;
                }
                words[found++] = sql.substring(start, i).toUpperCase(Locale.ROOT);
            } else {
                break;
            }
        }
        return words;
    }
}
