package io.dolphincluster.runtime.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dolphincluster.protocol.data.Column;
import io.dolphincluster.protocol.data.ColumnType;
import io.dolphincluster.protocol.data.RowBatch;
import io.dolphincluster.protocol.data.Schema;
import io.dolphincluster.runtime.metadata.ColumnDef;
import io.dolphincluster.runtime.metadata.DatabaseInfo;
import io.dolphincluster.runtime.metadata.TableInfo;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PartitionerTest {
    private static final Schema TRADES =
            Schema.of(
                    new Column("date", ColumnType.DATE),
                    new Column("sym", ColumnType.SYMBOL),
                    new Column("price", ColumnType.DOUBLE));

    @Test
    void splitsByValueKeepingRowOrderWithinEachPartition() {
        Partitioner partitioner =
                new Partitioner(
                        new TableLayout(
                                TRADES, "date", PartitionScheme.parse("VALUE", ColumnType.DATE)));
        RowBatch batch =
                new RowBatch(
                        TRADES,
                        List.of(
                                row("2024-01-02", "AAPL", 1.0),
                                row("2024-01-03", "MSFT", 2.0),
                                row("2024-01-02", "IBM", 3.0)));

        Map<String, RowBatch> parts = partitioner.split(batch);

        assertThat(parts.keySet()).containsExactly("2024-01-02", "2024-01-03");
        assertThat(parts.get("2024-01-02"))
                .isEqualTo(
                        new RowBatch(
                                TRADES,
                                List.of(
                                        row("2024-01-02", "AAPL", 1.0),
                                        row("2024-01-02", "IBM", 3.0))));
        assertThat(parts.get("2024-01-03"))
                .isEqualTo(new RowBatch(TRADES, List.of(row("2024-01-03", "MSFT", 2.0))));
    }

    @Test
    void splitsByHashOfTheTablesPartitionColumn() {
        Partitioner partitioner =
                new Partitioner(
                        new TableLayout(
                                TRADES,
                                "sym",
                                PartitionScheme.parse("HASH(8)", ColumnType.SYMBOL)));

        Map<String, RowBatch> parts =
                partitioner.split(
                        new RowBatch(
                                TRADES,
                                List.of(
                                        row("2024-01-02", "AAPL", 1.0),
                                        row("2024-01-02", "MSFT", 2.0))));

        assertThat(parts.keySet()).containsExactly("h4");
        assertThat(parts.get("h4").size()).isEqualTo(2);
    }

    @Test
    void refusesWholeBatchesWithRowsItCannotPlace() {
        Partitioner byRange =
                new Partitioner(
                        new TableLayout(
                                TRADES,
                                "date",
                                PartitionScheme.parse(
                                        "RANGE(2024-01-01,2024-02-01)", ColumnType.DATE)));
        assertThatThrownBy(
                        () ->
                                byRange.split(
                                        new RowBatch(
                                                TRADES,
                                                List.of(
                                                        row("2024-01-02", "A", 1.0),
                                                        row("2024-03-01", "B", 1.0)))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("row 1")
                .hasMessageContaining("2024-03-01 is outside");
        assertThatThrownBy(() -> byRange.split(new RowBatch(TRADES, List.of(row(null, "A", 1.0)))))
                .hasMessageContaining("row 0 has no value in the partition column 'date'");
        Schema other = Schema.of(new Column("date", ColumnType.DATE));
        assertThatThrownBy(() -> byRange.split(RowBatch.empty(other)))
                .hasMessageContaining("the table has");
    }

    @Test
    void layoutComesFromTheMetadata() {
        TableInfo table =
                new TableInfo(
                        "trades",
                        "quotes",
                        List.of(
                                new ColumnDef("date", "date"),
                                new ColumnDef("sym", "SYMBOL"),
                                new ColumnDef("price", "DOUBLE")),
                        "date");

        TableLayout layout = TableLayout.of(new DatabaseInfo("trades", "VALUE", 1), table);

        assertThat(layout.schema()).isEqualTo(TRADES);
        assertThat(layout.partitionIndex()).isZero();
        assertThat(layout.scheme().keyOf(LocalDate.of(2024, 1, 2))).isEqualTo("2024-01-02");
        assertThatThrownBy(
                        () -> TableLayout.of(new DatabaseInfo("trades", "VALUE(date)", 1), table))
                .hasMessageContaining(
                        "database trades: expected VALUE, RANGE(b1,...) or HASH(n), got 'VALUE(date)'");
        TableInfo noSuchColumn = new TableInfo("trades", "quotes", table.columns(), "day");
        assertThatThrownBy(
                        () -> TableLayout.of(new DatabaseInfo("trades", "VALUE", 1), noSuchColumn))
                .hasMessageContaining("no column 'day'; columns are [date, sym, price]");
    }

    @Test
    void conformsBatchesToTheTableByColumnName() {
        TableLayout layout =
                new TableLayout(TRADES, "date", PartitionScheme.parse("VALUE", ColumnType.DATE));
        Schema clientOrder =
                Schema.of(
                        new Column("price", ColumnType.INT),
                        new Column("sym", ColumnType.STRING),
                        new Column("date", ColumnType.DATE));
        RowBatch sent =
                new RowBatch(
                        clientOrder, List.of(Arrays.asList(3, "AAPL", LocalDate.of(2024, 1, 2))));

        assertThat(layout.conform(sent))
                .isEqualTo(new RowBatch(TRADES, List.of(row("2024-01-02", "AAPL", 3.0))));
        RowBatch fits = new RowBatch(TRADES, List.of(row("2024-01-02", "AAPL", 3.0)));
        assertThat(layout.conform(fits)).isSameAs(fits);
        Schema wrong =
                Schema.of(
                        new Column("date", ColumnType.DATE),
                        new Column("symbol", ColumnType.SYMBOL));
        assertThatThrownBy(() -> layout.conform(RowBatch.empty(wrong)))
                .hasMessageContaining("missing [sym, price]")
                .hasMessageContaining("unknown [symbol]");
    }

    static List<Object> row(Object date, Object sym, Object price) {
        return Arrays.asList(date == null ? null : LocalDate.parse((String) date), sym, price);
    }
}
