package io.athenaworkflow.local.athena.engine.query;

import io.athenaworkflow.local.athena.engine.AthenaErrors;
import io.athenaworkflow.local.athena.engine.sql.Token;

/** Converts Trino's date format strings (MySQL specifiers, Joda patterns) and regex replacements to DuckDB's. */
final class DateFormats {

    private DateFormats() {
    }

    /**
     * A MySQL-style format ({@code date_parse}, {@code date_format}) as a DuckDB strptime/strftime format.
     *
     * @throws io.athenaworkflow.local.athena.engine.QueryFailure for specifiers DuckDB cannot express
     */
    static String mysqlToStrftime(String format, Token at, boolean parsing) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < format.length(); i++) {
            char c = format.charAt(i);
            if (c != '%') {
                out.append(c);
                continue;
            }
            if (i + 1 >= format.length()) {
                out.append("%%");
                break;
            }
            char s = format.charAt(++i);
            out.append(switch (s) {
                case 'a' -> "%a";
                case 'b' -> "%b";
                case 'c' -> "%-m";
                case 'd' -> "%d";
                case 'e' -> "%-d";
                case 'f' -> "%f";
                case 'H' -> "%H";
                case 'h', 'I' -> "%I";
                case 'i' -> "%M";
                case 'j' -> "%j";
                case 'k' -> "%-H";
                case 'l' -> "%-I";
                case 'M' -> "%B";
                case 'm' -> "%m";
                case 'p' -> "%p";
                case 'r' -> "%I:%M:%S %p";
                case 'S', 's' -> "%S";
                case 'T' -> "%H:%M:%S";
                case 'W' -> "%A";
                case 'w' -> "%w";
                case 'Y' -> "%Y";
                case 'y' -> "%y";
                case '%' -> "%%";
                default -> throw AthenaErrors.notSupported(at.position() + ": " + at.name() + " format specifier %"
                        + s + " is not supported by the local Athena engine");
            });
        }
        return out.toString();
    }

    /**
     * A Joda-Time pattern ({@code format_datetime}, {@code parse_datetime}) as a DuckDB strftime format.
     *
     * @throws io.athenaworkflow.local.athena.engine.QueryFailure for pattern letters DuckDB cannot express
     */
    static String jodaToStrftime(String pattern, Token at) {
        StringBuilder out = new StringBuilder();
        int i = 0;
        while (i < pattern.length()) {
            char c = pattern.charAt(i);
            if (c == '\'') {
                int end = pattern.indexOf('\'', i + 1);
                if (end == i + 1) {
                    out.append('\'');
                    i += 2;
                    continue;
                }
                if (end < 0) {
                    end = pattern.length();
                }
                out.append(pattern, i + 1, end).toString();
                i = end + 1;
                continue;
            }
            if (!Character.isLetter(c)) {
                out.append(c == '%' ? "%%" : String.valueOf(c));
                i++;
                continue;
            }
            int run = 1;
            while (i + run < pattern.length() && pattern.charAt(i + run) == c) {
                run++;
            }
            out.append(switch (c) {
                case 'y', 'Y', 'x' -> run == 2 ? "%y" : "%Y";
                case 'M' -> run >= 4 ? "%B" : run == 3 ? "%b" : run == 2 ? "%m" : "%-m";
                case 'd' -> run >= 2 ? "%d" : "%-d";
                case 'H' -> run >= 2 ? "%H" : "%-H";
                case 'h' -> run >= 2 ? "%I" : "%-I";
                case 'm' -> run >= 2 ? "%M" : "%-M";
                case 's' -> run >= 2 ? "%S" : "%-S";
                case 'S' -> run <= 3 ? "%g" : "%f";
                case 'a' -> "%p";
                case 'E' -> run >= 4 ? "%A" : "%a";
                case 'D' -> run >= 3 ? "%j" : "%-j";
                case 'Z' -> "%z";
                case 'z' -> "%Z";
                default -> throw AthenaErrors.notSupported(at.position() + ": " + at.name() + " pattern letter '" + c
                        + "' is not supported by the local Athena engine");
            });
            i += run;
        }
        return out.toString();
    }

    /** Trino's regexp_replace replacement ({@code $1}, {@code ${name}}, {@code \$}) in RE2's spelling ({@code \1}). */
    static String trinoReplacement(String replacement) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < replacement.length(); i++) {
            char c = replacement.charAt(i);
            if (c == '\\' && i + 1 < replacement.length()) {
                char next = replacement.charAt(++i);
                out.append(next == '\\' ? "\\\\" : String.valueOf(next));
            } else if (c == '$' && i + 1 < replacement.length() && Character.isDigit(replacement.charAt(i + 1))) {
                out.append('\\').append(replacement.charAt(++i));
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }
}
