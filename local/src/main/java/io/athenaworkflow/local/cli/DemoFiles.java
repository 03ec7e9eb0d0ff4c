package io.athenaworkflow.local.cli;

import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.FileSystem;
import java.nio.file.FileSystemAlreadyExistsException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The demo bundled in the runtime jar under {@code demo/}: the dataset (every file under {@code demo/orders/}, keyed
 * by its path below {@code demo/}, e.g. {@code orders/year=2024/orders-2024.csv}), the DDL statements in the order
 * they run, and the query.
 *
 * @param dataset file path below {@code demo/} to content, sorted by path
 * @param ddl file name to statement, in the order the demo runs them
 * @param query the query, with one {@code ?} for the date
 */
record DemoFiles(Map<String, byte[]> dataset, Map<String, String> ddl, String query) {

    static final List<String> DDL_FILES = List.of("create-database.sql", "create-table.sql", "load-partitions.sql");
    static final String QUERY_FILE = "query.sql";

    /**
     * Reads the files from the class path (a folder in development, the jar when installed).
     *
     * @throws DemoResourceException when they are missing or unreadable
     */
    static DemoFiles load() {
        URL anchor = DemoFiles.class.getClassLoader().getResource("demo/" + QUERY_FILE);
        if (anchor == null) {
            throw new DemoResourceException("The demo files (demo/" + QUERY_FILE + ") are not on the class path:"
                    + " rebuild the runtime (./mvnw -B -q -DskipTests -pl functions,local install).", null);
        }
        try {
            URI uri = anchor.toURI();
            if ("jar".equals(uri.getScheme())) {
                FileSystem jar;
                boolean opened = false;
                try {
                    jar = FileSystems.newFileSystem(uri, Map.of());
                    opened = true;
                } catch (FileSystemAlreadyExistsException alreadyOpen) {
                    jar = FileSystems.getFileSystem(uri);
                }
                try {
                    return read(jar.getPath("/demo"));
                } finally {
                    if (opened) {
                        jar.close();
                    }
                }
            }
            return read(Path.of(uri).getParent());
        } catch (IOException | URISyntaxException e) {
            throw new DemoResourceException("Cannot read the demo files from " + anchor + ": " + e.getMessage(), e);
        }
    }

    private static DemoFiles read(Path demo) throws IOException {
        Map<String, byte[]> dataset = new LinkedHashMap<>();
        try (Stream<Path> files = Files.walk(demo.resolve("orders"))) {
            for (Path file : files.filter(Files::isRegularFile).sorted().toList()) {
                dataset.put(demo.relativize(file).toString().replace('\\', '/'), Files.readAllBytes(file));
            }
        }
        Map<String, String> ddl = new LinkedHashMap<>();
        for (String name : DDL_FILES) {
            ddl.put(name, Files.readString(demo.resolve(name)).strip());
        }
        return new DemoFiles(dataset, ddl, Files.readString(demo.resolve(QUERY_FILE)).strip());
    }
}
