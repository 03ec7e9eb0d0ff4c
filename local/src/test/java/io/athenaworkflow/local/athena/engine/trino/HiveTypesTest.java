package io.athenaworkflow.local.athena.engine.trino;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.athenaworkflow.local.athena.engine.QueryFailure;
import io.athenaworkflow.local.athena.engine.ddl.HiveType;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/** Column types between Athena's Hive spelling (DDL, Glue catalog API) and Trino's (the engine's metastore). */
class HiveTypesTest {

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', value = {
            "string|varchar",
            "int|integer",
            "float|real",
            "binary|varbinary",
            "decimal(10,2)|decimal(10,2)",
            "varchar(5)|varchar(5)",
            "array<string>|array(varchar)",
            "map<string,bigint>|map(varchar, bigint)",
            "struct<name:string,tags:array<int>>|row(\"name\" varchar, \"tags\" array(integer))"})
    void toTrino_whenHiveType_givesTrinosType(String hive, String trino) {
        assertThat(HiveTypes.toTrino(HiveType.parse(hive))).isEqualTo(trino);
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', value = {
            "varchar|string",
            "varchar(5)|varchar(5)",
            "integer|int",
            "real|float",
            "varbinary|binary",
            "decimal(10, 2)|decimal(10,2)",
            "timestamp(3)|timestamp",
            "array(varchar)|array<string>",
            "map(varchar, array(integer))|map<string,array<int>>",
            "row(name varchar, \"b c\" bigint)|struct<name:string,b c:bigint>"})
    void toHive_whenTrinoType_givesAthenasSpelling(String trino, String hive) {
        assertThat(HiveTypes.toHive(trino)).isEqualTo(hive);
    }

    @Test
    void toTrino_whenTypeHasNoTrinoEquivalent_failsAsNotSupported() {
        assertThatThrownBy(() -> HiveTypes.toTrino(new HiveType("uniontype<int,string>", "uniontype",
                java.util.List.of(), java.util.List.of())))
                .isInstanceOf(QueryFailure.class).hasMessageStartingWith("NOT_SUPPORTED: Column type uniontype");
    }
}
