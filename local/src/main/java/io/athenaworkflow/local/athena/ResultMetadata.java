package io.athenaworkflow.local.athena;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The {@code .metadata} file Athena writes next to a result: a protocol-buffers message (undocumented; the layout
 * below is what Athena JDBC's metadata parser reads): field 1 the query id, 2 the update type (DML/CTAS only), 3 the
 * update count (DML/CTAS only), 4 one embedded message per column with 1 catalog, 2 schema, 3 table, 4 name,
 * 5 label, 6 type, 7 precision, 8 scale, 9 nullability (1 NOT_NULL, 2 NULLABLE, 3 UNKNOWN) and 10 case sensitivity.
 * A field Athena leaves out for a column type is left out here too.
 *
 * @param queryId field 1
 * @param updateType field 2, or null
 * @param updateCount field 3, or null
 * @param columns field 4
 */
record ResultMetadata(String queryId, String updateType, Long updateCount, List<ResultColumnInfo> columns) {

    private static final String CATALOG = "hive";

    ResultMetadata {
        columns = List.copyOf(columns);
    }

    byte[] encode() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        writeString(out, 1, queryId);
        if (updateType != null) {
            writeString(out, 2, updateType);
        }
        if (updateCount != null) {
            writeVarintField(out, 3, updateCount);
        }
        for (ResultColumnInfo column : columns) {
            ByteArrayOutputStream c = new ByteArrayOutputStream();
            writeString(c, 1, CATALOG);
            writeString(c, 4, column.name());
            writeString(c, 5, column.label());
            writeString(c, 6, column.type());
            if (column.precision() != null) {
                writeVarintField(c, 7, column.precision());
            }
            if (column.scale() != null) {
                writeVarintField(c, 8, column.scale());
            }
            writeVarintField(c, 9, nullability(column.nullable()));
            if (column.caseSensitive() != null) {
                writeVarintField(c, 10, column.caseSensitive() ? 1 : 0);
            }
            writeBytes(out, 4, c.toByteArray());
        }
        return out.toByteArray();
    }

    /** @throws IllegalArgumentException when {@code bytes} is not such a message */
    static ResultMetadata decode(byte[] bytes) {
        Reader reader = new Reader(bytes);
        String queryId = "";
        String updateType = null;
        Long updateCount = null;
        List<ResultColumnInfo> columns = new ArrayList<>();
        while (reader.hasMore()) {
            long tag = reader.varint();
            int field = (int) (tag >>> 3);
            int wire = (int) (tag & 7);
            switch (field) {
                case 1 -> queryId = reader.string(wire);
                case 2 -> updateType = reader.string(wire);
                case 3 -> updateCount = reader.varintField(wire);
                case 4 -> columns.add(column(new Reader(reader.bytes(wire))));
                default -> reader.skip(wire);
            }
        }
        return new ResultMetadata(queryId, updateType, updateCount, columns);
    }

    private static ResultColumnInfo column(Reader reader) {
        String name = "";
        String label = null;
        String type = "";
        Integer precision = null;
        Integer scale = null;
        String nullable = "UNKNOWN";
        Boolean caseSensitive = null;
        while (reader.hasMore()) {
            long tag = reader.varint();
            int field = (int) (tag >>> 3);
            int wire = (int) (tag & 7);
            switch (field) {
                case 4 -> name = reader.string(wire);
                case 5 -> label = reader.string(wire);
                case 6 -> type = reader.string(wire);
                case 7 -> precision = (int) reader.varintField(wire);
                case 8 -> scale = (int) reader.varintField(wire);
                case 9 -> nullable = switch ((int) reader.varintField(wire)) {
                    case 1 -> "NOT_NULL";
                    case 2 -> "NULLABLE";
                    default -> "UNKNOWN";
                };
                case 10 -> caseSensitive = reader.varintField(wire) != 0;
                default -> reader.skip(wire);
            }
        }
        return new ResultColumnInfo(name, label == null ? name : label, type, precision, scale, nullable,
                caseSensitive);
    }

    private static int nullability(String nullable) {
        return switch (nullable) {
            case "NOT_NULL" -> 1;
            case "NULLABLE" -> 2;
            default -> 3;
        };
    }

    private static void writeString(ByteArrayOutputStream out, int field, String value) {
        writeBytes(out, field, value.getBytes(StandardCharsets.UTF_8));
    }

    private static void writeBytes(ByteArrayOutputStream out, int field, byte[] value) {
        writeVarint(out, ((long) field << 3) | 2);
        writeVarint(out, value.length);
        out.writeBytes(value);
    }

    private static void writeVarintField(ByteArrayOutputStream out, int field, long value) {
        writeVarint(out, (long) field << 3);
        writeVarint(out, value);
    }

    private static void writeVarint(ByteArrayOutputStream out, long value) {
        long rest = value;
        while ((rest & ~0x7FL) != 0) {
            out.write((int) ((rest & 0x7F) | 0x80));
            rest >>>= 7;
        }
        out.write((int) rest);
    }

    private static final class Reader {
        private final byte[] bytes;
        private int position;

        Reader(byte[] bytes) {
            this.bytes = bytes;
        }

        boolean hasMore() {
            return position < bytes.length;
        }

        long varint() {
            long value = 0;
            for (int shift = 0; shift < 64; shift += 7) {
                if (position >= bytes.length) {
                    throw new IllegalArgumentException("truncated varint in result metadata");
                }
                byte b = bytes[position++];
                value |= (long) (b & 0x7F) << shift;
                if ((b & 0x80) == 0) {
                    return value;
                }
            }
            throw new IllegalArgumentException("malformed varint in result metadata");
        }

        long varintField(int wire) {
            expect(wire, 0);
            return varint();
        }

        byte[] bytes(int wire) {
            expect(wire, 2);
            int length = (int) varint();
            if (length < 0 || position + length > bytes.length) {
                throw new IllegalArgumentException("truncated field in result metadata");
            }
            byte[] value = java.util.Arrays.copyOfRange(bytes, position, position + length);
            position += length;
            return value;
        }

        String string(int wire) {
            return new String(bytes(wire), StandardCharsets.UTF_8);
        }

        void skip(int wire) {
            switch (wire) {
                case 0 -> varint();
                case 1 -> position += 8;
                case 2 -> bytes(2);
                case 5 -> position += 4;
                default -> throw new IllegalArgumentException("unsupported wire type " + wire + " in result metadata");
            }
        }

        private static void expect(int wire, int expected) {
            if (wire != expected) {
                throw new IllegalArgumentException("unexpected wire type " + wire + " in result metadata");
            }
        }
    }
}
