package io.dolphincluster.runtime.dolphindb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.xxdb.DBConnection;
import com.xxdb.data.BasicBooleanVector;
import com.xxdb.data.BasicDateVector;
import com.xxdb.data.BasicDictionary;
import com.xxdb.data.BasicDoubleVector;
import com.xxdb.data.BasicInt;
import com.xxdb.data.BasicIntVector;
import com.xxdb.data.BasicLong;
import com.xxdb.data.BasicLongVector;
import com.xxdb.data.BasicString;
import com.xxdb.data.BasicStringVector;
import com.xxdb.data.BasicSymbolVector;
import com.xxdb.data.BasicTable;
import com.xxdb.data.BasicTimestampVector;
import com.xxdb.data.Entity;
import com.xxdb.data.Vector;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Creating, filling and querying DFS tables by script through the official client (in-memory
 * cluster behind).
 */
class DfsScriptTest {
    static final String CREATE =
            """
            // the database and table of the examples
            db = database("dfs://demo", VALUE, 2024.01.01..2024.01.03)
            t = table(1:0, `id`flag`qty`volume`price`sym`note`day`ts, [INT, BOOL, INT, LONG, DOUBLE, SYMBOL, STRING, DATE, TIMESTAMP])
            db.createPartitionedTable(t, `trades, `day)
            """;

    private FrontEndFixture fixture;
    private DBConnection conn;

    @BeforeEach
    void start() throws Exception {
        fixture = new FrontEndFixture(Duration.ofSeconds(30));
        conn = fixture.connect();
        conn.run(CREATE);
    }

    @AfterEach
    void stop() {
        conn.close();
        fixture.close();
    }

    /** Six rows of every supported type, with a null of each type in row 2. */
    static BasicTable rows() {
        int n = Integer.MIN_VALUE;
        long l = Long.MIN_VALUE;
        return new BasicTable(
                List.of("id", "flag", "qty", "volume", "price", "sym", "note", "day", "ts"),
                List.<Vector>of(
                        new BasicIntVector(new int[] {1, 2, n, 4, 5, 6}),
                        new BasicBooleanVector(new byte[] {1, 0, Byte.MIN_VALUE, 1, 1, 0}),
                        new BasicIntVector(new int[] {10, 20, n, 40, 50, 60}),
                        new BasicLongVector(new long[] {100, 200, l, 400, 500, 1L << 40}),
                        new BasicDoubleVector(
                                new double[] {1.5, 2.5, -Double.MAX_VALUE, 4.5, 5.5, 6.5}),
                        new BasicSymbolVector(List.of("A", "B", "", "A", "B", "A")),
                        new BasicStringVector(new String[] {"x", "y", "", "w", "v", "u"}),
                        new BasicDateVector(new int[] {19723, 19723, 19724, 19724, 19725, 19725}),
                        new BasicTimestampVector(
                                new long[] {
                                    1704067200001L,
                                    1704067200002L,
                                    l,
                                    1704153600004L,
                                    1704240000005L,
                                    1704240000006L
                                })));
    }

    @Test
    void tableInsertOfEveryTypeComesBackValueByValue() throws IOException {
        Entity inserted =
                conn.run("tableInsert{loadTable('dfs://demo','trades')}", List.of(rows()));
        assertThat(((BasicInt) inserted).getInt()).isEqualTo(6);
        assertRowsInIdOrder(
                (BasicTable)
                        conn.run("select * from loadTable('dfs://demo', 'trades') order by id"));
    }

    /**
     * {@link #rows()} as {@code select * ... order by id} answers them: value by value, each null
     * where it was.
     */
    static void assertRowsInIdOrder(BasicTable back) {
        BasicTable expected = rows();
        assertThat(back.rows()).isEqualTo(6);
        for (int c = 0; c < expected.columns(); c++) {
            Vector column = back.getColumn(expected.getColumnName(c));
            for (int r = 0; r < 6; r++) {
                // order by id puts the null id first: row 2 of the input
                int source = r == 0 ? 2 : r < 3 ? r - 1 : r;
                assertThat(column.get(r).getString())
                        .as(expected.getColumnName(c) + " row " + r)
                        .isEqualTo(expected.getColumn(c).get(source).getString());
                assertThat(column.isNull(r)).isEqualTo(expected.getColumn(c).isNull(source));
            }
        }
    }

    @Test
    void groupByAggregatesOnTheCluster() throws IOException {
        conn.run("tableInsert{loadTable('dfs://demo','trades')}", List.of(rows()));
        BasicTable result =
                (BasicTable)
                        conn.run(
                                "select count(*), sum(qty), avg(price), min(volume), max(ts) from loadTable('dfs://demo','trades') where day >= 2024.01.01 group by sym");
        assertThat(result.getColumnName(0)).isEqualTo("sym");
        assertThat(result.getColumn("sym").getString()).isEqualTo("[,A,B]");
        assertThat(result.getColumn("count").getString()).isEqualTo("[1,3,2]");
        assertThat(result.getColumn("sum_qty").getString()).isEqualTo("[,110,70]");
        assertThat(((BasicDoubleVector) result.getColumn("avg_price")).getDouble(1))
                .isEqualTo((1.5 + 4.5 + 6.5) / 3);
        assertThat(((BasicLongVector) result.getColumn("min_volume")).getLong(1)).isEqualTo(100);
        assertThat(result.getColumn("max_ts").get(2).getString())
                .isEqualTo("2024.01.03T00:00:00.005");
    }

    @Test
    void whereOrderByLimitAndExec() throws IOException {
        conn.run("tableInsert{loadTable('dfs://demo','trades')}", List.of(rows()));
        conn.run("pt = loadTable('dfs://demo', 'trades')");
        BasicTable top =
                (BasicTable)
                        conn.run(
                                "select id, price * 2 as doubled from pt where price > 2, sym = `B or id == 4 order by price desc limit 2");
        assertThat(top.getColumn("id").getString()).isEqualTo("[5,4]");
        assertThat(top.getColumn("doubled").getString()).isEqualTo("[11,9]");
        assertThat(((BasicLong) conn.run("exec count(*) from pt")).getLong()).isEqualTo(6);
        assertThat(conn.run("exec id from pt where day = 2024.01.03 order by id").getString())
                .isEqualTo("[5,6]");
        assertThat(conn.run("select top 1 note from pt where note like 'w%'").getString())
                .contains("w");
        BasicTable firstLast =
                (BasicTable)
                        conn.run("select first(id), last(id) from pt group by day order by day");
        assertThat(firstLast.getColumn("day").rows()).isEqualTo(3);
    }

    @Test
    void insertIntoAndAppendToDfsTables() throws IOException {
        conn.run(
                """
                pt = loadTable("dfs://demo", "trades")
                insert into pt values(7, true, 70, 700l, 7.5, `C, "s", 2024.01.02, 2024.01.02T09:30:00.000)
                extra = table(8 9 as id, [true, false] as flag, 80 90 as qty, 800 900 as volume, 8.5 9.5 as price,
                              symbol(["C", "D"]) as sym, ["p", "q"] as note, [2024.01.01, 2024.01.01] as day,
                              [2024.01.01T00:00:00.000, 2024.01.01T00:00:01.000] as ts)
                append!(pt, extra)
                """);
        assertThat(
                        conn.run("exec id from loadTable('dfs://demo','trades') order by id")
                                .getString())
                .isEqualTo("[7,8,9]");
    }

    @Test
    void schemaDescribesThePartitioning() throws IOException {
        conn.run("tableInsert{loadTable('dfs://demo','trades')}", List.of(rows()));
        BasicDictionary schema =
                (BasicDictionary) conn.run("schema(loadTable(\"dfs://demo\", \"trades\"))");
        assertThat(((BasicString) schema.get(new BasicString("partitionColumnName"))).getString())
                .isEqualTo("day");
        assertThat(((BasicInt) schema.get(new BasicString("partitionType"))).getInt()).isEqualTo(1);
        assertThat(schema.get(new BasicString("partitionSchema")).getString())
                .isEqualTo("[2024.01.01,2024.01.02,2024.01.03]");
        BasicTable colDefs = (BasicTable) schema.get(new BasicString("colDefs"));
        assertThat(((BasicStringVector) colDefs.getColumn("name")).getString(5)).isEqualTo("sym");
        assertThat(((BasicIntVector) colDefs.getColumn("typeInt")).getInt(5)).isEqualTo(17);
    }

    @Test
    void dropTableAndDropDatabaseAsTestsWriteThem() throws IOException {
        conn.run("tableInsert{loadTable('dfs://demo','trades')}", List.of(rows()));
        conn.run("dropTable(database('dfs://demo'), 'trades')");
        assertThat(conn.run("existsTable('dfs://demo', 'trades')").getString()).isEqualTo("false");
        assertThatThrownBy(() -> conn.run("dropTable(database('dfs://demo'), 'trades')"))
                .hasMessageContaining("does not exist");
        conn.run(
                """
                if (existsDatabase("dfs://demo")) {
                    dropDatabase("dfs://demo")
                }
                """);
        assertThat(conn.run("existsDatabase('dfs://demo')").getString()).isEqualTo("false");
        conn.run(CREATE);
        assertThat(
                        ((BasicLong)
                                        conn.run(
                                                "exec count(*) from loadTable('dfs://demo','trades')"))
                                .getLong())
                .isZero();
    }

    @Test
    void aReaderQueriesButCreatesAppendsAndDropsNothing() throws IOException {
        conn.run("tableInsert{loadTable('dfs://demo','trades')}", List.of(rows()));
        DBConnection reader = new DBConnection();
        assertThat(reader.connect("127.0.0.1", fixture.port(), "reader", "reader-pw")).isTrue();
        try {
            assertThat(
                            ((BasicLong)
                                            reader.run(
                                                    "exec count(*) from loadTable('dfs://demo','trades')"))
                                    .getLong())
                    .isEqualTo(6);
            assertThatThrownBy(
                            () ->
                                    reader.run(
                                            "tableInsert{loadTable('dfs://demo','trades')}",
                                            List.of(rows())))
                    .hasMessageContaining(
                            "<NoPrivilege>Not granted to append to dfs://demo/trades: user reader may only read");
            assertThatThrownBy(() -> reader.run("database('dfs://other', VALUE, 1..3)"))
                    .hasMessageContaining("<NoPrivilege>");
            assertThatThrownBy(() -> reader.run(CREATE)).hasMessageContaining("<NoPrivilege>");
            assertThatThrownBy(() -> reader.run("dropTable(database('dfs://demo'), 'trades')"))
                    .hasMessageContaining("<NoPrivilege>");
            assertThatThrownBy(() -> reader.run("dropDatabase('dfs://demo')"))
                    .hasMessageContaining("<NoPrivilege>");
            assertThat(
                            ((BasicLong)
                                            conn.run(
                                                    "exec count(*) from loadTable('dfs://demo','trades')"))
                                    .getLong())
                    .isEqualTo(6);
            assertThat(conn.run("existsDatabase('dfs://other')").getString()).isEqualTo("false");
        } finally {
            reader.close();
        }
    }

    @Test
    void existenceChecksAndErrorsNameTheProblem() throws IOException {
        assertThat(conn.run("existsDatabase('dfs://demo')").getString()).isEqualTo("true");
        assertThat(conn.run("existsTable('dfs://demo', 'trades')").getString()).isEqualTo("true");
        assertThat(conn.run("existsTable('dfs://demo', 'nope')").getString()).isEqualTo("false");
        assertThatThrownBy(() -> conn.run("loadTable('dfs://demo', 'nope')"))
                .hasMessageContaining("does not exist");
        assertThatThrownBy(() -> conn.run("database('dfs://c', COMPO, [1, 2])"))
                .hasMessageContaining("COMPO");
        assertThatThrownBy(
                        () ->
                                conn.run(
                                        "t2 = table(1:0, `a`b, [INT, FLOAT])\ndatabase('dfs://demo').createPartitionedTable(t2, `f, `a)"))
                .hasMessageContaining("FLOAT");
    }
}
