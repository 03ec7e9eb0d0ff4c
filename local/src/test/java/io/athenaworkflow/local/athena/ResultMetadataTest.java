package io.athenaworkflow.local.athena;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.athenaworkflow.local.athena.engine.ResultColumn;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

class ResultMetadataTest {

    private static final ResultColumn ROWS = new ResultColumn("rows", "bigint", 19, 0, "UNKNOWN");

    @Test
    void encode_whenUpdateWithRowsColumn_matchesAthenasBytesAfterTheQueryId() {
        byte[] bytes = new ResultMetadata("q", "UPDATE", 1L, List.of(ResultColumnInfo.of(ROWS))).encode();

        // field 1 "q", then the bytes Athena writes for an UPDATE of one row: update type, count, a `rows bigint`
        // column (catalog hive, name, label, type, precision 19, scale 0, nullable UNKNOWN, case-insensitive).
        assertThat(HexFormat.of().formatHex(bytes)).isEqualTo("0a0171" + "1206555044415445" + "1801" + "2222"
                + "0a0468697665" + "2204726f7773" + "2a04726f7773" + "3206626967696e74" + "3813" + "4000" + "4803"
                + "5000");
    }

    @Test
    void encode_whenTypesDiffer_recordsOnlyTheFieldsAthenaRecordsForEachType() {
        List<ResultColumnInfo> columns = List.of(
                ResultColumnInfo.of(new ResultColumn("b", "boolean", 0, 0, "UNKNOWN")),
                ResultColumnInfo.of(new ResultColumn("d", "date", 0, 0, "UNKNOWN")),
                ResultColumnInfo.of(new ResultColumn("a", "array(varchar)", 0, 0, "UNKNOWN")),
                ResultColumnInfo.of(new ResultColumn("s", "varchar(3)", 3, 0, "UNKNOWN")),
                ResultColumnInfo.of(new ResultColumn("r", "real", 17, 0, "NULLABLE")));

        ResultMetadata decoded = ResultMetadata.decode(new ResultMetadata("id-1", null, null, columns).encode());

        assertThat(decoded.queryId()).isEqualTo("id-1");
        assertThat(decoded.updateType()).isNull();
        assertThat(decoded.updateCount()).isNull();
        assertThat(decoded.columns()).containsExactly(
                new ResultColumnInfo("b", "b", "boolean", null, null, "UNKNOWN", false),
                new ResultColumnInfo("d", "d", "date", null, 0, "UNKNOWN", false),
                new ResultColumnInfo("a", "a", "array", null, null, "UNKNOWN", null),
                new ResultColumnInfo("s", "s", "varchar", 3, 0, "UNKNOWN", true),
                new ResultColumnInfo("r", "r", "float", 17, 0, "NULLABLE", false));
    }

    @Test
    void decode_whenTruncated_isRejected() {
        byte[] bytes = new ResultMetadata("query", null, null, List.of(ResultColumnInfo.of(ROWS))).encode();

        assertThatThrownBy(() -> ResultMetadata.decode(java.util.Arrays.copyOf(bytes, bytes.length - 3)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("truncated");
    }

    @Test
    void baseType_whenParameterised_dropsTheParameters() {
        assertThat(ResultColumnInfo.baseType("decimal(10, 2)")).isEqualTo("decimal");
        assertThat(ResultColumnInfo.baseType("timestamp(3) with time zone")).isEqualTo("timestamp with time zone");
        assertThat(ResultColumnInfo.baseType("row(a integer, b varchar)")).isEqualTo("row");
        assertThat(ResultColumnInfo.baseType("interval day to second")).isEqualTo("interval day to second");
    }
}
