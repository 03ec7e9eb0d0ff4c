package io.athenaworkflow.local.athena.engine.ddl;

import io.athenaworkflow.local.athena.engine.AthenaErrors;
import io.athenaworkflow.local.athena.engine.ddl.DdlStatement.ColumnDefinition;
import io.athenaworkflow.local.athena.engine.ddl.DdlStatement.CreateIcebergTable;
import io.athenaworkflow.local.athena.engine.ddl.DdlStatement.PartitionField;
import io.athenaworkflow.local.athena.engine.ddl.DdlStatement.TableName;
import io.athenaworkflow.local.athena.engine.sql.Token;
import io.athenaworkflow.local.athena.engine.sql.TokenKind;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Athena's CREATE TABLE for Iceberg tables ("Create Iceberg tables" in the Athena user guide):
 * <pre>
 * CREATE TABLE [IF NOT EXISTS] [db.]table (col type [COMMENT '...'], ...)
 *   [COMMENT '...'] [PARTITIONED BY (col | transform, ...)] LOCATION 's3://...'
 *   TBLPROPERTIES ('table_type' = 'ICEBERG' [, 'key' = 'value', ...])
 * </pre>
 * Unlike Hive's PARTITIONED BY, the partition list names columns already declared (no types) or Iceberg partition
 * transforms: {@code year|month|day|hour(col)}, {@code bucket(N, col)}, {@code truncate(L, col)}.
 */
final class IcebergTableParser extends TokenParser {

    private static final Set<String> TIME_TRANSFORMS = Set.of("year", "month", "day", "hour");
    private static final Set<String> WIDTH_TRANSFORMS = Set.of("bucket", "truncate");


    private IcebergTableParser(List<Token> tokens) {
        super(tokens);
    }

    /** Whether {@code tokens} are a CREATE [EXTERNAL] TABLE whose TBLPROPERTIES set 'table_type' to 'ICEBERG'. */
    static boolean declaresIceberg(List<Token> tokens) {
        if (tokens.size() < 3 || !tokens.get(0).isKeyword("create")) {
            return false;
        }
        int table = tokens.get(1).isKeyword("external") ? 2 : 1;
        if (!tokens.get(table).isKeyword("table")) {
            return false;
        }
        for (int i = 0; i + 2 < tokens.size(); i++) {
            if (tokens.get(i).kind() == TokenKind.STRING && tokens.get(i).value().equalsIgnoreCase("table_type")
                    && tokens.get(i + 1).isSymbol("=") && tokens.get(i + 2).kind() == TokenKind.STRING
                    && tokens.get(i + 2).value().equalsIgnoreCase("iceberg")) {
                return true;
            }
        }
        return false;
    }

    static CreateIcebergTable parse(List<Token> tokens) {
        return new IcebergTableParser(tokens).createTable();
    }

    private CreateIcebergTable createTable() {
        expectKeyword("create");
        if (peek().isKeyword("external")) {
            // Athena's own words (Create Iceberg tables, Warning).
            throw AthenaErrors.ddl("External keyword not supported for table type ICEBERG. Write CREATE TABLE, "
                    + "without EXTERNAL, for an Iceberg table");
        }
        expectKeyword("table");
        boolean ifNotExists = false;
        if (acceptKeyword("if")) {
            expectKeyword("not");
            expectKeyword("exists");
            ifNotExists = true;
        }
        TableName name = tableName();
        Token start = peek();
        if (!peek().isSymbol("(")) {
            throw AthenaErrors.syntax(start.line(), start.column(), "CREATE TABLE for an Iceberg table needs a "
                    + "column list (or use CREATE TABLE ... WITH (table_type = 'ICEBERG') AS SELECT ...)");
        }
        List<ColumnDefinition> columns = columns();
        String comment = null;
        List<PartitionField> partitioning = List.of();
        String location = null;
        Map<String, String> properties = new LinkedHashMap<>();
        while (peek().kind() != TokenKind.EOF && !peek().isSymbol(";")) {
            if (acceptKeyword("comment")) {
                comment = string("the table comment");
            } else if (acceptKeyword("partitioned")) {
                expectKeyword("by");
                partitioning = partitioning(columns);
            } else if (acceptKeyword("location")) {
                location = string("the table location");
            } else if (acceptKeyword("tblproperties")) {
                properties().forEach((key, value) -> properties.put(key.toLowerCase(Locale.ROOT), value));
            } else if (peek().isKeyword("row") || peek().isKeyword("stored") || peek().isKeyword("clustered")) {
                throw AthenaErrors.ddl("FAILED: SemanticException " + peek().text().toUpperCase(Locale.ROOT)
                        + " is not supported for table type ICEBERG: an Iceberg table's file format is the 'format' "
                        + "table property ('parquet', 'orc' or 'avro')");
            } else {
                throw unexpected("'COMMENT', 'PARTITIONED BY', 'LOCATION', 'TBLPROPERTIES'");
            }
        }
        accept(";");
        if (peek().kind() != TokenKind.EOF) {
            throw unexpected("<EOF>");
        }
        if (location == null) {
            throw AthenaErrors.ddl("FAILED: SemanticException An Iceberg table needs a LOCATION 's3://bucket/prefix/'");
        }
        if (!location.startsWith("s3://") && !location.startsWith("s3a://") && !location.startsWith("s3n://")) {
            throw AthenaErrors.ddl("FAILED: SemanticException Table location must be an s3:// URI, got '"
                    + location + "'");
        }
        return new CreateIcebergTable(name, ifNotExists, columns, partitioning, comment, location, properties);
    }

    /** PARTITIONED BY's list: declared columns (identity) or transforms of them. */
    private List<PartitionField> partitioning(List<ColumnDefinition> columns) {
        expect("(");
        List<PartitionField> fields = new ArrayList<>();
        do {
            Token at = peek();
            String first = identifier("a column name or a partition transform").toLowerCase(Locale.ROOT);
            PartitionField field;
            if (!accept("(")) {
                if (peek().kind() == TokenKind.WORD) {
                    throw AthenaErrors.syntax(peek().line(), peek().column(), "The column type must not be "
                            + "included in PARTITIONED BY of an Iceberg table: write (" + first + ", ...) and declare "
                            + first + " in the column list");
                }
                field = new PartitionField("identity", first, null);
            } else if (TIME_TRANSFORMS.contains(first)) {
                field = new PartitionField(first, identifier("a column name").toLowerCase(Locale.ROOT), null);
                expect(")");
            } else if (WIDTH_TRANSFORMS.contains(first)) {
                Token number = next();
                if (number.kind() != TokenKind.NUMBER || !number.value().matches("\\d+")
                        || Integer.parseInt(number.value()) <= 0) {
                    throw AthenaErrors.syntax(number.line(), number.column(), first + "(N, column) needs a positive "
                            + "integer N, got '" + number.text() + "'");
                }
                expect(",");
                field = new PartitionField(first, identifier("a column name").toLowerCase(Locale.ROOT),
                        Integer.parseInt(number.value()));
                expect(")");
            } else {
                throw AthenaErrors.syntax(at.line(), at.column(), "Unknown partition transform '" + first
                        + "': Iceberg tables take year, month, day, hour, bucket and truncate");
            }
            String column = field.column();
            if (columns.stream().noneMatch(c -> c.name().equals(column))) {
                throw AthenaErrors.ddl("FAILED: SemanticException Partition column " + column
                        + " is not declared in the column list of the table");
            }
            fields.add(field);
        } while (accept(","));
        expect(")");
        return fields;
    }

}
