package io.dolphincluster.runtime.query;

import static org.assertj.core.api.Assertions.assertThat;

import io.dolphincluster.protocol.data.Column;
import io.dolphincluster.protocol.data.ColumnType;
import io.dolphincluster.protocol.data.RowBatch;
import io.dolphincluster.protocol.data.RowBatchCodec;
import io.dolphincluster.protocol.data.Schema;
import io.dolphincluster.protocol.query.Aggregate;
import io.dolphincluster.protocol.query.Aggregate.Fn;
import io.dolphincluster.protocol.query.Filter;
import io.dolphincluster.protocol.query.Query;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * For random rows, partition schemes and queries: splitting the rows by partition, pruning,
 * evaluating each partition on its own (its partial result sent through the codec) and merging
 * gives what a plain reference evaluator gives on all the rows at once.
 */
class PartitionedQueryPropertyTest {
    private static final Schema TABLE =
            Schema.of(
                    new Column("date", ColumnType.DATE),
                    new Column("sym", ColumnType.SYMBOL),
                    new Column("price", ColumnType.DOUBLE),
                    new Column("qty", ColumnType.INT),
                    new Column("id", ColumnType.LONG),
                    new Column("ok", ColumnType.BOOL));
    private static final String[] SYMBOLS = {"AAPL", "GOOG", "IBM", "MSFT"};
    private static final LocalDate DAY0 = LocalDate.of(2024, 1, 1);
    private static final Query FROM = Query.from("dfs://db", "t");

    private record Setup(String column, String scheme) {}

    private static final List<Setup> SETUPS =
            List.of(
                    new Setup("date", "VALUE"),
                    new Setup("sym", "VALUE"),
                    new Setup("qty", "RANGE(-10,0,5,10,20)"),
                    new Setup("date", "RANGE(2024-01-01,2024-01-03,2024-01-06,2024-01-09)"),
                    new Setup("sym", "HASH(3)"),
                    new Setup("date", "HASH(4)"),
                    new Setup("id", "HASH(5)"));

    @Test
    void partitionedEvaluationEqualsEvaluationOnAllRows() {
        Random random = new Random(4242);
        int compared = 0;
        for (int dataset = 0; dataset < 60; dataset++) {
            Setup setup = SETUPS.get(dataset % SETUPS.size());
            TableLayout layout =
                    new TableLayout(
                            TABLE,
                            setup.column(),
                            PartitionScheme.parse(
                                    setup.scheme(),
                                    TABLE.column(TABLE.indexOf(setup.column())).type()));
            RowBatch all = randomRows(random, TABLE.indexOf(setup.column()), random.nextInt(120));
            for (int q = 0; q < 40; q++) {
                Query query = randomQuery(random);
                QueryPlan plan = QueryPlan.bind(query, TABLE);
                RowBatch merged = ResultMerger.merge(plan, partials(random, layout, plan, all));
                RowBatch expected = Reference.evaluate(query, all);
                String why = setup + " " + query;
                assertThat(merged.schema()).as(why).isEqualTo(plan.resultSchema());
                if (query.aggregates().isEmpty() && query.limit() != null) {
                    assertThat(merged.size())
                            .as(why)
                            .isEqualTo(Math.min(query.limit(), expected.size()));
                    assertThat(expected.rows()).as(why).containsAll(merged.rows());
                } else if (query.aggregates().isEmpty()) {
                    assertThat(sorted(merged.rows())).as(why).isEqualTo(sorted(expected.rows()));
                } else {
                    assertThat(merged.rows()).as(why).isEqualTo(expected.rows());
                }
                compared++;
            }
        }
        assertThat(compared).isEqualTo(60 * 40);
    }

    private static List<RowBatch> partials(
            Random random, TableLayout layout, QueryPlan plan, RowBatch all) {
        Map<String, RowBatch> byKey = new Partitioner(layout).split(all);
        PartitionPruner pruner = new PartitionPruner(layout);
        List<RowBatch> partials = new ArrayList<>();
        for (String key :
                pruner.prune(byKey.keySet().stream().sorted().toList(), plan.query().where())) {
            RowBatch partition = byKey.get(key);
            // a chunk holds several batches (one per write): cut the partition at a random point
            int cut = random.nextInt(partition.size() + 1);
            List<RowBatch> chunk =
                    List.of(
                            new RowBatch(TABLE, partition.rows().subList(0, cut)),
                            new RowBatch(TABLE, partition.rows().subList(cut, partition.size())));
            partials.add(
                    RowBatchCodec.decode(
                            RowBatchCodec.encode(ChunkQueryEvaluator.evaluate(plan, chunk))));
        }
        return partials;
    }

    private static RowBatch randomRows(Random random, int partitionColumn, int count) {
        List<List<Object>> rows = new ArrayList<>();
        for (int r = 0; r < count; r++) {
            Object[] row = {
                DAY0.plusDays(random.nextInt(8)),
                SYMBOLS[random.nextInt(SYMBOLS.length)],
                random.nextInt(41) * 0.5 - 5,
                random.nextInt(30) - 10,
                (long) random.nextInt(1000) - 500,
                random.nextBoolean()
            };
            for (int c = 0; c < row.length; c++) {
                if (c != partitionColumn && random.nextInt(8) == 0) row[c] = null;
            }
            rows.add(Arrays.asList(row));
        }
        return new RowBatch(TABLE, rows);
    }

    private static Query randomQuery(Random random) {
        Query query = FROM;
        for (int f = random.nextInt(4); f > 0; f--) {
            int column = random.nextInt(TABLE.size());
            Filter.Op op = Filter.Op.values()[random.nextInt(Filter.Op.values().length)];
            query =
                    query.where(
                            TABLE.column(column).name(),
                            op,
                            randomFilterValue(random, TABLE.column(column).type()));
        }
        if (random.nextBoolean()) {
            List<String> select = new ArrayList<>();
            for (Column column : TABLE.columns())
                if (random.nextInt(3) == 0) select.add(column.name());
            query = query.select(select.toArray(new String[0]));
        } else {
            Set<Aggregate> aggregates = new LinkedHashSet<>();
            for (int a = 1 + random.nextInt(3); a > 0; a--) aggregates.add(randomAggregate(random));
            for (Aggregate aggregate : aggregates)
                query = query.aggregate(aggregate.fn(), aggregate.column());
            List<String> groupBy = new ArrayList<>();
            for (String candidate : List.of("sym", "date", "ok"))
                if (random.nextInt(3) == 0) groupBy.add(candidate);
            query = query.groupBy(groupBy.toArray(new String[0]));
        }
        return random.nextInt(3) == 0 ? query.limit(random.nextInt(10)) : query;
    }

    private static Aggregate randomAggregate(Random random) {
        Fn fn = Fn.values()[random.nextInt(Fn.values().length)];
        if (fn == Fn.COUNT && random.nextBoolean()) return new Aggregate(Fn.COUNT, null);
        List<String> numeric = List.of("price", "qty", "id");
        List<String> any = List.of("price", "qty", "id", "date", "sym", "ok");
        List<String> columns = fn == Fn.SUM || fn == Fn.AVG ? numeric : any;
        return new Aggregate(fn, columns.get(random.nextInt(columns.size())));
    }

    /**
     * Values as a client would write them in JSON: dates as text, numbers of the neighbouring
     * kinds.
     */
    private static Object randomFilterValue(Random random, ColumnType type) {
        switch (type) {
            case DATE:
                return DAY0.plusDays(random.nextInt(10) - 1).toString();
            case SYMBOL:
                return random.nextInt(5) == 0 ? "HP" : SYMBOLS[random.nextInt(SYMBOLS.length)];
            case DOUBLE:
                return random.nextBoolean()
                        ? (Object) (random.nextInt(11) - 5)
                        : (Object) (random.nextInt(41) * 0.5 - 5);
            case INT:
                return random.nextBoolean()
                        ? (Object) (random.nextInt(34) - 12)
                        : (Object) (long) (random.nextInt(34) - 12);
            case LONG:
                return (long) random.nextInt(1000) - 500;
            case BOOL:
                return random.nextBoolean();
            default:
                throw new IllegalStateException();
        }
    }

    private static List<List<Object>> sorted(List<List<Object>> rows) {
        List<List<Object>> copy = new ArrayList<>(rows);
        copy.sort(Reference.ROWS);
        return copy;
    }

    /** The plain, obvious evaluation of a query on all rows at once. */
    private static final class Reference {
        @SuppressWarnings({"unchecked", "rawtypes"})
        static final Comparator<Object> VALUES =
                Comparator.nullsFirst((a, b) -> ((Comparable) a).compareTo(b));

        static final Comparator<List<Object>> ROWS =
                (a, b) -> {
                    for (int i = 0; i < a.size(); i++) {
                        int c = VALUES.compare(a.get(i), b.get(i));
                        if (c != 0) return c;
                    }
                    return 0;
                };

        static RowBatch evaluate(Query query, RowBatch all) {
            List<List<Object>> matching = new ArrayList<>();
            for (List<Object> row : all.rows()) if (matches(query, row)) matching.add(row);
            return query.aggregates().isEmpty()
                    ? select(query, matching)
                    : aggregate(query, matching);
        }

        private static boolean matches(Query query, List<Object> row) {
            for (Filter filter : query.where()) {
                int column = TABLE.indexOf(filter.column());
                Object value = row.get(column);
                if (value == null) return false;
                int c =
                        VALUES.compare(
                                value, TABLE.column(column).type().normalize(filter.value()));
                boolean ok =
                        switch (filter.op()) {
                            case EQ -> c == 0;
                            case NE -> c != 0;
                            case LT -> c < 0;
                            case LE -> c <= 0;
                            case GT -> c > 0;
                            case GE -> c >= 0;
                        };
                if (!ok) return false;
            }
            return true;
        }

        private static RowBatch select(Query query, List<List<Object>> rows) {
            List<String> names =
                    query.select().isEmpty()
                            ? TABLE.columns().stream().map(Column::name).toList()
                            : query.select();
            List<List<Object>> out = new ArrayList<>();
            for (List<Object> row : rows) {
                List<Object> projected = new ArrayList<>();
                for (String name : names) projected.add(row.get(TABLE.indexOf(name)));
                out.add(projected);
            }
            return new RowBatch(
                    new Schema(names.stream().map(n -> TABLE.column(TABLE.indexOf(n))).toList()),
                    out);
        }

        private static RowBatch aggregate(Query query, List<List<Object>> rows) {
            Map<List<Object>, List<List<Object>>> groups = new HashMap<>();
            if (query.groupBy().isEmpty()) groups.put(List.of(), new ArrayList<>());
            for (List<Object> row : rows) {
                List<Object> key = new ArrayList<>();
                for (String name : query.groupBy()) key.add(row.get(TABLE.indexOf(name)));
                groups.computeIfAbsent(key, k -> new ArrayList<>()).add(row);
            }
            List<List<Object>> keys = new ArrayList<>(groups.keySet());
            keys.sort(ROWS);
            List<List<Object>> out = new ArrayList<>();
            for (List<Object> key : keys) {
                List<Object> result = new ArrayList<>(key);
                for (Aggregate aggregate : query.aggregates())
                    result.add(apply(aggregate, groups.get(key)));
                out.add(result);
            }
            if (query.limit() != null && out.size() > query.limit())
                out = out.subList(0, query.limit());
            return new RowBatch(QueryPlan.bind(query, TABLE).resultSchema(), out);
        }

        private static Object apply(Aggregate aggregate, List<List<Object>> rows) {
            if (aggregate.column() == null) return (long) rows.size();
            int column = TABLE.indexOf(aggregate.column());
            List<Object> values = new ArrayList<>();
            for (List<Object> row : rows) if (row.get(column) != null) values.add(row.get(column));
            boolean isDouble = TABLE.column(column).type() == ColumnType.DOUBLE;
            switch (aggregate.fn()) {
                case COUNT:
                    return (long) values.size();
                case MIN:
                    return values.stream().min(VALUES).orElse(null);
                case MAX:
                    return values.stream().max(VALUES).orElse(null);
                case SUM:
                    if (values.isEmpty()) return null;
                    return isDouble
                            ? (Object) values.stream().mapToDouble(v -> (Double) v).sum()
                            : (Object)
                                    values.stream().mapToLong(v -> ((Number) v).longValue()).sum();
                case AVG:
                    if (values.isEmpty()) return null;
                    double sum =
                            isDouble
                                    ? values.stream().mapToDouble(v -> (Double) v).sum()
                                    : (double)
                                            values.stream()
                                                    .mapToLong(v -> ((Number) v).longValue())
                                                    .sum();
                    return sum / values.size();
                default:
                    throw new IllegalStateException();
            }
        }
    }
}
