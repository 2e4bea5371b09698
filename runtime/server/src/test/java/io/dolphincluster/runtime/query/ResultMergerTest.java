package io.dolphincluster.runtime.query;

import static io.dolphincluster.runtime.query.ChunkQueryEvaluatorTest.row;
import static io.dolphincluster.runtime.query.QueryPlanTest.TRADES;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dolphincluster.protocol.data.RowBatch;
import io.dolphincluster.protocol.query.Aggregate.Fn;
import io.dolphincluster.protocol.query.Query;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class ResultMergerTest {
    private static final Query Q = Query.from("dfs://trades", "quotes");
    private static final List<RowBatch> DAY1 =
            List.of(
                    new RowBatch(
                            TRADES,
                            List.of(
                                    row("2024-01-01", "MSFT", 1.0, 1),
                                    row("2024-01-01", "AAPL", 2.0, 2))));
    private static final List<RowBatch> DAY2 =
            List.of(
                    new RowBatch(
                            TRADES,
                            List.of(
                                    row("2024-01-02", "AAPL", 4.0, 3),
                                    row("2024-01-02", "IBM", null, null))));

    @Test
    void combinesGroupsAcrossChunksSortedByKey() {
        RowBatch result =
                mergeBothDays(
                        Q.aggregate(Fn.COUNT, null)
                                .aggregate(Fn.SUM, "qty")
                                .aggregate(Fn.AVG, "price")
                                .aggregate(Fn.MIN, "date")
                                .aggregate(Fn.MAX, "price")
                                .groupBy("sym"));

        assertThat(result.rows())
                .containsExactly(
                        Arrays.asList("AAPL", 2L, 5L, 3.0, java.time.LocalDate.of(2024, 1, 1), 4.0),
                        Arrays.asList(
                                "IBM", 1L, null, null, java.time.LocalDate.of(2024, 1, 2), null),
                        Arrays.asList(
                                "MSFT", 1L, 1L, 1.0, java.time.LocalDate.of(2024, 1, 1), 1.0));
    }

    @Test
    void limitsGroupsAfterSorting() {
        assertThat(mergeBothDays(Q.aggregate(Fn.COUNT, null).groupBy("sym").limit(1)).rows())
                .containsExactly(Arrays.asList("AAPL", 2L));
    }

    @Test
    void withoutGroupByGivesOneRowEvenWithoutChunks() {
        QueryPlan plan =
                QueryPlan.bind(Q.aggregate(Fn.COUNT, null).aggregate(Fn.AVG, "price"), TRADES);

        assertThat(ResultMerger.merge(plan, List.of()).rows())
                .containsExactly(Arrays.asList(0L, null));
        assertThat(mergeBothDays(plan.query()).rows()).containsExactly(Arrays.asList(4L, 7.0 / 3));
    }

    @Test
    void concatenatesSelectsUpToTheLimit() {
        assertThat(mergeBothDays(Q.select("qty").limit(3)).rows())
                .containsExactly(Arrays.asList(1), Arrays.asList(2), Arrays.asList(3));
        assertThat(mergeBothDays(Q.select("qty")).size()).isEqualTo(4);
    }

    @Test
    void refusesPartialsOfAnotherShape() {
        QueryPlan plan = QueryPlan.bind(Q.aggregate(Fn.COUNT, null), TRADES);
        RowBatch select = ChunkQueryEvaluator.evaluate(QueryPlan.bind(Q, TRADES), DAY1);

        assertThatThrownBy(() -> ResultMerger.merge(plan, List.of(select)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("a partial result has columns");
    }

    private static RowBatch mergeBothDays(Query query) {
        QueryPlan plan = QueryPlan.bind(query, TRADES);
        return ResultMerger.merge(
                plan,
                List.of(
                        ChunkQueryEvaluator.evaluate(plan, DAY1),
                        ChunkQueryEvaluator.evaluate(plan, DAY2)));
    }
}
