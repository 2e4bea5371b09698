package io.dolphincluster.protocol.wire;

import io.dolphincluster.protocol.data.Column;
import io.dolphincluster.protocol.data.ColumnType;
import io.dolphincluster.protocol.data.Schema;
import java.util.ArrayList;
import java.util.List;

/** Writes and reads a {@link Schema}: a column count, then each column's name and type name. */
final class SchemaBytes {
    private SchemaBytes() {
    }

    static void write(PayloadWriter out, Schema schema) {
        out.writeInt(schema.size());
        for (Column column : schema.columns()) {
            out.writeString(column.name()).writeString(column.type().name());
        }
    }

    static Schema read(PayloadReader in) {
        int count = in.readCount(8);
        List<Column> columns = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            String name = in.readRequiredString("a column name");
            String type = in.readRequiredString("a column type");
            columns.add(new Column(name, ColumnType.parse(type)));
        }
        return new Schema(columns);
    }
}
