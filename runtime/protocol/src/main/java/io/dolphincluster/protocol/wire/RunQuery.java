package io.dolphincluster.protocol.wire;

import io.dolphincluster.protocol.query.Query;
import java.util.Objects;

/** Runs a query on a partitioned table; answered by {@link QueryResult}. */
public record RunQuery(Query query) implements Message {
    public RunQuery {
        Objects.requireNonNull(query, "query");
    }

    @Override
    public MessageType type() {
        return MessageType.RUN_QUERY;
    }

    @Override
    public void writePayload(PayloadWriter out) {
        QueryBytes.write(out, query);
    }

    static RunQuery read(PayloadReader in) {
        return new RunQuery(QueryBytes.read(in));
    }
}
