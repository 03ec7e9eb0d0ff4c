package io.athenaworkflow.local.athena.engine.ddl;

import java.util.Map;
import java.util.TreeMap;

/**
 * How a table's rows are (de)serialized.
 *
 * @param serializationLibrary the SerDe class, e.g. {@code org.apache.hadoop.hive.serde2.OpenCSVSerde}
 * @param parameters SERDEPROPERTIES (for ROW FORMAT DELIMITED: field.delim, escape.delim, line.delim, ...)
 */
public record SerDeInfo(String serializationLibrary, Map<String, String> parameters) {

    public static final String LAZY_SIMPLE = "org.apache.hadoop.hive.serde2.lazy.LazySimpleSerDe";
    public static final String OPEN_CSV = "org.apache.hadoop.hive.serde2.OpenCSVSerde";
    public static final String OPENX_JSON = "org.openx.data.jsonserde.JsonSerDe";
    public static final String HIVE_JSON = "org.apache.hive.hcatalog.data.JsonSerDe";
    public static final String PARQUET = "org.apache.hadoop.hive.ql.io.parquet.serde.ParquetHiveSerDe";
    public static final String ORC = "org.apache.hadoop.hive.ql.io.orc.OrcSerde";
    public static final String AVRO = "org.apache.hadoop.hive.serde2.avro.AvroSerDe";

    public SerDeInfo {
        parameters = parameters == null ? Map.of() : java.util.Collections.unmodifiableMap(new TreeMap<>(parameters));
    }
}
