package io.athenaworkflow.local.athena;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import java.util.stream.Stream;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class StatementClassifierTest {

    static Stream<Arguments> statements() {
        return Stream.of(
                Arguments.of("SELECT 1", "DML", "SELECT", true),
                Arguments.of("  -- leading comment\n/* block */ with t as (select 1) select * from t", "DML", "SELECT", true),
                Arguments.of("(SELECT 1)", "DML", "SELECT", true),
                Arguments.of("EXPLAIN SELECT 1", "DML", "EXPLAIN", false),
                Arguments.of("INSERT INTO t VALUES (1)", "DML", "INSERT", true),
                Arguments.of("show tables in sales", "UTILITY", "SHOW_TABLES", false),
                Arguments.of("SHOW CREATE TABLE t", "UTILITY", "SHOW_CREATE_TABLE", false),
                Arguments.of("DESCRIBE t", "UTILITY", "DESCRIBE_TABLE", false),
                Arguments.of("CREATE EXTERNAL TABLE t (a int) LOCATION 's3://b/'", "DDL", "CREATE_TABLE", false),
                Arguments.of("CREATE DATABASE d", "DDL", "CREATE_DATABASE", false),
                Arguments.of("DROP TABLE IF EXISTS t", "DDL", "DROP_TABLE", false),
                Arguments.of("MSCK REPAIR TABLE t", "DDL", "REPAIR_TABLE", false));
    }

    @ParameterizedTest
    @MethodSource("statements")
    void classify_whenStatementGiven_matchesAthenasTypes(String sql, String type, String substatement, boolean csv) {
        StatementClassifier.Classification classification = StatementClassifier.classify(sql);

        assertThat(classification.statementType()).isEqualTo(type);
        assertThat(classification.substatementType()).isEqualTo(substatement);
        assertThat(classification.csv()).isEqualTo(csv);
    }
}
