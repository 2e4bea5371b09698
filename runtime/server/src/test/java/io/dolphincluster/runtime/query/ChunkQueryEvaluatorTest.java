package io.dolphincluster.runtime.query;

import static io.dolphincluster.runtime.query.QueryPlanTest.TRADES;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dolphincluster.protocol.data.Column;
import io.dolphincluster.protocol.data.ColumnType;
import io.dolphincluster.protocol.data.RowBatch;
import io.dolphincluster.protocol.data.RowBatchCodec;
import io.dolphincluster.protocol.data.Schema;
import io.dolphincluster.protocol.query.Aggregate.Fn;
import io.dolphincluster.protocol.query.Filter.Op;
import io.dolphincluster.protocol.query.Query;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class ChunkQueryEvaluatorTest {
    private static final Query Q = Query.from("dfs://trades", "quotes");
    static final List<RowBatch> CHUNK =
            List.of(
                    new RowBatch(
                            TRADES,
                            List.of(
                                    row("2024-01-02", "AAPL", 10.0, 1),
                                    row("2024-01-02", "MSFT", 20.0, 2))),
                    new RowBatch(
                            TRADES,
                            List.of(
                                    row("2024-01-02", "AAPL", 30.0, null),
                                    row("2024-01-02", null, null, 4))));

    @Test
    void selectsProjectedMatchingRowsInStoredOrder() {
        RowBatch result = evaluate(Q.select("sym", "qty").where("price", Op.GE, 15));

        assertThat(result.rows())
                .containsExactly(Arrays.asList("MSFT", 2), Arrays.asList("AAPL", null));
    }

    @Test
    void missingValuesMatchNoComparison() {
        assertThat(evaluate(Q.where("sym", Op.NE, "AAPL")).rows())
                .containsExactly(row("2024-01-02", "MSFT", 20.0, 2));
    }

    @Test
    void stopsAtTheLimit() {
        assertThat(evaluate(Q.limit(3)).size()).isEqualTo(3);
        assertThat(evaluate(Q.limit(0)).size()).isZero();
    }

    @Test
    void aggregatesIntoPartialStatesPerGroup() {
        RowBatch partial =
                evaluate(
                        Q.aggregate(Fn.COUNT, null)
                                .aggregate(Fn.COUNT, "qty")
                                .aggregate(Fn.SUM, "qty")
                                .aggregate(Fn.AVG, "price")
                                .aggregate(Fn.MAX, "price")
                                .groupBy("sym"));

        assertThat(partial.rows())
                .containsExactly(
                        Arrays.asList("AAPL", 2L, 1L, 1L, 40.0, 2L, 30.0),
                        Arrays.asList("MSFT", 1L, 1L, 2L, 20.0, 1L, 20.0),
                        Arrays.asList(null, 1L, 1L, 4L, null, 0L, null));
    }

    @Test
    void anEmptyChunkStillGivesOneRowWithoutGroupBy() {
        RowBatch partial =
                ChunkQueryEvaluator.evaluate(
                        QueryPlan.bind(
                                Q.aggregate(Fn.COUNT, null).aggregate(Fn.SUM, "price"), TRADES),
                        List.of());

        assertThat(partial.rows()).containsExactly(Arrays.asList(0L, null));
    }

    @Test
    void partialStatesTravelThroughTheCodec() {
        RowBatch partial =
                evaluate(Q.aggregate(Fn.AVG, "qty").aggregate(Fn.MIN, "date").groupBy("sym"));

        assertThat(RowBatchCodec.decode(RowBatchCodec.encode(partial))).isEqualTo(partial);
    }

    @Test
    void refusesRowsOfAnotherSchema() {
        RowBatch other = RowBatch.empty(Schema.of(new Column("x", ColumnType.INT)));
        assertThatThrownBy(
                        () ->
                                ChunkQueryEvaluator.evaluate(
                                        QueryPlan.bind(Q, TRADES), List.of(other)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("the table has");
    }

    @Test
    void longSumsThatOverflowAreAnError() {
        Schema longs = Schema.of(new Column("v", ColumnType.LONG));
        RowBatch big = new RowBatch(longs, List.of(List.of(Long.MAX_VALUE), List.of(1L)));
        assertThatThrownBy(
                        () ->
                                ChunkQueryEvaluator.evaluate(
                                        QueryPlan.bind(Q.aggregate(Fn.SUM, "v"), longs),
                                        List.of(big)))
                .hasMessageContaining("the sum of 'v' overflows a LONG");
    }

    private static RowBatch evaluate(Query query) {
        return ChunkQueryEvaluator.evaluate(QueryPlan.bind(query, TRADES), CHUNK);
    }

    static List<Object> row(String date, String sym, Double price, Integer qty) {
        return Arrays.asList(LocalDate.parse(date), sym, price, qty);
    }
}
