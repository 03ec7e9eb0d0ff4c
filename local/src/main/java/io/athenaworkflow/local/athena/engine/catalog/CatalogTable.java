package io.athenaworkflow.local.athena.engine.catalog;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * An external table, with what Athena's GetTableMetadata reports (Name, CreateTime, TableType, Columns,
 * PartitionKeys, Parameters) and what the engine needs to read it.
 *
 * @param database lower-case database name
 * @param name lower-case table name
 * @param createTime when it was created
 * @param columns the data columns, in order
 * @param partitionKeys the PARTITIONED BY columns, in order (empty when unpartitioned)
 * @param location {@code s3://bucket/prefix/} of its data
 * @param inputFormat Hadoop input format class
 * @param outputFormat Hadoop output format class
 * @param serde SerDe and SERDEPROPERTIES
 * @param tableProperties TBLPROPERTIES
 * @param comment the table COMMENT, or null
 */
public record CatalogTable(String database, String name, Instant createTime, List<CatalogColumn> columns,
                           List<CatalogColumn> partitionKeys, String location, String inputFormat,
                           String outputFormat, SerDeInfo serde, Map<String, String> tableProperties,
                           String comment) {

    public static final String TEXT_INPUT = "org.apache.hadoop.mapred.TextInputFormat";
    public static final String TEXT_OUTPUT = "org.apache.hadoop.hive.ql.io.HiveIgnoreKeyTextOutputFormat";
    public static final String PARQUET_INPUT = "org.apache.hadoop.hive.ql.io.parquet.MapredParquetInputFormat";
    public static final String PARQUET_OUTPUT = "org.apache.hadoop.hive.ql.io.parquet.MapredParquetOutputFormat";
    public static final String ORC_INPUT = "org.apache.hadoop.hive.ql.io.orc.OrcInputFormat";
    public static final String ORC_OUTPUT = "org.apache.hadoop.hive.ql.io.orc.OrcOutputFormat";
    public static final String AVRO_INPUT = "org.apache.hadoop.hive.ql.io.avro.AvroContainerInputFormat";
    public static final String AVRO_OUTPUT = "org.apache.hadoop.hive.ql.io.avro.AvroContainerOutputFormat";

    public CatalogTable {
        columns = List.copyOf(columns);
        partitionKeys = List.copyOf(partitionKeys);
        tableProperties = tableProperties == null ? Map.of()
                : java.util.Collections.unmodifiableMap(new TreeMap<>(tableProperties));
    }

    /** Athena's TableMetadata.TableType for every table this catalog holds. */
    public String tableType() {
        return "EXTERNAL_TABLE";
    }

    /** The data columns followed by the partition keys: the columns a query sees. */
    public List<CatalogColumn> allColumns() {
        return java.util.stream.Stream.concat(columns.stream(), partitionKeys.stream()).toList();
    }

    /**
     * Athena's TableMetadata.Parameters: {@code EXTERNAL}, {@code inputformat}, {@code location},
     * {@code outputformat}, {@code serde.serialization.lib}, {@code serde.param.<k>} for each SERDEPROPERTY, and
     * the TBLPROPERTIES.
     */
    public Map<String, String> parameters() {
        Map<String, String> parameters = new TreeMap<>(tableProperties);
        parameters.put("EXTERNAL", "TRUE");
        parameters.put("inputformat", inputFormat);
        parameters.put("outputformat", outputFormat);
        parameters.put("location", location);
        parameters.put("serde.serialization.lib", serde.serializationLibrary());
        serde.parameters().forEach((k, v) -> parameters.put("serde.param." + k, v));
        return java.util.Collections.unmodifiableMap(parameters);
    }
}
