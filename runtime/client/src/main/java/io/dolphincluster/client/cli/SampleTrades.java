package io.dolphincluster.client.cli;

import io.dolphincluster.protocol.data.Column;
import io.dolphincluster.protocol.data.ColumnType;
import io.dolphincluster.protocol.data.RowBatch;
import io.dolphincluster.protocol.data.Schema;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/**
 * Deterministic sample trades: row {@code i} is always the same, so loads can be checked and
 * repeated.
 */
public final class SampleTrades {
    public static final String DATABASE = "dfs://demo";
    public static final String TABLE = "trades";
    public static final LocalDate FIRST_DAY = LocalDate.of(2024, 1, 2);
    public static final Schema SCHEMA =
            Schema.of(
                    new Column("date", ColumnType.DATE),
                    new Column("time", ColumnType.TIMESTAMP),
                    new Column("sym", ColumnType.SYMBOL),
                    new Column("price", ColumnType.DOUBLE),
                    new Column("qty", ColumnType.LONG));
    private static final String[] SYMBOLS = {
        "AAPL", "MSFT", "GOOG", "AMZN", "TSLA", "NVDA", "META", "IBM"
    };
    private static final int DAYS = 10;

    private SampleTrades() {}

    /** Rows {@code from} to {@code from + count - 1}. */
    public static RowBatch rows(long from, int count) {
        List<List<Object>> rows = new ArrayList<>(count);
        for (long i = from; i < from + count; i++) {
            LocalDate day = FIRST_DAY.plusDays(i % DAYS);
            Instant time =
                    day.atStartOfDay()
                            .toInstant(java.time.ZoneOffset.UTC)
                            .plusMillis(i % 86_400_000L);
            String sym = SYMBOLS[(int) (i % SYMBOLS.length)];
            double price = 100 + (i % 1000) / 10.0;
            rows.add(List.of(day, time, sym, price, 1 + i % 100));
        }
        return new RowBatch(SCHEMA, rows);
    }
}
