package io.dolphincluster.runtime.dolphindb.script;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dolphincluster.runtime.dolphindb.builtins.Builtins;
import io.dolphincluster.runtime.dolphindb.builtins.RsaKeys;
import io.dolphincluster.runtime.dolphindb.data.DType;
import io.dolphincluster.runtime.dolphindb.data.Entity;
import io.dolphincluster.runtime.dolphindb.data.Form;
import io.dolphincluster.runtime.dolphindb.data.Table;
import io.dolphincluster.runtime.dolphindb.data.Vec;
import io.dolphincluster.runtime.dolphindb.wire.ApiSession;
import org.junit.jupiter.api.Test;

/**
 * The script subset, run directly (no socket): literals, operators, statements, functions,
 * in-memory tables, queries.
 */
class ScriptTest {
    private final TestBackend cluster = new TestBackend();
    private final FunctionRegistry functions =
            Builtins.all(cluster, cluster, (u, p) -> true, new RsaKeys());
    private final Scope globals = new Scope(null);
    private final SharedTables shared = new SharedTables();

    private Entity run(String script) {
        Interpreter interpreter =
                new Interpreter(
                        functions, shared, new RequestInfo(new ApiSession(null), null, 0), globals);
        return interpreter.run(Parser.parse(script));
    }

    private String text(String script) {
        return run(script).toString();
    }

    private DType type(String script) {
        return run(script).type();
    }

    @Test
    void literalsOfEveryType() {
        assertThat(type("true")).isEqualTo(DType.BOOL);
        assertThat(type("'a'")).isEqualTo(DType.CHAR);
        assertThat(type("97c")).isEqualTo(DType.CHAR);
        assertThat(type("122h")).isEqualTo(DType.SHORT);
        assertThat(type("21")).isEqualTo(DType.INT);
        assertThat(type("22l")).isEqualTo(DType.LONG);
        assertThat(type("2013.06.13")).isEqualTo(DType.DATE);
        assertThat(type("2012.06M")).isEqualTo(DType.MONTH);
        assertThat(type("13:30:10.008")).isEqualTo(DType.TIME);
        assertThat(type("13:30m")).isEqualTo(DType.MINUTE);
        assertThat(type("13:30:10")).isEqualTo(DType.SECOND);
        assertThat(type("2012.06.13T13:30:10")).isEqualTo(DType.DATETIME);
        assertThat(type("2012.06.13 13:30:10.008")).isEqualTo(DType.TIMESTAMP);
        assertThat(type("13:30:10.008007006")).isEqualTo(DType.NANOTIME);
        assertThat(type("2012.06.13T13:30:10.008007006")).isEqualTo(DType.NANOTIMESTAMP);
        assertThat(type("2.1f")).isEqualTo(DType.FLOAT);
        assertThat(type("2.1")).isEqualTo(DType.DOUBLE);
        assertThat(type("symbol(`a)")).isEqualTo(DType.SYMBOL);
        assertThat(type("\"hello\"")).isEqualTo(DType.STRING);
        assertThat(type("`hello")).isEqualTo(DType.STRING);
        assertThat(text("2012.06.13T13:30:10.008007006"))
                .isEqualTo("2012.06.13T13:30:10.008007006");
        assertThat(text("NULL")).isEmpty();
    }

    @Test
    void vectorsRangesAndPairs() {
        assertThat(text("1 2 3")).isEqualTo("[1,2,3]");
        assertThat(text("`a`b`c")).isEqualTo("[a,b,c]");
        assertThat(text("2024.01.01..2024.01.03")).isEqualTo("[2024.01.01,2024.01.02,2024.01.03]");
        assertThat(text("[1, 2.5, NULL]")).isEqualTo("[1,2.5,]");
        assertThat(run("1:5").form()).isEqualTo(Form.PAIR);
        assertThat(text("(1, `a, 2.5)")).isEqualTo("[1,a,2.5]");
        assertThat(text("size(1..10)")).isEqualTo("10");
        assertThat(text("take(`a`b, 5)")).isEqualTo("[a,b,a,b,a]");
        assertThat(((Vec) run("rand(10, 100)")).size()).isEqualTo(100);
        assertThat(text("x = 5 6 7\nx[1]")).isEqualTo("6");
    }

    @Test
    void operatorsWithNulls() {
        assertThat(text("1 + 2 * 3")).isEqualTo("7");
        assertThat(text("7 / 2")).isEqualTo("3");
        assertThat(text("7 \\ 2")).isEqualTo("3.5");
        assertThat(text("1 2 3 + 10")).isEqualTo("[11,12,13]");
        assertThat(text("1 NULL 3 * 2")).isEqualTo("[2,,6]");
        assertThat(text("2024.01.31 + 1")).isEqualTo("2024.02.01");
        assertThat(text("\"a\" + \"b\"")).isEqualTo("ab");
        assertThat(text("1 2 3 > 2")).isEqualTo("[false,false,true]");
        assertThat(text("3 in 1 2 3")).isEqualTo("true");
        assertThat(text("5 between 1:5")).isEqualTo("true");
        assertThat(text("1 2 3 $ STRING")).isEqualTo("[1,2,3]");
        assertThat(text("int(2.6)")).isEqualTo("3");
        assertThat(text("date(2024.01.02T10:00:00.000)")).isEqualTo("2024.01.02");
        assertThat(text("isNull(1 NULL 3)")).isEqualTo("[false,true,false]");
    }

    @Test
    void statementsFunctionsAndPartialApplication() {
        assertThat(
                        text(
                                """
                // comments and several statements
                def add(a, b) { return a + b }
                x = 0
                for (i in 1..4) { x = x + i }
                if (x == 10) { y = `ten } else { y = `other }
                y
                """))
                .isEqualTo("ten");
        assertThat(text("def sq(x): x * x\nsq(4)")).isEqualTo("16");
        assertThat(text("def add(a, b) { return a + b }; add{10}(5)")).isEqualTo("15");
        assertThat(text("(def (a, b) { return a - b }){, 1}(10)")).isEqualTo("9");
        assertThat(text("f = add{1}\nf(2)", "def add(a, b): a + b")).isEqualTo("3");
    }

    private String text(String script, String before) {
        run(before);
        return text(script);
    }

    @Test
    void inMemoryTablesAndQueries() {
        run(
                """
                t = table(1:0, `sym`qty`price, [SYMBOL, INT, DOUBLE])
                insert into t values(`A, 10, 1.5)
                insert into t values(`B`A`B, 20 30 40, 2.5 3.5 4.5)
                tableInsert(t, table(`C as sym, 50 as qty, 5.5 as price))
                share t as trades
                """);
        assertThat(text("exec count(*) from trades")).isEqualTo("5");
        Table grouped =
                (Table)
                        run(
                                "select sum(qty), avg(price) as p from t where qty > 10 group by sym order by sym desc");
        assertThat(grouped.names()).containsExactly("sym", "sum_qty", "p");
        assertThat(grouped.column("sym").toString()).isEqualTo("[C,B,A]");
        assertThat(grouped.column("sum_qty").toString()).isEqualTo("[50,60,30]");
        assertThat(text("exec qty from t where sym = `B or price > 5 order by qty limit 1, 2"))
                .isEqualTo("[40,50]");
        assertThat(text("select top 2 * from t").length()).isPositive();
        assertThat(text("exec max(price) from t")).isEqualTo("5.5");
        assertThat(text("schema(t)[`colDefs].name")).isEqualTo("[sym,qty,price]");
        assertThat(text("x = 1 2 3\ny = `a`b`c\ntable(x, y as letter).letter"))
                .isEqualTo("[a,b,c]");
    }

    @Test
    void errorsNameTheConstruct() {
        assertThatThrownBy(() -> run("update t set x = 1"))
                .hasMessage("Not supported by this server: the statement 'update'");
        assertThatThrownBy(() -> run("select * from t context by sym"))
                .hasMessageContaining("'context'");
        assertThatThrownBy(() -> run("nope(1)"))
                .hasMessageContaining("Can't recognize function name nope");
        assertThatThrownBy(() -> run("undefinedVariable + 1"))
                .hasMessageContaining("Cannot recognize the token undefinedVariable");
        assertThatThrownBy(() -> run("1 +")).hasMessageContaining("Syntax Error: [line #1]");
        assertThatThrownBy(() -> run("x = (1, 2")).hasMessageContaining("expected ')'");
        assertThatThrownBy(() -> run("\"open")).hasMessageContaining("not closed");
        assertThatThrownBy(() -> run("1 2 3 + 1 2")).hasMessageContaining("different lengths");
        assertThatThrownBy(() -> run("def f(x) { return f(x) }\nf(1)"))
                .hasMessageContaining("nested");
    }
}
