package io.athenaworkflow.local.athena.engine.catalog;

import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;

/**
 * A database (schema) of the catalog, as Athena's ListDatabases / GetDatabase report it.
 *
 * @param name lower-case name
 * @param description the COMMENT, or null
 * @param locationUri the LOCATION, or null
 * @param parameters WITH DBPROPERTIES
 * @param createTime when it was created
 */
public record CatalogDatabase(String name, String description, String locationUri, Map<String, String> parameters,
                              Instant createTime) {

    public CatalogDatabase {
        parameters = parameters == null ? Map.of() : java.util.Collections.unmodifiableMap(new TreeMap<>(parameters));
    }
}
