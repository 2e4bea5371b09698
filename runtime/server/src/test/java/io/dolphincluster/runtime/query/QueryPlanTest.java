package io.dolphincluster.runtime.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dolphincluster.protocol.data.Column;
import io.dolphincluster.protocol.data.ColumnType;
import io.dolphincluster.protocol.data.Schema;
import io.dolphincluster.protocol.query.Aggregate.Fn;
import io.dolphincluster.protocol.query.Filter.Op;
import io.dolphincluster.protocol.query.Query;
import org.junit.jupiter.api.Test;

class QueryPlanTest {
    static final Schema TRADES =
            Schema.of(
                    new Column("date", ColumnType.DATE),
                    new Column("sym", ColumnType.SYMBOL),
                    new Column("price", ColumnType.DOUBLE),
                    new Column("qty", ColumnType.INT));
    private static final Query Q = Query.from("dfs://trades", "quotes");

    @Test
    void unknownColumnsAreNamedWithTheTablesColumns() {
        String columns = "columns are [date, sym, price, qty]";
        assertThatThrownBy(() -> QueryPlan.bind(Q.select("sym", "volume"), TRADES))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("select: no column 'volume'")
                .hasMessageContaining(columns);
        assertThatThrownBy(() -> QueryPlan.bind(Q.where("day", Op.EQ, "2024-01-02"), TRADES))
                .hasMessageContaining("where: no column 'day'")
                .hasMessageContaining(columns);
        assertThatThrownBy(
                        () -> QueryPlan.bind(Q.aggregate(Fn.COUNT, null).groupBy("symbol"), TRADES))
                .hasMessageContaining("group by: no column 'symbol'")
                .hasMessageContaining(columns);
        assertThatThrownBy(() -> QueryPlan.bind(Q.aggregate(Fn.MAX, "volume"), TRADES))
                .hasMessageContaining("MAX: no column 'volume'")
                .hasMessageContaining(columns);
    }

    @Test
    void sumAndAvgNeedNumbers() {
        assertThatThrownBy(() -> QueryPlan.bind(Q.aggregate(Fn.SUM, "sym"), TRADES))
                .hasMessage(
                        "SUM needs a numeric column (INT, LONG or DOUBLE), but 'sym' is SYMBOL");
        assertThatThrownBy(() -> QueryPlan.bind(Q.aggregate(Fn.AVG, "date"), TRADES))
                .hasMessageContaining("AVG needs a numeric column");
        assertThat(
                        QueryPlan.bind(
                                        Q.aggregate(Fn.MIN, "sym")
                                                .aggregate(Fn.MAX, "date")
                                                .aggregate(Fn.COUNT, "sym"),
                                        TRADES)
                                .isAggregate())
                .isTrue();
    }

    @Test
    void filterValuesMustFitTheirColumn() {
        assertThatThrownBy(() -> QueryPlan.bind(Q.where("date", Op.EQ, "02/01/2024"), TRADES))
                .hasMessageContaining(
                        "where: the filter on 'date' expected a DATE value, got '02/01/2024'");
        assertThatThrownBy(() -> QueryPlan.bind(Q.where("qty", Op.GT, 2.5), TRADES))
                .hasMessageContaining("expected a INT value");
        assertThatThrownBy(() -> QueryPlan.bind(Q.where("qty", Op.GT, null), TRADES))
                .hasMessageContaining("needs a value");
        QueryPlan.bind(
                Q.where("price", Op.GT, 2).where("qty", Op.LT, 10L).where("date", Op.GE, 19724),
                TRADES);
    }

    @Test
    void refusesDuplicateResultColumns() {
        assertThatThrownBy(
                        () ->
                                QueryPlan.bind(
                                        Q.aggregate(Fn.SUM, "qty").aggregate(Fn.SUM, "qty"),
                                        TRADES))
                .hasMessageContaining("sum_qty is given twice");
        assertThatThrownBy(() -> QueryPlan.bind(Q.select("sym", "sym"), TRADES))
                .hasMessageContaining("column 'sym' is given twice");
    }

    @Test
    void documentsItsShapes() {
        QueryPlan plan =
                QueryPlan.bind(
                        Q.aggregate(Fn.COUNT, null)
                                .aggregate(Fn.SUM, "qty")
                                .aggregate(Fn.AVG, "price")
                                .aggregate(Fn.MIN, "date")
                                .groupBy("sym"),
                        TRADES);

        assertThat(plan.partialSchema())
                .isEqualTo(
                        Schema.of(
                                new Column("sym", ColumnType.SYMBOL),
                                new Column("count", ColumnType.LONG),
                                new Column("sum_qty", ColumnType.LONG),
                                new Column("avg_price.sum", ColumnType.DOUBLE),
                                new Column("avg_price.count", ColumnType.LONG),
                                new Column("min_date", ColumnType.DATE)));
        assertThat(plan.resultSchema())
                .isEqualTo(
                        Schema.of(
                                new Column("sym", ColumnType.SYMBOL),
                                new Column("count", ColumnType.LONG),
                                new Column("sum_qty", ColumnType.LONG),
                                new Column("avg_price", ColumnType.DOUBLE),
                                new Column("min_date", ColumnType.DATE)));
        assertThat(QueryPlan.bind(Q, TRADES).resultSchema()).isEqualTo(TRADES);
        assertThat(QueryPlan.bind(Q.select("price", "sym"), TRADES).resultSchema())
                .isEqualTo(
                        Schema.of(
                                new Column("price", ColumnType.DOUBLE),
                                new Column("sym", ColumnType.SYMBOL)));
    }
}
