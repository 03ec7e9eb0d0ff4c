package io.athenaworkflow.local.athena.engine;

/**
 * A result column as Athena's ColumnInfo describes it.
 *
 * @param name column label
 * @param type Athena type name: boolean, tinyint, smallint, integer, bigint, real, double, decimal, varchar, char,
 *     varbinary, date, timestamp, time, interval..., array, map, row, json
 * @param precision as Athena reports it (e.g. 19 for bigint, 2147483647 for unbounded varchar)
 * @param scale as Athena reports it (0 except for decimal)
 * @param nullable "NULLABLE", "NOT_NULL" or "UNKNOWN"
 */
public record ResultColumn(String name, String type, int precision, int scale, String nullable) {
}
