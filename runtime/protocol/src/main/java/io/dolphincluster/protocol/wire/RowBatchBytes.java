package io.dolphincluster.protocol.wire;

import io.dolphincluster.protocol.data.RowBatch;
import io.dolphincluster.protocol.data.Schema;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The one place where messages turn a {@link RowBatch} into bytes and back. Its two methods have the shape of
 * {@code io.dolphincluster.protocol.data.RowBatchCodec} (decode throws only {@link IllegalArgumentException} on bad
 * bytes); once that columnar codec exists these should delegate to it. Until then it writes a simple row-wise form:
 * the schema, a row count, then every cell as a tagged value.
 */
public final class RowBatchBytes {
    private RowBatchBytes() {
    }

    public static byte[] encode(RowBatch batch) {
        PayloadWriter out = new PayloadWriter();
        SchemaBytes.write(out, batch.schema());
        out.writeInt(batch.size());
        for (List<Object> row : batch.rows()) {
            for (Object value : row) Values.write(out, value);
        }
        return out.toByteArray();
    }

    /** The batch in {@code bytes}; {@link IllegalArgumentException} when they are not a valid batch. */
    public static RowBatch decode(byte[] bytes) {
        try {
            return read(bytes);
        } catch (WireFormatException e) {
            throw new IllegalArgumentException("not a row batch: " + e.getMessage(), e);
        }
    }

    private static RowBatch read(byte[] bytes) {
        PayloadReader in = new PayloadReader(bytes);
        Schema schema = SchemaBytes.read(in);
        int rowCount = in.readCount(Math.max(1, schema.size()));
        List<List<Object>> rows = new ArrayList<>(rowCount);
        for (int r = 0; r < rowCount; r++) {
            Object[] row = new Object[schema.size()];
            for (int c = 0; c < row.length; c++) row[c] = Values.read(in);
            rows.add(Arrays.asList(row));
        }
        in.end();
        return new RowBatch(schema, rows);
    }
}
