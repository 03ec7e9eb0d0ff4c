package io.athenaworkflow.local.athena.engine.catalog;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.module.SimpleModule;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * The catalog, persisted as one JSON file ({@value #FILE_NAME}) in its directory and reloaded on start. Every change
 * is atomic: it is applied to a copy, the copy is written to a temporary file that then replaces the old file, and
 * only then becomes visible to readers. Thread-safe.
 */
public final class GlueCatalog implements Catalog {

    public static final String FILE_NAME = "glue-catalog.json";
    public static final String DEFAULT_DATABASE = "default";

    private static final ObjectMapper MAPPER = mapper();

    private final Path file;
    private final Clock clock;
    private volatile State state;

    private GlueCatalog(Path file, Clock clock, State state) {
        this.file = file;
        this.clock = clock;
        this.state = state;
    }

    /**
     * Opens the catalog stored in {@code directory} (created when missing), with a {@code default} database.
     *
     * @throws CatalogStorageFailure when the directory cannot be created or the file cannot be read
     */
    public static GlueCatalog open(Path directory, Clock clock) {
        Path file = directory.resolve(FILE_NAME);
        State state;
        try {
            Files.createDirectories(directory);
            state = Files.exists(file) ? MAPPER.readValue(file.toFile(), State.class) : new State(new TreeMap<>());
        } catch (IOException e) {
            throw new CatalogStorageFailure("Cannot read the catalog file " + file + ": " + e.getMessage()
                    + " (fix or delete it to start with an empty catalog)", e);
        }
        GlueCatalog catalog = new GlueCatalog(file, clock, state.copy());
        if (!state.databases().containsKey(DEFAULT_DATABASE)) {
            catalog.createDatabase(new CatalogDatabase(DEFAULT_DATABASE, "Default Hive database", null, Map.of(),
                    clock.instant()));
        }
        return catalog;
    }

    /** The clock creation times come from. */
    public Instant now() {
        return clock.instant();
    }

    @Override
    public List<CatalogDatabase> databases() {
        return state.databases().values().stream().map(DatabaseEntry::database).toList();
    }

    @Override
    public Optional<CatalogDatabase> database(String name) {
        return Optional.ofNullable(state.databases().get(key(name))).map(DatabaseEntry::database);
    }

    @Override
    public List<CatalogTable> tables(String database) {
        DatabaseEntry db = state.databases().get(key(database));
        return db == null ? List.of() : db.tables().values().stream().map(TableEntry::table).toList();
    }

    @Override
    public Optional<CatalogTable> table(String database, String name) {
        return entry(state, database, name).map(TableEntry::table);
    }

    @Override
    public List<CatalogPartition> partitions(String database, String table) {
        return entry(state, database, table).map(TableEntry::partitions).orElse(List.of());
    }

    /** Creates the database; false (and no change) when it already exists. */
    public synchronized boolean createDatabase(CatalogDatabase database) {
        if (state.databases().containsKey(key(database.name()))) {
            return false;
        }
        change(s -> s.databases().put(key(database.name()), new DatabaseEntry(database, new TreeMap<>())));
        return true;
    }

    /**
     * Drops the database; false when it does not exist.
     *
     * @throws CatalogConflict when it still has tables and {@code cascade} is false
     */
    public synchronized boolean dropDatabase(String name, boolean cascade) {
        DatabaseEntry db = state.databases().get(key(name));
        if (db == null) {
            return false;
        }
        if (!db.tables().isEmpty() && !cascade) {
            throw new CatalogConflict("Database " + key(name) + " is not empty. One or more tables exist.");
        }
        change(s -> s.databases().remove(key(name)));
        return true;
    }

    /**
     * Creates the table; false (and no change) when a table of that name exists.
     *
     * @throws CatalogConflict when its database does not exist
     */
    public synchronized boolean createTable(CatalogTable table) {
        DatabaseEntry db = state.databases().get(key(table.database()));
        if (db == null) {
            throw new CatalogConflict("Database does not exist: " + table.database());
        }
        if (db.tables().containsKey(key(table.name()))) {
            return false;
        }
        change(s -> s.databases().get(key(table.database())).tables()
                .put(key(table.name()), new TableEntry(table, List.of())));
        return true;
    }

    /** Drops the table and its partitions (never its data); false when it does not exist. */
    public synchronized boolean dropTable(String database, String name) {
        if (table(database, name).isEmpty()) {
            return false;
        }
        change(s -> s.databases().get(key(database)).tables().remove(key(name)));
        return true;
    }

    /**
     * Registers partitions; returns how many were added.
     *
     * @throws CatalogConflict when the table does not exist, or one already exists and {@code ifNotExists} is false
     */
    public synchronized int addPartitions(String database, String table, List<CatalogPartition> partitions,
                                          boolean ifNotExists) {
        TableEntry entry = entry(state, database, table)
                .orElseThrow(() -> new CatalogConflict("Table not found " + key(database) + "." + key(table)));
        Map<List<String>, CatalogPartition> byValues = new TreeMap<>(GlueCatalog::compareValues);
        entry.partitions().forEach(p -> byValues.put(p.values(), p));
        int added = 0;
        for (CatalogPartition partition : partitions) {
            if (byValues.containsKey(partition.values())) {
                if (!ifNotExists) {
                    throw new CatalogConflict("Partition already exists: " + describe(entry.table(), partition.values()));
                }
                continue;
            }
            byValues.put(partition.values(), partition);
            added++;
        }
        if (added > 0) {
            List<CatalogPartition> updated = List.copyOf(byValues.values());
            change(s -> s.databases().get(key(database)).tables().put(key(table), new TableEntry(entry.table(), updated)));
        }
        return added;
    }

    /**
     * Removes partitions; returns how many were removed.
     *
     * @throws CatalogConflict when the table does not exist, or a partition does not and {@code ifExists} is false
     */
    public synchronized int dropPartitions(String database, String table, List<List<String>> values, boolean ifExists) {
        TableEntry entry = entry(state, database, table)
                .orElseThrow(() -> new CatalogConflict("Table not found " + key(database) + "." + key(table)));
        List<CatalogPartition> remaining = new ArrayList<>(entry.partitions());
        int removed = 0;
        for (List<String> v : values) {
            boolean found = remaining.removeIf(p -> p.values().equals(v));
            if (!found && !ifExists) {
                throw new CatalogConflict("No partition is dropped. Partition not found: " + describe(entry.table(), v));
            }
            removed += found ? 1 : 0;
        }
        if (removed > 0) {
            List<CatalogPartition> updated = List.copyOf(remaining);
            change(s -> s.databases().get(key(database)).tables().put(key(table), new TableEntry(entry.table(), updated)));
        }
        return removed;
    }

    /** {@code k1=v1/k2=v2}, Hive's partition name. */
    public static String describe(CatalogTable table, List<String> values) {
        StringBuilder name = new StringBuilder();
        for (int i = 0; i < values.size() && i < table.partitionKeys().size(); i++) {
            name.append(i == 0 ? "" : "/").append(table.partitionKeys().get(i).name()).append('=').append(values.get(i));
        }
        return name.toString();
    }

    private static int compareValues(List<String> a, List<String> b) {
        for (int i = 0; i < Math.min(a.size(), b.size()); i++) {
            int c = a.get(i).compareTo(b.get(i));
            if (c != 0) {
                return c;
            }
        }
        return Integer.compare(a.size(), b.size());
    }

    private static Optional<TableEntry> entry(State state, String database, String name) {
        DatabaseEntry db = state.databases().get(key(database));
        return db == null ? Optional.empty() : Optional.ofNullable(db.tables().get(key(name)));
    }

    private static String key(String name) {
        return name == null ? DEFAULT_DATABASE : name.toLowerCase(Locale.ROOT);
    }

    /** Applies {@code mutation} to a copy, persists the copy, then publishes it. */
    private void change(Consumer<State> mutation) {
        State next = state.copy();
        mutation.accept(next);
        Path temp = file.resolveSibling(FILE_NAME + ".tmp");
        try {
            MAPPER.writeValue(temp.toFile(), next);
            Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new CatalogStorageFailure("Cannot write the catalog file " + file + ": " + e.getMessage(), e);
        }
        state = next;
    }

    record State(TreeMap<String, DatabaseEntry> databases) {
        State copy() {
            TreeMap<String, DatabaseEntry> dbs = new TreeMap<>();
            databases.forEach((k, v) -> dbs.put(k, new DatabaseEntry(v.database(), new TreeMap<>(v.tables()))));
            return new State(dbs);
        }
    }

    record DatabaseEntry(CatalogDatabase database, TreeMap<String, TableEntry> tables) {
    }

    record TableEntry(CatalogTable table, List<CatalogPartition> partitions) {
        TableEntry {
            partitions = partitions.stream().sorted(Comparator.comparing(CatalogPartition::values, GlueCatalog::compareValues)).toList();
        }
    }

    private static ObjectMapper mapper() {
        SimpleModule instants = new SimpleModule();
        instants.addSerializer(Instant.class, new JsonSerializer<>() {
            @Override
            public void serialize(Instant value, JsonGenerator gen, SerializerProvider serializers) throws IOException {
                gen.writeString(value.toString());
            }
        });
        instants.addDeserializer(Instant.class, new JsonDeserializer<>() {
            @Override
            public Instant deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
                return Instant.parse(p.getValueAsString());
            }
        });
        return new ObjectMapper().registerModule(instants)
                .enable(SerializationFeature.INDENT_OUTPUT)
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    }
}
