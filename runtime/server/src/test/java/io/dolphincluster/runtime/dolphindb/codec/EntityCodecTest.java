package io.dolphincluster.runtime.dolphindb.codec;

import static io.dolphincluster.runtime.dolphindb.codec.OfficialClient.bytesOf;
import static io.dolphincluster.runtime.dolphindb.codec.OfficialClient.ours;
import static io.dolphincluster.runtime.dolphindb.codec.OfficialClient.read;
import static io.dolphincluster.runtime.dolphindb.codec.OfficialClient.readOurs;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.xxdb.data.BasicAnyVector;
import com.xxdb.data.BasicDictionary;
import com.xxdb.data.BasicInt;
import com.xxdb.data.BasicString;
import com.xxdb.data.BasicStringVector;
import com.xxdb.data.BasicSymbolVector;
import com.xxdb.data.BasicTable;
import com.xxdb.data.BasicUuid;
import com.xxdb.data.Scalar;
import io.dolphincluster.runtime.dolphindb.data.DType;
import io.dolphincluster.runtime.dolphindb.data.Dict;
import io.dolphincluster.runtime.dolphindb.data.Entity;
import io.dolphincluster.runtime.dolphindb.data.Form;
import io.dolphincluster.runtime.dolphindb.data.Table;
import io.dolphincluster.runtime.dolphindb.data.Unsupported;
import io.dolphincluster.runtime.dolphindb.data.Vec;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Our codec against the official Java API's: same bytes for scalars and vectors, and each reads the
 * other's.
 */
class EntityCodecTest {
    @Test
    void scalarsAndVectorsOfEveryTypeAreTheClientsBytes() {
        EveryType.cases()
                .forEach(
                        (client, vec) -> {
                            assertThat(ours(vec)).as(vec.describe()).isEqualTo(bytesOf(client));
                            for (int i = 0; i < vec.size(); i++) {
                                Scalar scalar = (Scalar) client.get(i);
                                assertThat(ours(vec.at(i)))
                                        .as(vec.type() + " scalar " + i)
                                        .isEqualTo(bytesOf(scalar));
                                assertThat(scalar.isNull()).isEqualTo(vec.isNull(i));
                            }
                        });
    }

    @Test
    void weReadTheClientsScalarsAndVectorsWithTheirNulls() throws Exception {
        for (Map.Entry<com.xxdb.data.Vector, Vec> entry : EveryType.cases().entrySet()) {
            Vec expected = entry.getValue();
            Vec read = (Vec) readOurs(bytesOf(entry.getKey()));
            assertSameElements(read, expected);
            for (int i = 0; i < expected.size(); i++) {
                Vec scalar = (Vec) readOurs(bytesOf((Scalar) entry.getKey().get(i)));
                assertThat(scalar.isScalar()).isTrue();
                assertSameElements(scalar, expected.at(i));
            }
        }
    }

    @Test
    void aTableOfEveryTypeGoesBothWays() throws Exception {
        List<String> names = new ArrayList<>();
        List<com.xxdb.data.Vector> columns = new ArrayList<>();
        int c = 0;
        for (com.xxdb.data.Vector column : EveryType.cases().keySet()) {
            names.add("c" + c++);
            columns.add(column);
        }
        names.add("sym");
        columns.add(new BasicSymbolVector(List.of("IBM", "", "IBM")));
        names.add("sym2");
        columns.add(new BasicSymbolVector(List.of("A", "B", "A")));
        BasicTable clientTable = new BasicTable(names, columns);

        Table table = (Table) readOurs(bytesOf(clientTable));
        assertThat(table.names()).isEqualTo(names);
        assertThat(table.rows()).isEqualTo(3);
        int i = 0;
        for (Vec expected : EveryType.cases().values())
            assertSameElements(table.column(i++), expected);
        assertSameElements(table.column("sym"), Vec.ofStrings(DType.SYMBOL, "IBM", "", "IBM"));
        assertSameElements(table.column("sym2"), Vec.ofStrings(DType.SYMBOL, "A", "B", "A"));

        BasicTable back = (BasicTable) read(ours(table));
        assertThat(back.rows()).isEqualTo(3);
        for (int col = 0; col < names.size(); col++) {
            assertThat(back.getColumnName(col)).isEqualTo(names.get(col));
            assertThat(back.getColumn(col).getDataType())
                    .isEqualTo(clientTable.getColumn(col).getDataType());
            assertThat(back.getColumn(col).getString())
                    .as(names.get(col))
                    .isEqualTo(clientTable.getColumn(col).getString());
        }
        assertThat(back.getColumn("sym")).isInstanceOf(BasicSymbolVector.class);
    }

    @Test
    void pairsDictionariesAndAnyVectorsReachTheClient() throws Exception {
        com.xxdb.data.Vector pair =
                (com.xxdb.data.Vector) read(ours(Vec.ofLongs(DType.INT, 1, 5).as(Form.PAIR)));
        assertThat(pair.getDataForm()).isEqualTo(com.xxdb.data.Entity.DATA_FORM.DF_PAIR);
        assertThat(pair.rows()).isEqualTo(2);

        Dict dict =
                new Dict(DType.STRING)
                        .put("n", Vec.ofInt(3))
                        .put("names", Vec.ofStrings(DType.STRING, "a", "b"));
        BasicDictionary clientDict = (BasicDictionary) read(ours(dict));
        assertThat(((BasicInt) clientDict.get(new BasicString("n"))).getInt()).isEqualTo(3);
        assertThat(clientDict.get(new BasicString("names")).getString()).isEqualTo("[a,b]");

        Dict typed = new Dict(DType.INT).put(Vec.ofInt(1), Vec.ofDouble(0.5));
        BasicDictionary clientTyped = (BasicDictionary) read(ours(typed));
        assertThat(clientTyped.getDataType()).isEqualTo(com.xxdb.data.Entity.DATA_TYPE.DT_DOUBLE);

        BasicAnyVector any =
                (BasicAnyVector)
                        read(
                                ours(
                                        Vec.ofAny(
                                                Vec.ofInt(1),
                                                Vec.ofStrings(DType.SYMBOL, "x", "y"),
                                                Vec.voidScalar())));
        assertThat(any.rows()).isEqualTo(3);
        assertThat(any.getEntity(1).getString()).isEqualTo("[x,y]");
    }

    @Test
    void weReadTheClientsAnyVectorsDictionariesAndPlainSymbolVectors() throws Exception {
        BasicAnyVector any = new BasicAnyVector(2);
        any.setEntity(0, new BasicInt(4));
        any.setEntity(1, new BasicStringVector(new String[] {"p", "q"}));
        Vec read = (Vec) readOurs(bytesOf(any));
        assertThat(read.type()).isEqualTo(DType.ANY);
        assertThat(read.entityAt(1).toString()).isEqualTo("[p,q]");

        BasicDictionary dict =
                new BasicDictionary(
                        com.xxdb.data.Entity.DATA_TYPE.DT_STRING,
                        com.xxdb.data.Entity.DATA_TYPE.DT_INT);
        dict.put(new BasicString("k"), new BasicInt(9));
        Dict ours = (Dict) readOurs(bytesOf(dict));
        assertThat(ours.get(Vec.ofString("k"))).hasToString("9");
    }

    @Test
    void typesWeDoNotHoldAreReadPastAsUnsupported() throws Exception {
        Entity uuid = readOurs(bytesOf(new BasicUuid(1, 2)));
        assertThat(uuid).isInstanceOf(Unsupported.class);
        assertThat(uuid.describe()).contains("UUID");
    }

    @Test
    void theScannerRefusesWhatItCannotSkip() {
        assertThatThrownBy(() -> readOurs(new byte[] {4, 3, 1, 0, 0, 0}))
                .isInstanceOf(MalformedObjectException.class)
                .hasMessageContaining("form 3");
        assertThatThrownBy(() -> readOurs(new byte[] {4, 1, -1, -1, -1, -1, 1, 0, 0, 0}))
                .isInstanceOf(MalformedObjectException.class);
    }

    static void assertSameElements(Vec actual, Vec expected) {
        assertThat(actual.type()).isEqualTo(expected.type());
        assertThat(actual.size()).isEqualTo(expected.size());
        for (int i = 0; i < expected.size(); i++) {
            assertThat(actual.isNull(i))
                    .as(expected.type() + " null at " + i)
                    .isEqualTo(expected.isNull(i));
            assertThat(actual.at(i).toString()).isEqualTo(expected.at(i).toString());
        }
    }
}
