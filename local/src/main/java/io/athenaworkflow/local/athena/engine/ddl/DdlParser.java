package io.athenaworkflow.local.athena.engine.ddl;

import io.athenaworkflow.local.athena.engine.AthenaErrors;
import io.athenaworkflow.local.athena.engine.sql.Lexer;
import io.athenaworkflow.local.athena.engine.sql.Token;
import io.athenaworkflow.local.athena.engine.sql.TokenKind;
import io.athenaworkflow.local.athena.engine.ddl.DdlStatement.ColumnDefinition;
import io.athenaworkflow.local.athena.engine.ddl.DdlStatement.PartitionSpec;
import io.athenaworkflow.local.athena.engine.ddl.DdlStatement.TableName;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Recursive-descent parser for the Hive DDL and utility statements Athena accepts (CREATE/DROP DATABASE, CREATE
 * EXTERNAL TABLE, DROP TABLE, SHOW ..., DESCRIBE, MSCK REPAIR TABLE, ALTER TABLE ADD/DROP PARTITION).
 */
public final class DdlParser extends TokenParser {

    // The Hive input/output format classes STORED AS names (what Glue records for a table).
    private static final String TEXT_INPUT = "org.apache.hadoop.mapred.TextInputFormat";
    private static final String TEXT_OUTPUT = "org.apache.hadoop.hive.ql.io.HiveIgnoreKeyTextOutputFormat";
    private static final String PARQUET_INPUT = "org.apache.hadoop.hive.ql.io.parquet.MapredParquetInputFormat";
    private static final String PARQUET_OUTPUT = "org.apache.hadoop.hive.ql.io.parquet.MapredParquetOutputFormat";
    private static final String ORC_INPUT = "org.apache.hadoop.hive.ql.io.orc.OrcInputFormat";
    private static final String ORC_OUTPUT = "org.apache.hadoop.hive.ql.io.orc.OrcOutputFormat";
    private static final String AVRO_INPUT = "org.apache.hadoop.hive.ql.io.avro.AvroContainerInputFormat";
    private static final String AVRO_OUTPUT = "org.apache.hadoop.hive.ql.io.avro.AvroContainerOutputFormat";


    private DdlParser(List<Token> tokens) {
        super(tokens);
    }

    /**
     * Whether {@code sql} starts like a statement this parser handles (as opposed to a query, CTAS, INSERT or
     * UNLOAD, which the query path runs).
     */
    public static boolean handles(List<Token> tokens) {
        Token first = tokens.get(0);
        if (first.isKeyword("create")) {
            // CREATE TABLE name [WITH (...)] AS ... is CTAS, which the query path runs.
            if (!tokens.get(1).isKeyword("table")) {
                return true;
            }
            int i = 2;
            if (tokens.get(i).isKeyword("if")) {
                i += 3;
            }
            while (i + 1 < tokens.size() && tokens.get(i).isIdentifier() && tokens.get(i + 1).isSymbol(".")) {
                i += 2;
            }
            Token after = tokens.get(Math.min(i + 1, tokens.size() - 1));
            return !(after.isKeyword("as") || after.isKeyword("with"));
        }
        return first.isKeyword("drop") || first.isKeyword("show") || first.isKeyword("describe")
                || first.isKeyword("desc") || first.isKeyword("msck") || first.isKeyword("alter");
    }

    /**
     * Parses one statement (a trailing {@code ;} is allowed).
     *
     * @throws io.athenaworkflow.local.athena.engine.QueryFailure SYNTAX_ERROR naming the position and what was
     *     expected, or NOT_SUPPORTED for valid Athena DDL the local catalog cannot hold
     */
    public static DdlStatement parse(String sql) {
        List<Token> tokens = Lexer.tokenize(sql);
        if (IcebergTableParser.declaresIceberg(tokens)) {
            return IcebergTableParser.parse(tokens);
        }
        DdlParser parser = new DdlParser(tokens);
        DdlStatement statement = parser.statement();
        parser.accept(";");
        parser.expectEnd();
        return statement;
    }

    private DdlStatement statement() {
        if (acceptKeyword("create")) {
            if (acceptKeyword("database") || acceptKeyword("schema")) {
                return createDatabase();
            }
            boolean external = acceptKeyword("external");
            if (acceptKeyword("table")) {
                return createTable(external);
            }
            if (peek().isKeyword("view") || peek().isKeyword("or")) {
                throw AthenaErrors.notSupported("CREATE VIEW is not supported by the local Athena engine");
            }
            throw unexpected("'DATABASE', 'SCHEMA', 'EXTERNAL TABLE'");
        }
        if (acceptKeyword("drop")) {
            if (acceptKeyword("database") || acceptKeyword("schema")) {
                boolean ifExists = ifExists();
                String name = identifier("a database name");
                boolean cascade = acceptKeyword("cascade");
                if (!cascade) {
                    acceptKeyword("restrict");
                }
                return new DdlStatement.DropDatabase(name, ifExists, cascade);
            }
            if (acceptKeyword("table")) {
                boolean ifExists = ifExists();
                return new DdlStatement.DropTable(tableName(), ifExists);
            }
            if (peek().isKeyword("view")) {
                throw AthenaErrors.notSupported("DROP VIEW is not supported by the local Athena engine");
            }
            throw unexpected("'DATABASE', 'SCHEMA', 'TABLE'");
        }
        if (acceptKeyword("show")) {
            return show();
        }
        if (acceptKeyword("describe") || acceptKeyword("desc")) {
            boolean formatted = acceptKeyword("formatted") || acceptKeyword("extended");
            return new DdlStatement.Describe(tableName(), formatted);
        }
        if (acceptKeyword("msck")) {
            expectKeyword("repair");
            expectKeyword("table");
            return new DdlStatement.MsckRepair(tableName());
        }
        if (acceptKeyword("alter")) {
            return alter();
        }
        throw unexpected("'CREATE', 'DROP', 'SHOW', 'DESCRIBE', 'MSCK', 'ALTER'");
    }

    private DdlStatement createDatabase() {
        boolean ifNotExists = ifNotExists();
        String name = identifier("a database name");
        String comment = null;
        String location = null;
        Map<String, String> properties = Map.of();
        while (peek().kind() != TokenKind.EOF && !peek().isSymbol(";")) {
            if (acceptKeyword("comment")) {
                comment = string("the database comment");
            } else if (acceptKeyword("location")) {
                location = string("the database location");
            } else if (acceptKeyword("with")) {
                expectKeyword("dbproperties");
                properties = properties();
            } else {
                throw unexpected("'COMMENT', 'LOCATION', 'WITH DBPROPERTIES'");
            }
        }
        return new DdlStatement.CreateDatabase(name.toLowerCase(Locale.ROOT), ifNotExists, comment, location, properties);
    }

    private DdlStatement createTable(boolean external) {
        Token start = tokens.get(Math.max(0, pos - 1));
        boolean ifNotExists = ifNotExists();
        TableName name = tableName();
        List<ColumnDefinition> columns = peek().isSymbol("(") ? columns() : List.of();
        String comment = null;
        List<ColumnDefinition> partitionKeys = List.of();
        String serde = null;
        Map<String, String> serdeProperties = new LinkedHashMap<>();
        String inputFormat = null;
        String outputFormat = null;
        String storedAs = null;
        String location = null;
        Map<String, String> tableProperties = new LinkedHashMap<>();
        while (peek().kind() != TokenKind.EOF && !peek().isSymbol(";")) {
            if (acceptKeyword("comment")) {
                comment = string("the table comment");
            } else if (acceptKeyword("partitioned")) {
                expectKeyword("by");
                partitionKeys = columns();
            } else if (acceptKeyword("clustered")) {
                throw AthenaErrors.notSupported("CLUSTERED BY (bucketed tables) is not supported by the local Athena engine");
            } else if (acceptKeyword("row")) {
                expectKeyword("format");
                if (acceptKeyword("serde")) {
                    serde = string("the SerDe class name");
                    if (acceptKeyword("with")) {
                        expectKeyword("serdeproperties");
                        serdeProperties.putAll(properties());
                    }
                } else if (acceptKeyword("delimited")) {
                    serde = SerDeInfo.LAZY_SIMPLE;
                    delimited(serdeProperties);
                } else {
                    throw unexpected("'SERDE', 'DELIMITED'");
                }
            } else if (acceptKeyword("stored")) {
                expectKeyword("as");
                if (acceptKeyword("inputformat")) {
                    inputFormat = string("the input format class");
                    expectKeyword("outputformat");
                    outputFormat = string("the output format class");
                } else {
                    Token format = next();
                    if (format.kind() != TokenKind.WORD) {
                        pos--;
                        throw unexpected("a file format (PARQUET, TEXTFILE, JSON, ORC, ...)");
                    }
                    storedAs = format.value().toUpperCase(Locale.ROOT);
                }
            } else if (acceptKeyword("location")) {
                location = string("the table location");
            } else if (acceptKeyword("tblproperties")) {
                tableProperties.putAll(properties());
            } else {
                throw unexpected("'COMMENT', 'PARTITIONED BY', 'ROW FORMAT', 'STORED AS', 'LOCATION', 'TBLPROPERTIES'");
            }
        }
        if (!external) {
            throw AthenaErrors.ddl("FAILED: SemanticException Only external table creation is supported. "
                    + "Write CREATE EXTERNAL TABLE " + name.table() + " ... LOCATION 's3://...'");
        }
        if (columns.isEmpty()) {
            throw AthenaErrors.syntax(start.line(), start.column(), "CREATE EXTERNAL TABLE needs a column list");
        }
        if (location == null) {
            throw AthenaErrors.ddl("FAILED: SemanticException CREATE EXTERNAL TABLE needs a LOCATION 's3://bucket/prefix/'");
        }
        if (!location.startsWith("s3://") && !location.startsWith("s3a://") && !location.startsWith("s3n://")) {
            throw AthenaErrors.ddl("FAILED: SemanticException Table location must be an s3:// URI, got '" + location + "'");
        }
        // STORED AS picks the formats (and the SerDe unless ROW FORMAT named one).
        if (storedAs != null) {
            switch (storedAs) {
                case "PARQUET" -> {
                    serde = serde == null ? SerDeInfo.PARQUET : serde;
                    inputFormat = PARQUET_INPUT;
                    outputFormat = PARQUET_OUTPUT;
                }
                case "TEXTFILE" -> {
                    inputFormat = TEXT_INPUT;
                    outputFormat = TEXT_OUTPUT;
                }
                case "JSON", "JSONFILE" -> {
                    serde = serde == null ? SerDeInfo.OPENX_JSON : serde;
                    inputFormat = TEXT_INPUT;
                    outputFormat = TEXT_OUTPUT;
                }
                case "ORC" -> {
                    serde = serde == null ? SerDeInfo.ORC : serde;
                    inputFormat = ORC_INPUT;
                    outputFormat = ORC_OUTPUT;
                }
                case "AVRO" -> {
                    serde = serde == null ? SerDeInfo.AVRO : serde;
                    inputFormat = AVRO_INPUT;
                    outputFormat = AVRO_OUTPUT;
                }
                default -> throw AthenaErrors.notSupported("STORED AS " + storedAs + " is not supported locally "
                        + "(supported: PARQUET, ORC, AVRO, TEXTFILE, JSON)");
            }
        }
        if (serde == null) {
            serde = inputFormat != null && inputFormat.toLowerCase(Locale.ROOT).contains("parquet")
                    ? SerDeInfo.PARQUET : SerDeInfo.LAZY_SIMPLE;
        }
        if (inputFormat == null) {
            boolean parquet = serde.equals(SerDeInfo.PARQUET);
            inputFormat = parquet ? PARQUET_INPUT : TEXT_INPUT;
            outputFormat = parquet ? PARQUET_OUTPUT : TEXT_OUTPUT;
        }
        if (serde.equals(SerDeInfo.LAZY_SIMPLE) && !serdeProperties.containsKey("serialization.format")) {
            serdeProperties.put("serialization.format", serdeProperties.getOrDefault("field.delim", "1"));
        }
        if (serde.equals(SerDeInfo.PARQUET) && !serdeProperties.containsKey("serialization.format")) {
            serdeProperties.put("serialization.format", "1");
        }
        return new DdlStatement.CreateTable(name, ifNotExists, columns, partitionKeys, comment, serde, serdeProperties,
                inputFormat, outputFormat, location, tableProperties);
    }

    /** ROW FORMAT DELIMITED's clauses, as the SERDEPROPERTIES Hive stores for them. */
    private void delimited(Map<String, String> properties) {
        while (true) {
            if (acceptKeyword("fields")) {
                expectKeyword("terminated");
                expectKeyword("by");
                properties.put("field.delim", string("the field delimiter"));
                if (acceptKeyword("escaped")) {
                    expectKeyword("by");
                    properties.put("escape.delim", string("the escape character"));
                }
            } else if (acceptKeyword("collection")) {
                expectKeyword("items");
                expectKeyword("terminated");
                expectKeyword("by");
                properties.put("collection.delim", string("the collection item delimiter"));
            } else if (acceptKeyword("map")) {
                expectKeyword("keys");
                expectKeyword("terminated");
                expectKeyword("by");
                properties.put("mapkey.delim", string("the map key delimiter"));
            } else if (acceptKeyword("lines")) {
                expectKeyword("terminated");
                expectKeyword("by");
                properties.put("line.delim", string("the line delimiter"));
            } else if (acceptKeyword("null")) {
                expectKeyword("defined");
                expectKeyword("as");
                properties.put("serialization.null.format", string("the NULL marker"));
            } else {
                return;
            }
        }
    }

    private DdlStatement show() {
        if (acceptKeyword("databases") || acceptKeyword("schemas")) {
            String like = null;
            if (acceptKeyword("like")) {
                like = string("a pattern");
            } else if (peek().kind() == TokenKind.STRING) {
                like = string("a pattern");
            }
            return new DdlStatement.ShowDatabases(like);
        }
        if (acceptKeyword("tables")) {
            String database = null;
            if (acceptKeyword("in") || acceptKeyword("from")) {
                database = identifier("a database name");
            }
            acceptKeyword("like");
            String pattern = peek().kind() == TokenKind.STRING ? string("a pattern") : null;
            return new DdlStatement.ShowTables(database, pattern);
        }
        if (acceptKeyword("columns")) {
            if (!acceptKeyword("in")) {
                expectKeyword("from");
            }
            TableName name = tableName();
            if (acceptKeyword("in") || acceptKeyword("from")) {
                String database = identifier("a database name");
                name = new TableName(null, database, name.table(), name.position());
            }
            return new DdlStatement.ShowColumns(name);
        }
        if (acceptKeyword("partitions")) {
            return new DdlStatement.ShowPartitions(tableName());
        }
        if (acceptKeyword("create")) {
            if (peek().isKeyword("view")) {
                throw AthenaErrors.notSupported("SHOW CREATE VIEW is not supported by the local Athena engine");
            }
            expectKeyword("table");
            return new DdlStatement.ShowCreateTable(tableName());
        }
        if (acceptKeyword("tblproperties")) {
            return new DdlStatement.ShowTblProperties(tableName());
        }
        throw unexpected("'DATABASES', 'SCHEMAS', 'TABLES', 'COLUMNS', 'PARTITIONS', 'CREATE TABLE', 'TBLPROPERTIES'");
    }

    private DdlStatement alter() {
        expectKeyword("table");
        TableName name = tableName();
        if (acceptKeyword("add")) {
            boolean ifNotExists = ifNotExists();
            List<PartitionSpec> specs = new ArrayList<>();
            while (acceptKeyword("partition")) {
                Map<String, String> values = partitionValues();
                String location = acceptKeyword("location") ? string("the partition location") : null;
                specs.add(new PartitionSpec(values, location));
            }
            if (specs.isEmpty()) {
                if (peek().isKeyword("columns")) {
                    throw AthenaErrors.notSupported("ALTER TABLE ADD COLUMNS is not supported by the local Athena engine");
                }
                throw unexpected("'PARTITION'");
            }
            return new DdlStatement.AddPartitions(name, ifNotExists, specs);
        }
        if (acceptKeyword("drop")) {
            boolean ifExists = ifExists();
            List<PartitionSpec> specs = new ArrayList<>();
            do {
                expectKeyword("partition");
                specs.add(new PartitionSpec(partitionValues(), null));
            } while (accept(","));
            return new DdlStatement.DropPartitions(name, ifExists, specs);
        }
        throw AthenaErrors.notSupported("Only ALTER TABLE ... ADD PARTITION and ALTER TABLE ... DROP PARTITION are "
                + "supported by the local Athena engine");
    }

    private Map<String, String> partitionValues() {
        expect("(");
        Map<String, String> values = new LinkedHashMap<>();
        do {
            String key = identifier("a partition key").toLowerCase(Locale.ROOT);
            expect("=");
            Token value = next();
            if (value.kind() != TokenKind.STRING && value.kind() != TokenKind.NUMBER) {
                pos--;
                throw unexpected("a partition value");
            }
            values.put(key, value.value());
        } while (accept(","));
        expect(")");
        return values;
    }

    private boolean ifNotExists() {
        if (acceptKeyword("if")) {
            expectKeyword("not");
            expectKeyword("exists");
            return true;
        }
        return false;
    }

    private boolean ifExists() {
        if (acceptKeyword("if")) {
            expectKeyword("exists");
            return true;
        }
        return false;
    }

}
