package io.dolphincluster.protocol.data;

import java.nio.charset.StandardCharsets;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The binary form of a {@link RowBatch} (and of a {@link Schema}): compact, columnar, versioned.
 *
 * <pre>
 * batch   = version:u8(=1) schema rowCount:varint column*          (one column block per schema column)
 * schema  = columnCount:varint (typeCode:u8 name:utf8)*
 * column  = presence:u8 [bitmap] values
 *           presence 0: every row has a value, no bitmap
 *           presence 1: bitmap of ceil(rowCount/8) bytes, bit i (LSB first) set = row i has a value
 * values  (only for the rows that have one, in row order)
 *   BOOL       bits, ceil(k/8) bytes           INT        4 bytes big-endian
 *   LONG       8 bytes big-endian              TIMESTAMP  epoch millis, 8 bytes big-endian
 *   DOUBLE     IEEE 754 bits, 8 bytes          DATE       epoch day, zig-zag varint
 *   STRING     utf8 each
 *   SYMBOL     dictSize:varint utf8*dictSize, then the dictionary index of each value as a varint
 * utf8    = length:varint bytes
 * varint  = unsigned LEB128 (7 bits a byte, low first)
 * </pre>
 *
 * Type codes: BOOL 1, INT 2, LONG 3, DOUBLE 4, SYMBOL 5, STRING 6, DATE 7, TIMESTAMP 8.
 *
 * <p>Decoding accepts untrusted bytes: anything malformed (truncated, unknown version or type code,
 * counts or lengths past the end, trailing bytes) is an {@link IllegalArgumentException} saying
 * what and where, and every allocation is bounded by the bytes actually present, so a hostile
 * length cannot exhaust memory. A batch without columns cannot carry rows (nothing in it would
 * bound their number).
 */
public final class RowBatchCodec {
    /** The format version this codec writes and reads. */
    public static final int VERSION = 1;

    /**
     * {@link #decodeBounded} refuses a batch whose rows would cost more than this many bytes of
     * memory per byte received, plus {@link #BOUNDED_ALLOWANCE_BYTES}: a row is counted {@value
     * #ROW_COST_BYTES} bytes plus {@value #VALUE_COST_BYTES} a column (the decoded row, its checked
     * copy and their values).
     */
    public static final int BOUNDED_BYTES_PER_INPUT_BYTE = 32;

    public static final long BOUNDED_ALLOWANCE_BYTES = 16L << 20;
    static final int ROW_COST_BYTES = 128;
    static final int VALUE_COST_BYTES = 16;

    private static final int NO_NULLS = 0;
    private static final int NULL_BITMAP = 1;

    private RowBatchCodec() {}

    public static byte[] encode(RowBatch batch) {
        Schema schema = batch.schema();
        List<List<Object>> rows = batch.rows();
        int n = rows.size();
        if (schema.size() == 0 && n > 0) {
            throw new IllegalArgumentException(
                    "a row batch without columns cannot carry rows (it has " + n + ")");
        }
        ByteSink out = new ByteSink(64 + n * schema.size() * 6);
        out.writeByte(VERSION);
        writeSchema(out, schema);
        out.writeVarLong(n);
        for (int c = 0; c < schema.size(); c++) {
            writeColumn(out, schema.column(c).type(), rows, c);
        }
        return out.toByteArray();
    }

    public static RowBatch decode(byte[] bytes) {
        return decode(bytes, Long.MAX_VALUE);
    }

    /**
     * Decodes a batch from an untrusted sender (a client's append) with memory bounded by the bytes
     * received: about {@value #BOUNDED_BYTES_PER_INPUT_BYTE} bytes for each byte plus {@link
     * #BOUNDED_ALLOWANCE_BYTES}. A batch that declares more rows than that (nulls cost a bit on the
     * wire but a row in memory: 2 MiB can declare 16 M all-null rows) is refused, before anything
     * is allocated for them, with an {@link IllegalArgumentException}. Ordinary batches (several
     * columns, a few bytes a value) are far below the bound; only a batch of more than about
     * 100,000 rows of one narrow or mostly null column reaches it.
     */
    public static RowBatch decodeBounded(byte[] bytes) {
        if (bytes == null) throw new IllegalArgumentException("no row batch bytes (null)");
        return decode(
                bytes,
                BOUNDED_BYTES_PER_INPUT_BYTE * (long) bytes.length + BOUNDED_ALLOWANCE_BYTES);
    }

    private static RowBatch decode(byte[] bytes, long memoryBudget) {
        if (bytes == null) throw new IllegalArgumentException("no row batch bytes (null)");
        try {
            ByteSource in = new ByteSource(bytes);
            int version = in.readByte("format version");
            if (version != VERSION) {
                throw new IllegalArgumentException(
                        "unsupported row batch format version "
                                + version
                                + ", this node reads version "
                                + VERSION);
            }
            Schema schema = readSchema(in);
            long maxRows = schema.size() == 0 ? 0 : (long) in.remaining() * 8;
            int n = in.readCount("row count", maxRows);
            long cost = (long) n * (ROW_COST_BYTES + (long) VALUE_COST_BYTES * schema.size());
            if (cost > memoryBudget) {
                throw new IllegalArgumentException(
                        "row batch refused: "
                                + n
                                + " rows of "
                                + schema.size()
                                + " column(s) in "
                                + bytes.length
                                + " bytes would take about "
                                + (cost >> 20)
                                + " MiB to decode, more than the "
                                + (memoryBudget >> 20)
                                + " MiB allowed for that many bytes; send fewer rows per batch");
            }
            Object[][] columns = new Object[schema.size()][];
            for (int c = 0; c < schema.size(); c++) {
                columns[c] = readColumn(in, schema.column(c), n);
            }
            if (in.remaining() != 0) {
                throw new IllegalArgumentException(
                        "corrupt row batch: "
                                + in.remaining()
                                + " unexpected bytes after the last column");
            }
            List<List<Object>> rows = new ArrayList<>(n);
            for (int r = 0; r < n; r++) {
                Object[] row = new Object[columns.length];
                for (int c = 0; c < columns.length; c++) row[c] = columns[c][r];
                rows.add(Arrays.asList(row));
            }
            return new RowBatch(schema, rows);
        } catch (IllegalArgumentException e) {
            throw e;
        } catch (RuntimeException e) {
            // A safety net: the checks above should leave nothing else, but the network must never
            // see more.
            throw new IllegalArgumentException("corrupt row batch: " + e, e);
        }
    }

    /** The binary form of a schema alone (the {@code schema} rule above, after a version byte). */
    public static byte[] encodeSchema(Schema schema) {
        ByteSink out = new ByteSink(16 + schema.size() * 16);
        out.writeByte(VERSION);
        writeSchema(out, schema);
        return out.toByteArray();
    }

    /**
     * Reads what {@link #encodeSchema} wrote; malformed bytes are an {@link
     * IllegalArgumentException}.
     */
    public static Schema decodeSchema(byte[] bytes) {
        if (bytes == null) throw new IllegalArgumentException("no schema bytes (null)");
        try {
            ByteSource in = new ByteSource(bytes);
            int version = in.readByte("format version");
            if (version != VERSION) {
                throw new IllegalArgumentException(
                        "unsupported schema format version "
                                + version
                                + ", this node reads version "
                                + VERSION);
            }
            Schema schema = readSchema(in);
            if (in.remaining() != 0)
                throw new IllegalArgumentException(
                        "corrupt schema: " + in.remaining() + " unexpected bytes after it");
            return schema;
        } catch (IllegalArgumentException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("corrupt schema: " + e, e);
        }
    }

    private static void writeSchema(ByteSink out, Schema schema) {
        out.writeVarLong(schema.size());
        for (Column column : schema.columns()) {
            out.writeByte(typeCode(column.type()));
            writeUtf8(out, column.name());
        }
    }

    private static Schema readSchema(ByteSource in) {
        int count = in.readCount("column count", in.remaining() / 2);
        List<Column> columns = new ArrayList<>(count);
        for (int c = 0; c < count; c++) {
            ColumnType type = typeOf(in.readByte("type of column " + c), c);
            String name = in.readUtf8("name of column " + c);
            try {
                columns.add(new Column(name, type));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(
                        "corrupt schema, column " + c + ": " + e.getMessage());
            }
        }
        try {
            return new Schema(columns);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("corrupt schema: " + e.getMessage());
        }
    }

    private static void writeColumn(ByteSink out, ColumnType type, List<List<Object>> rows, int c) {
        int n = rows.size();
        int present = 0;
        for (int r = 0; r < n; r++) {
            if (rows.get(r).get(c) != null) present++;
        }
        if (present == n) {
            out.writeByte(NO_NULLS);
        } else {
            out.writeByte(NULL_BITMAP);
            int bitmap = out.reserve((n + 7) >>> 3);
            for (int r = 0; r < n; r++) {
                if (rows.get(r).get(c) != null) out.setBit(bitmap, r);
            }
        }
        switch (type) {
            case BOOL:
                {
                    int bits = out.reserve((present + 7) >>> 3);
                    int k = 0;
                    for (int r = 0; r < n; r++) {
                        Object v = rows.get(r).get(c);
                        if (v == null) continue;
                        if ((Boolean) v) out.setBit(bits, k);
                        k++;
                    }
                    break;
                }
            case INT:
                for (int r = 0; r < n; r++) {
                    Object v = rows.get(r).get(c);
                    if (v != null) out.writeInt((Integer) v);
                }
                break;
            case LONG:
                for (int r = 0; r < n; r++) {
                    Object v = rows.get(r).get(c);
                    if (v != null) out.writeLong((Long) v);
                }
                break;
            case TIMESTAMP:
                for (int r = 0; r < n; r++) {
                    Object v = rows.get(r).get(c);
                    if (v != null) out.writeLong(((Instant) v).toEpochMilli());
                }
                break;
            case DOUBLE:
                for (int r = 0; r < n; r++) {
                    Object v = rows.get(r).get(c);
                    if (v != null) out.writeLong(Double.doubleToRawLongBits((Double) v));
                }
                break;
            case DATE:
                for (int r = 0; r < n; r++) {
                    Object v = rows.get(r).get(c);
                    if (v != null) out.writeZigZag(((LocalDate) v).toEpochDay());
                }
                break;
            case STRING:
                for (int r = 0; r < n; r++) {
                    Object v = rows.get(r).get(c);
                    if (v != null) writeUtf8(out, (String) v);
                }
                break;
            case SYMBOL:
                writeSymbols(out, rows, c, present);
                break;
            default:
                throw new IllegalStateException("no encoding for " + type);
        }
    }

    private static void writeSymbols(ByteSink out, List<List<Object>> rows, int c, int present) {
        Map<String, Integer> dictionary = new HashMap<>();
        List<String> entries = new ArrayList<>();
        int[] indexes = new int[present];
        int k = 0;
        for (List<Object> row : rows) {
            Object v = row.get(c);
            if (v == null) continue;
            Integer index = dictionary.get(v);
            if (index == null) {
                index = entries.size();
                dictionary.put((String) v, index);
                entries.add((String) v);
            }
            indexes[k++] = index;
        }
        out.writeVarLong(entries.size());
        for (String entry : entries) writeUtf8(out, entry);
        for (int index : indexes) out.writeVarLong(index);
    }

    private static Object[] readColumn(ByteSource in, Column column, int n) {
        String name = "column '" + column.name() + "'";
        // Every column block holds at least a presence byte and one bit per row; check before
        // allocating.
        if (in.remaining() < 1 + ((n + 7L) >>> 3)) {
            throw new IllegalArgumentException(
                    "truncated row batch: "
                            + name
                            + " needs at least "
                            + (1 + ((n + 7L) >>> 3))
                            + " bytes for "
                            + n
                            + " rows, only "
                            + in.remaining()
                            + " left");
        }
        Object[] values = new Object[n];
        int presence = in.readByte(name + " presence");
        int bitmap = -1;
        int present = n;
        if (presence == NULL_BITMAP) {
            bitmap = in.skipBits(n, name + " null bitmap");
            present = 0;
            for (int r = 0; r < n; r++) if (in.bit(bitmap, r)) present++;
        } else if (presence != NO_NULLS) {
            throw new IllegalArgumentException(
                    "corrupt row batch: "
                            + name
                            + " has presence code "
                            + presence
                            + ", expected 0 or 1");
        }
        Object[] dense = readValues(in, column.type(), present, name);
        if (bitmap < 0) return dense;
        for (int r = 0, k = 0; r < n; r++) {
            if (in.bit(bitmap, r)) values[r] = dense[k++];
        }
        return values;
    }

    private static Object[] readValues(ByteSource in, ColumnType type, int k, String name) {
        long minBytes = type == ColumnType.BOOL ? (k + 7L) >>> 3 : k;
        if (minBytes > in.remaining()) {
            throw new IllegalArgumentException(
                    "truncated row batch: "
                            + name
                            + " has "
                            + k
                            + " values, which need at least "
                            + minBytes
                            + " bytes, only "
                            + in.remaining()
                            + " left");
        }
        Object[] values = new Object[k];
        switch (type) {
            case BOOL:
                {
                    int bits = in.skipBits(k, name + " values");
                    for (int i = 0; i < k; i++) values[i] = in.bit(bits, i);
                    break;
                }
            case INT:
                for (int i = 0; i < k; i++) values[i] = in.readInt(name + " values");
                break;
            case LONG:
                for (int i = 0; i < k; i++) values[i] = in.readLong(name + " values");
                break;
            case TIMESTAMP:
                for (int i = 0; i < k; i++)
                    values[i] = Instant.ofEpochMilli(in.readLong(name + " values"));
                break;
            case DOUBLE:
                for (int i = 0; i < k; i++)
                    values[i] = Double.longBitsToDouble(in.readLong(name + " values"));
                break;
            case DATE:
                for (int i = 0; i < k; i++) {
                    long day = in.readZigZag(name + " values");
                    try {
                        values[i] = LocalDate.ofEpochDay(day);
                    } catch (DateTimeException e) {
                        throw new IllegalArgumentException(
                                "corrupt row batch: "
                                        + name
                                        + " holds epoch day "
                                        + day
                                        + ", outside the DATE range");
                    }
                }
                break;
            case STRING:
                for (int i = 0; i < k; i++) values[i] = in.readUtf8(name + " value");
                break;
            case SYMBOL:
                {
                    int size = in.readCount(name + " dictionary size", in.remaining());
                    String[] dictionary = new String[size];
                    for (int d = 0; d < size; d++)
                        dictionary[d] = in.readUtf8(name + " dictionary entry");
                    for (int i = 0; i < k; i++) {
                        long index = in.readVarLong(name + " symbol index");
                        if (index < 0 || index >= size) {
                            throw new IllegalArgumentException(
                                    "corrupt row batch: "
                                            + name
                                            + " refers to symbol "
                                            + Long.toUnsignedString(index)
                                            + " of a dictionary of "
                                            + size);
                        }
                        values[i] = dictionary[(int) index];
                    }
                    break;
                }
            default:
                throw new IllegalStateException("no decoding for " + type);
        }
        return values;
    }

    private static void writeUtf8(ByteSink out, String s) {
        byte[] utf8 = s.getBytes(StandardCharsets.UTF_8);
        out.writeVarLong(utf8.length);
        out.writeBytes(utf8);
    }

    static int typeCode(ColumnType type) {
        switch (type) {
            case BOOL:
                return 1;
            case INT:
                return 2;
            case LONG:
                return 3;
            case DOUBLE:
                return 4;
            case SYMBOL:
                return 5;
            case STRING:
                return 6;
            case DATE:
                return 7;
            case TIMESTAMP:
                return 8;
            default:
                throw new IllegalStateException("no type code for " + type);
        }
    }

    private static ColumnType typeOf(int code, int column) {
        switch (code) {
            case 1:
                return ColumnType.BOOL;
            case 2:
                return ColumnType.INT;
            case 3:
                return ColumnType.LONG;
            case 4:
                return ColumnType.DOUBLE;
            case 5:
                return ColumnType.SYMBOL;
            case 6:
                return ColumnType.STRING;
            case 7:
                return ColumnType.DATE;
            case 8:
                return ColumnType.TIMESTAMP;
            default:
                throw new IllegalArgumentException(
                        "corrupt row batch: column "
                                + column
                                + " has type code "
                                + code
                                + ", expected 1..8");
        }
    }
}
