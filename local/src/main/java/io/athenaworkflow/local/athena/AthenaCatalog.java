package io.athenaworkflow.local.athena;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The Glue-style catalog (catalog {@code AwsDataCatalog}) behind ListDatabases, GetDatabase, ListTableMetadata and
 * GetTableMetadata: the databases and tables that Athena DDL created. The SQL engine owns it; implementations are
 * thread-safe and answer from the catalog's current state.
 */
public interface AthenaCatalog {

    /** The one data catalog's name, as Athena's API spells it. */
    String NAME = "AwsDataCatalog";

    /** The databases, in any order. */
    List<Database> databases();

    /** The tables of {@code database}, in any order; empty when the database does not exist. */
    List<Table> tables(String database);

    default Optional<Database> database(String name) {
        return databases().stream().filter(d -> d.name().equalsIgnoreCase(name)).findFirst();
    }

    default Optional<Table> table(String database, String table) {
        return tables(database).stream().filter(t -> t.name().equalsIgnoreCase(table)).findFirst();
    }

    /** A catalog without databases (until an engine provides one). */
    static AthenaCatalog empty() {
        return new AthenaCatalog() {
            @Override
            public List<Database> databases() {
                return List.of();
            }

            @Override
            public List<Table> tables(String database) {
                return List.of();
            }
        };
    }

    /**
     * A database.
     *
     * @param name lower-case name
     * @param description may be null
     * @param parameters Glue database parameters
     */
    record Database(String name, String description, Map<String, String> parameters) {
        public Database {
            Objects.requireNonNull(name, "name");
            parameters = parameters == null ? Map.of() : Map.copyOf(parameters);
        }
    }

    /**
     * A table as Athena's TableMetadata describes it.
     *
     * @param name lower-case name
     * @param createTime when it was created
     * @param tableType e.g. {@code EXTERNAL_TABLE} or {@code VIRTUAL_VIEW}
     * @param columns data columns, in order
     * @param partitionKeys partition columns, in order
     * @param parameters table properties (e.g. {@code classification}, {@code EXTERNAL})
     */
    record Table(String name, Instant createTime, String tableType, List<Column> columns, List<Column> partitionKeys,
            Map<String, String> parameters) {
        public Table {
            Objects.requireNonNull(name, "name");
            columns = columns == null ? List.of() : List.copyOf(columns);
            partitionKeys = partitionKeys == null ? List.of() : List.copyOf(partitionKeys);
            parameters = parameters == null ? Map.of() : Map.copyOf(parameters);
        }
    }

    /**
     * A column in Hive's type spelling ({@code int}, {@code string}, {@code array<string>}).
     *
     * @param comment may be null
     */
    record Column(String name, String type, String comment) {
        public Column {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(type, "type");
        }
    }
}
