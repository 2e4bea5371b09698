package io.dolphincluster.runtime.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dolphincluster.protocol.data.Column;
import io.dolphincluster.protocol.data.ColumnType;
import io.dolphincluster.protocol.data.Schema;
import io.dolphincluster.protocol.query.Filter;
import io.dolphincluster.protocol.query.Filter.Op;
import java.util.List;
import org.junit.jupiter.api.Test;

class PartitionPrunerTest {
    private static final Schema TRADES =
            Schema.of(
                    new Column("date", ColumnType.DATE),
                    new Column("sym", ColumnType.SYMBOL),
                    new Column("qty", ColumnType.INT));
    private static final List<String> DAYS =
            List.of("2024-01-01", "2024-01-02", "2024-01-03", "2024-01-04");

    private final PartitionPruner byDate =
            new PartitionPruner(
                    new TableLayout(
                            TRADES, "date", PartitionScheme.parse("VALUE", ColumnType.DATE)));

    @Test
    void keepsOnlyPartitionsInsideAllPartitionColumnFilters() {
        List<Filter> where =
                List.of(
                        new Filter("date", Op.GE, "2024-01-02"),
                        new Filter("date", Op.LT, "2024-01-04"),
                        new Filter("qty", Op.GT, 5));

        assertThat(byDate.prune(DAYS, where)).containsExactly("2024-01-02", "2024-01-03");
        assertThat(byDate.mayMatch("2024-01-01", where)).isFalse();
    }

    @Test
    void keepsEverythingWithoutPartitionColumnFilters() {
        assertThat(byDate.prune(DAYS, List.of(new Filter("sym", Op.EQ, "AAPL")))).isEqualTo(DAYS);
        assertThat(byDate.prune(DAYS, List.of())).isEqualTo(DAYS);
    }

    @Test
    void rangeAndHashPrune() {
        PartitionPruner byRange =
                new PartitionPruner(
                        new TableLayout(
                                TRADES,
                                "qty",
                                PartitionScheme.parse("RANGE(0,10,20,30)", ColumnType.INT)));
        assertThat(
                        byRange.prune(
                                List.of("[0,10)", "[10,20)", "[20,30)"),
                                List.of(new Filter("qty", Op.GE, 12L))))
                .containsExactly("[10,20)", "[20,30)");

        PartitionPruner byHash =
                new PartitionPruner(
                        new TableLayout(
                                TRADES,
                                "sym",
                                PartitionScheme.parse("HASH(8)", ColumnType.SYMBOL)));
        assertThat(byHash.prune(List.of("h3", "h4"), List.of(new Filter("sym", Op.EQ, "AAPL"))))
                .containsExactly("h4");
        assertThat(byHash.prune(List.of("h3", "h4"), List.of(new Filter("sym", Op.GT, "AAPL"))))
                .containsExactly("h3", "h4");
    }

    @Test
    void refusesFiltersThatCannotApply() {
        assertThatThrownBy(
                        () -> byDate.prune(DAYS, List.of(new Filter("date", Op.EQ, "yesterday"))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("filter on 'date'")
                .hasMessageContaining("DATE");
        assertThatThrownBy(
                        () -> byDate.prune(DAYS, List.of(new Filter("day", Op.EQ, "2024-01-01"))))
                .hasMessageContaining("no column 'day'; columns are [date, sym, qty]");
    }
}
