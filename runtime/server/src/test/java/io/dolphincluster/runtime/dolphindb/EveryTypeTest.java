package io.dolphincluster.runtime.dolphindb;

import static org.assertj.core.api.Assertions.assertThat;

import com.xxdb.DBConnection;
import com.xxdb.data.BasicInt;
import com.xxdb.data.BasicSymbolVector;
import com.xxdb.data.BasicTable;
import com.xxdb.data.Entity;
import com.xxdb.data.Vector;
import io.dolphincluster.runtime.dolphindb.codec.EveryType;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Every type the front end holds, through the official Java API: a {@code BasicTable} with a column
 * of each (a null in each) is inserted with {@code tableInsert} into an in-memory table made by
 * script, and uploaded, and both come back from a {@code select} value by value, with the client's
 * type and null of each column.
 */
class EveryTypeTest {
    private FrontEndFixture fixture;
    private DBConnection conn;

    @BeforeEach
    void start() throws Exception {
        fixture = new FrontEndFixture(Duration.ofSeconds(30));
        conn = fixture.connect();
    }

    @AfterEach
    void stop() {
        conn.close();
        fixture.close();
    }

    /** A column of every type, three rows, a null in the middle row of each. */
    static BasicTable everyType() {
        List<String> names = new ArrayList<>();
        List<Vector> columns = new ArrayList<>();
        for (Vector column : EveryType.cases().keySet()) {
            names.add(typeName(column).toLowerCase());
            columns.add(column);
        }
        names.add("symbol");
        columns.add(new BasicSymbolVector(List.of("IBM", "", "MSFT")));
        return new BasicTable(names, columns);
    }

    /** DolphinDB's name of a client vector's type ({@code DT_BYTE} is CHAR). */
    private static String typeName(Vector column) {
        String name = column.getDataType().name().substring("DT_".length());
        return name.equals("BYTE") ? "CHAR" : name;
    }

    @Test
    void tableInsertIntoAnInMemoryTableOfEveryTypeComesBackValueByValue() throws IOException {
        BasicTable rows = everyType();
        List<String> types = new ArrayList<>();
        for (int c = 0; c < rows.columns(); c++) types.add(typeName(rows.getColumn(c)));
        conn.run(
                "t = table(1:0, `"
                        + String.join("`", names(rows))
                        + ", ["
                        + String.join(", ", types)
                        + "])");
        Entity inserted = conn.run("tableInsert{t}", List.of(rows));
        assertThat(((BasicInt) inserted).getInt()).isEqualTo(3);
        assertSameValues((BasicTable) conn.run("select * from t"), rows);
    }

    @Test
    void anUploadedTableOfEveryTypeComesBackValueByValue() throws IOException {
        BasicTable rows = everyType();
        conn.upload(Map.of("uploaded", rows));
        assertSameValues((BasicTable) conn.run("select * from uploaded"), rows);
        assertThat(conn.run("exec count(*) from uploaded where int > 0").getString())
                .isEqualTo("1");
    }

    private static List<String> names(BasicTable table) {
        List<String> names = new ArrayList<>();
        for (int c = 0; c < table.columns(); c++) names.add(table.getColumnName(c));
        return names;
    }

    static void assertSameValues(BasicTable back, BasicTable expected) {
        assertThat(names(back)).isEqualTo(names(expected));
        assertThat(back.rows()).isEqualTo(expected.rows());
        for (int c = 0; c < expected.columns(); c++) {
            Vector want = expected.getColumn(c);
            Vector got = back.getColumn(c);
            String column = expected.getColumnName(c);
            assertThat(got.getDataType()).as(column).isEqualTo(want.getDataType());
            for (int r = 0; r < expected.rows(); r++) {
                assertThat(got.isNull(r))
                        .as(column + " row " + r + " null")
                        .isEqualTo(want.isNull(r));
                assertThat(got.get(r).getString())
                        .as(column + " row " + r)
                        .isEqualTo(want.get(r).getString());
            }
        }
    }
}
