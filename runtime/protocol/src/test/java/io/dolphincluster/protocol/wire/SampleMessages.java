package io.dolphincluster.protocol.wire;

import io.dolphincluster.protocol.data.Column;
import io.dolphincluster.protocol.data.ColumnType;
import io.dolphincluster.protocol.data.RowBatch;
import io.dolphincluster.protocol.data.Schema;
import io.dolphincluster.protocol.query.Aggregate;
import io.dolphincluster.protocol.query.Filter;
import io.dolphincluster.protocol.query.Query;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;

/** One example of every message type, with every column type and value kind. */
final class SampleMessages {
    static final Schema SCHEMA =
            Schema.of(
                    new Column("ok", ColumnType.BOOL),
                    new Column("qty", ColumnType.INT),
                    new Column("id", ColumnType.LONG),
                    new Column("price", ColumnType.DOUBLE),
                    new Column("sym", ColumnType.SYMBOL),
                    new Column("note", ColumnType.STRING),
                    new Column("day", ColumnType.DATE),
                    new Column("ts", ColumnType.TIMESTAMP));
    static final RowBatch ROWS =
            new RowBatch(
                    SCHEMA,
                    List.of(
                            List.of(
                                    true,
                                    3,
                                    7L,
                                    1.5,
                                    "AAPL",
                                    "héllo ✓",
                                    LocalDate.of(2024, 1, 2),
                                    Instant.ofEpochMilli(1_700_000_000_123L)),
                            Arrays.asList(null, null, null, null, null, null, null, null)));
    static final Query QUERY =
            Query.from("dfs://trades", "t")
                    .where("day", Filter.Op.GE, "2024-01-01")
                    .where("qty", Filter.Op.LT, 10)
                    .where("id", Filter.Op.NE, 5L)
                    .aggregate(Aggregate.Fn.SUM, "price")
                    .aggregate(Aggregate.Fn.COUNT, null)
                    .groupBy("sym")
                    .limit(10);

    private SampleMessages() {}

    static List<Message> all() {
        return List.of(
                new Login("admin", "123456"),
                new LoginOk(),
                new ErrorReply(ErrorCode.AUTH, "wrong password", false),
                new Ok(),
                new GetActiveMaster(),
                new ActiveMaster("controller1"),
                new GetSites(),
                new Sites(List.of("127.0.0.1:8921:datanode1", "127.0.0.2:8921:datanode2")),
                new CreateDatabase("dfs://trades", "VALUE"),
                new CreateTable("dfs://trades", "t", SCHEMA, "day"),
                new Drop("dfs://trades", "t"),
                Drop.database("dfs://trades"),
                new Append("dfs://trades", "t", "w-1", ROWS),
                new AppendOk(2),
                new RunQuery(QUERY),
                new RunQuery(Query.from("d", "t").select("a")),
                new QueryResult(ROWS),
                new ReplicaWrite(
                        "c1", "w-1", io.dolphincluster.protocol.data.RowBatchCodec.encode(ROWS)),
                new ReplicaAppend(
                        "datanode1",
                        "c1",
                        3,
                        List.of(new ChunkRecord(4, "w-1", new byte[] {1, 2, 3}))),
                new ReplicaAck(4, -77L),
                new ChunkFetch("c1", 3),
                new ChunkRecords(
                        9,
                        12345L,
                        List.of(
                                new ChunkRecord(1, "w-1", new byte[] {9}),
                                new ChunkRecord(2, "w-2", new byte[0]))),
                new ChunkCatchUp("c1", "datanode2", 7, 99L),
                new ChunkQuery("c1", QUERY));
    }
}
