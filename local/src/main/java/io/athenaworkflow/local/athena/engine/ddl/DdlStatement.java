package io.athenaworkflow.local.athena.engine.ddl;

import java.util.List;
import java.util.Map;

/** A parsed Athena (Hive) DDL or utility statement. */
public sealed interface DdlStatement {

    /** Athena's StatementType: DDL or UTILITY. */
    String statementType();

    /** Athena's SubstatementType. */
    String substatementType();

    /** A table name as written: one to three parts (catalog, database, table); the catalog must be AwsDataCatalog. */
    record TableName(String catalog, String database, String table, String position) {
    }

    /** A column definition. */
    record ColumnDefinition(String name, HiveType type, String comment) {
    }

    /** A partition spec {@code (k='v', ...)} with an optional LOCATION. */
    record PartitionSpec(Map<String, String> values, String location) {
    }

    record CreateDatabase(String name, boolean ifNotExists, String comment, String location,
                          Map<String, String> properties) implements DdlStatement {
        public String statementType() { return "DDL"; }
        public String substatementType() { return "CREATE_DATABASE"; }
    }

    record DropDatabase(String name, boolean ifExists, boolean cascade) implements DdlStatement {
        public String statementType() { return "DDL"; }
        public String substatementType() { return "DROP_DATABASE"; }
    }

    /**
     * CREATE EXTERNAL TABLE. {@code serde}/{@code inputFormat}/{@code outputFormat} are already resolved from
     * ROW FORMAT and STORED AS.
     */
    record CreateTable(TableName name, boolean ifNotExists, List<ColumnDefinition> columns,
                       List<ColumnDefinition> partitionKeys, String comment, String serde,
                       Map<String, String> serdeProperties, String inputFormat, String outputFormat, String location,
                       Map<String, String> tableProperties) implements DdlStatement {
        public String statementType() { return "DDL"; }
        public String substatementType() { return "CREATE_TABLE"; }
    }

    /** One PARTITIONED BY entry of an Iceberg table: a column or an Iceberg transform of it (N: bucket, truncate). */
    record PartitionField(String transform, String column, Integer parameter) {
    }

    /** CREATE TABLE ... TBLPROPERTIES ('table_type' = 'ICEBERG', ...): an Iceberg table (Athena manages its data). */
    record CreateIcebergTable(TableName name, boolean ifNotExists, List<ColumnDefinition> columns,
                              List<PartitionField> partitioning, String comment, String location,
                              Map<String, String> tableProperties) implements DdlStatement {
        public String statementType() { return "DDL"; }
        public String substatementType() { return "CREATE_TABLE"; }
    }

    record DropTable(TableName name, boolean ifExists) implements DdlStatement {
        public String statementType() { return "DDL"; }
        public String substatementType() { return "DROP_TABLE"; }
    }

    record ShowDatabases(String likePattern) implements DdlStatement {
        public String statementType() { return "UTILITY"; }
        public String substatementType() { return "SHOW_DATABASES"; }
    }

    record ShowTables(String database, String pattern) implements DdlStatement {
        public String statementType() { return "UTILITY"; }
        public String substatementType() { return "SHOW_TABLES"; }
    }

    record ShowColumns(TableName name) implements DdlStatement {
        public String statementType() { return "UTILITY"; }
        public String substatementType() { return "SHOW_COLUMNS"; }
    }

    record ShowPartitions(TableName name) implements DdlStatement {
        public String statementType() { return "UTILITY"; }
        public String substatementType() { return "SHOW_PARTITIONS"; }
    }

    record ShowCreateTable(TableName name) implements DdlStatement {
        public String statementType() { return "UTILITY"; }
        public String substatementType() { return "SHOW_CREATE_TABLE"; }
    }

    record ShowTblProperties(TableName name) implements DdlStatement {
        public String statementType() { return "UTILITY"; }
        public String substatementType() { return "SHOW_TBLPROPERTIES"; }
    }

    record Describe(TableName name, boolean formatted) implements DdlStatement {
        public String statementType() { return "UTILITY"; }
        public String substatementType() { return "DESCRIBE_TABLE"; }
    }

    record MsckRepair(TableName name) implements DdlStatement {
        public String statementType() { return "DDL"; }
        public String substatementType() { return "MSCK_REPAIR_TABLE"; }
    }

    record AddPartitions(TableName name, boolean ifNotExists, List<PartitionSpec> partitions) implements DdlStatement {
        public String statementType() { return "DDL"; }
        public String substatementType() { return "ALTER_TABLE_ADD_PARTITION"; }
    }

    record DropPartitions(TableName name, boolean ifExists, List<PartitionSpec> partitions) implements DdlStatement {
        public String statementType() { return "DDL"; }
        public String substatementType() { return "ALTER_TABLE_DROP_PARTITION"; }
    }
}
