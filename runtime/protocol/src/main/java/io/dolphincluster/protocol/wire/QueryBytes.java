package io.dolphincluster.protocol.wire;

import io.dolphincluster.protocol.query.Aggregate;
import io.dolphincluster.protocol.query.Filter;
import io.dolphincluster.protocol.query.Query;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes and reads a {@link Query}: database, table, select, filters, aggregates, group by, limit
 * (-1 for none).
 */
final class QueryBytes {
    private QueryBytes() {}

    static void write(PayloadWriter out, Query query) {
        out.writeString(query.database()).writeString(query.table()).writeStrings(query.select());
        out.writeInt(query.where().size());
        for (Filter filter : query.where()) {
            out.writeString(filter.column()).writeString(filter.op().name());
            Values.write(out, filter.value());
        }
        out.writeInt(query.aggregates().size());
        for (Aggregate aggregate : query.aggregates()) {
            out.writeString(aggregate.fn().name()).writeString(aggregate.column());
        }
        out.writeStrings(query.groupBy());
        out.writeInt(query.limit() == null ? -1 : query.limit());
    }

    static Query read(PayloadReader in) {
        String database = in.readRequiredString("the database");
        String table = in.readRequiredString("the table");
        List<String> select = in.readStrings();
        int filterCount = in.readCount(9);
        List<Filter> where = new ArrayList<>(filterCount);
        for (int i = 0; i < filterCount; i++) {
            String column = in.readRequiredString("a filter column");
            Filter.Op op = Filter.Op.valueOf(in.readRequiredString("a filter operator"));
            where.add(new Filter(column, op, Values.read(in)));
        }
        int aggregateCount = in.readCount(8);
        List<Aggregate> aggregates = new ArrayList<>(aggregateCount);
        for (int i = 0; i < aggregateCount; i++) {
            Aggregate.Fn fn = Aggregate.Fn.valueOf(in.readRequiredString("an aggregate function"));
            aggregates.add(new Aggregate(fn, in.readString()));
        }
        List<String> groupBy = in.readStrings();
        int limit = in.readInt();
        return new Query(
                database, table, select, where, aggregates, groupBy, limit == -1 ? null : limit);
    }
}
