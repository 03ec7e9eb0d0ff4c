package io.athenaworkflow.local.athena.engine.catalog;

import java.time.Instant;
import java.util.List;

/**
 * A registered partition of a table.
 *
 * @param values the partition key values, in the order of the table's partition keys
 * @param location where its files are, {@code s3://bucket/prefix/}
 * @param createTime when it was added
 */
public record CatalogPartition(List<String> values, String location, Instant createTime) {

    public CatalogPartition {
        values = List.copyOf(values);
    }
}
