package io.dolphincluster.runtime.datanode;

import io.dolphincluster.client.DBConnection;
import io.dolphincluster.protocol.data.Column;
import io.dolphincluster.protocol.data.ColumnType;
import io.dolphincluster.protocol.data.Schema;
import io.dolphincluster.runtime.testkit.DatanodeProcess;
import java.time.LocalDate;
import java.util.List;

/**
 * The table the ingest tests write, {@code dfs://ha/events} (id LONG, day DATE, qty LONG),
 * VALUE-partitioned by day, and the one row each id stands for: its day is one of {@link #DAYS}
 * days, its qty a function of the id, so a stored row can be checked against its id alone.
 */
final class EventsTable {
    static final String DATABASE = "dfs://ha";
    static final String TABLE = "events";
    static final Schema SCHEMA =
            Schema.of(
                    new Column("id", ColumnType.LONG),
                    new Column("day", ColumnType.DATE),
                    new Column("qty", ColumnType.LONG));

    /** How many days (VALUE partitions, so chunks) the rows are spread over. */
    static final int DAYS = 5;

    static final LocalDate FIRST_DAY = LocalDate.of(2024, 1, 1);

    private EventsTable() {}

    /** Creates the database and the table, through {@code datanode}. */
    static void create(DatanodeProcess datanode) {
        try (DBConnection setup = CorruptReplicaIT.connect(datanode)) {
            setup.createDatabase(DATABASE, "VALUE");
            setup.createTable(DATABASE, TABLE, SCHEMA, "day");
        }
    }

    static long qtyOf(long id) {
        return id % 97;
    }

    static LocalDate dayOf(long id) {
        return FIRST_DAY.plusDays(id % DAYS);
    }

    static List<Object> row(long id) {
        return List.of(id, dayOf(id), qtyOf(id));
    }
}
