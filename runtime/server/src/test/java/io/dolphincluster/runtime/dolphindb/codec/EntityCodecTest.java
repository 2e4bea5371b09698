package io.dolphincluster.runtime.dolphindb.codec;

import static io.dolphincluster.runtime.dolphindb.codec.OfficialClient.bytesOf;
import static io.dolphincluster.runtime.dolphindb.codec.OfficialClient.ours;
import static io.dolphincluster.runtime.dolphindb.codec.OfficialClient.read;
import static io.dolphincluster.runtime.dolphindb.codec.OfficialClient.readOurs;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.xxdb.data.BasicAnyVector;
import com.xxdb.data.BasicBooleanVector;
import com.xxdb.data.BasicByteVector;
import com.xxdb.data.BasicDateTimeVector;
import com.xxdb.data.BasicDateVector;
import com.xxdb.data.BasicDictionary;
import com.xxdb.data.BasicDoubleVector;
import com.xxdb.data.BasicFloatVector;
import com.xxdb.data.BasicInt;
import com.xxdb.data.BasicIntVector;
import com.xxdb.data.BasicLongVector;
import com.xxdb.data.BasicMinuteVector;
import com.xxdb.data.BasicMonthVector;
import com.xxdb.data.BasicNanoTimeVector;
import com.xxdb.data.BasicNanoTimestampVector;
import com.xxdb.data.BasicSecondVector;
import com.xxdb.data.BasicShortVector;
import com.xxdb.data.BasicString;
import com.xxdb.data.BasicStringVector;
import com.xxdb.data.BasicSymbolVector;
import com.xxdb.data.BasicTable;
import com.xxdb.data.BasicTimeVector;
import com.xxdb.data.BasicTimestampVector;
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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Our codec against the official Java API's: same bytes for scalars and vectors, and each reads the other's. */
class EntityCodecTest {
    private static final long N = DType.NULL_LONG;

    /** Every basic type: the client's vector (with a null in the middle) and ours. */
    static Map<com.xxdb.data.Vector, Vec> everyType() {
        Map<com.xxdb.data.Vector, Vec> cases = new LinkedHashMap<>();
        cases.put(new BasicBooleanVector(new byte[] {1, Byte.MIN_VALUE, 0}), Vec.ofLongs(DType.BOOL, 1, N, 0));
        cases.put(new BasicByteVector(new byte[] {97, Byte.MIN_VALUE, -3}), Vec.ofLongs(DType.CHAR, 97, N, -3));
        cases.put(new BasicShortVector(new short[] {7, Short.MIN_VALUE, -300}), Vec.ofLongs(DType.SHORT, 7, N, -300));
        cases.put(new BasicIntVector(new int[] {1, Integer.MIN_VALUE, -5}), Vec.ofLongs(DType.INT, 1, N, -5));
        cases.put(new BasicLongVector(new long[] {1L << 40, Long.MIN_VALUE, -5}), Vec.ofLongs(DType.LONG, 1L << 40, N, -5));
        cases.put(new BasicDateVector(new int[] {19724, Integer.MIN_VALUE, -1}), Vec.ofLongs(DType.DATE, 19724, N, -1));
        cases.put(new BasicMonthVector(new int[] {24288, Integer.MIN_VALUE, 0}), Vec.ofLongs(DType.MONTH, 24288, N, 0));
        cases.put(new BasicTimeVector(new int[] {48610008, Integer.MIN_VALUE, 0}), Vec.ofLongs(DType.TIME, 48610008, N, 0));
        cases.put(new BasicMinuteVector(new int[] {810, Integer.MIN_VALUE, 0}), Vec.ofLongs(DType.MINUTE, 810, N, 0));
        cases.put(new BasicSecondVector(new int[] {48610, Integer.MIN_VALUE, 0}), Vec.ofLongs(DType.SECOND, 48610, N, 0));
        cases.put(new BasicDateTimeVector(new int[] {1704198610, Integer.MIN_VALUE, 0}), Vec.ofLongs(DType.DATETIME, 1704198610, N, 0));
        cases.put(new BasicTimestampVector(new long[] {1704198610008L, Long.MIN_VALUE, 0}), Vec.ofLongs(DType.TIMESTAMP, 1704198610008L, N, 0));
        cases.put(new BasicNanoTimeVector(new long[] {48610008007006L, Long.MIN_VALUE, 0}), Vec.ofLongs(DType.NANOTIME, 48610008007006L, N, 0));
        cases.put(new BasicNanoTimestampVector(new long[] {1704198610008007006L, Long.MIN_VALUE, 0}),
                Vec.ofLongs(DType.NANOTIMESTAMP, 1704198610008007006L, N, 0));
        cases.put(new BasicFloatVector(new float[] {1.5f, -Float.MAX_VALUE, -0.25f}), Vec.ofDoubles(DType.FLOAT, 1.5, Double.NaN, -0.25));
        cases.put(new BasicDoubleVector(new double[] {2.5, -Double.MAX_VALUE, 1e300}), Vec.ofDoubles(DType.DOUBLE, 2.5, Double.NaN, 1e300));
        cases.put(new BasicStringVector(new String[] {"a", "", "héllo"}), Vec.ofStrings(DType.STRING, "a", "", "héllo"));
        return cases;
    }

    @Test
    void scalarsAndVectorsOfEveryTypeAreTheClientsBytes() {
        everyType().forEach((client, vec) -> {
            assertThat(ours(vec)).as(vec.describe()).isEqualTo(bytesOf(client));
            for (int i = 0; i < vec.size(); i++) {
                Scalar scalar = (Scalar) client.get(i);
                assertThat(ours(vec.at(i))).as(vec.type() + " scalar " + i).isEqualTo(bytesOf(scalar));
                assertThat(scalar.isNull()).isEqualTo(vec.isNull(i));
            }
        });
    }

    @Test
    void weReadTheClientsScalarsAndVectorsWithTheirNulls() throws Exception {
        for (Map.Entry<com.xxdb.data.Vector, Vec> entry : everyType().entrySet()) {
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
        for (com.xxdb.data.Vector column : everyType().keySet()) {
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
        for (Vec expected : everyType().values()) assertSameElements(table.column(i++), expected);
        assertSameElements(table.column("sym"), Vec.ofStrings(DType.SYMBOL, "IBM", "", "IBM"));
        assertSameElements(table.column("sym2"), Vec.ofStrings(DType.SYMBOL, "A", "B", "A"));

        BasicTable back = (BasicTable) read(ours(table));
        assertThat(back.rows()).isEqualTo(3);
        for (int col = 0; col < names.size(); col++) {
            assertThat(back.getColumnName(col)).isEqualTo(names.get(col));
            assertThat(back.getColumn(col).getDataType()).isEqualTo(clientTable.getColumn(col).getDataType());
            assertThat(back.getColumn(col).getString()).as(names.get(col)).isEqualTo(clientTable.getColumn(col).getString());
        }
        assertThat(back.getColumn("sym")).isInstanceOf(BasicSymbolVector.class);
    }

    @Test
    void pairsDictionariesAndAnyVectorsReachTheClient() throws Exception {
        com.xxdb.data.Vector pair = (com.xxdb.data.Vector) read(ours(Vec.ofLongs(DType.INT, 1, 5).as(Form.PAIR)));
        assertThat(pair.getDataForm()).isEqualTo(com.xxdb.data.Entity.DATA_FORM.DF_PAIR);
        assertThat(pair.rows()).isEqualTo(2);

        Dict dict = new Dict(DType.STRING).put("n", Vec.ofInt(3)).put("names", Vec.ofStrings(DType.STRING, "a", "b"));
        BasicDictionary clientDict = (BasicDictionary) read(ours(dict));
        assertThat(((BasicInt) clientDict.get(new BasicString("n"))).getInt()).isEqualTo(3);
        assertThat(clientDict.get(new BasicString("names")).getString()).isEqualTo("[a,b]");

        Dict typed = new Dict(DType.INT).put(Vec.ofInt(1), Vec.ofDouble(0.5));
        BasicDictionary clientTyped = (BasicDictionary) read(ours(typed));
        assertThat(clientTyped.getDataType()).isEqualTo(com.xxdb.data.Entity.DATA_TYPE.DT_DOUBLE);

        BasicAnyVector any = (BasicAnyVector) read(ours(Vec.ofAny(Vec.ofInt(1), Vec.ofStrings(DType.SYMBOL, "x", "y"), Vec.voidScalar())));
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

        BasicDictionary dict = new BasicDictionary(com.xxdb.data.Entity.DATA_TYPE.DT_STRING, com.xxdb.data.Entity.DATA_TYPE.DT_INT);
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
        assertThatThrownBy(() -> readOurs(new byte[] {4, 3, 1, 0, 0, 0})).isInstanceOf(MalformedObjectException.class)
                .hasMessageContaining("form 3");
        assertThatThrownBy(() -> readOurs(new byte[] {4, 1, -1, -1, -1, -1, 1, 0, 0, 0})).isInstanceOf(MalformedObjectException.class);
    }

    static void assertSameElements(Vec actual, Vec expected) {
        assertThat(actual.type()).isEqualTo(expected.type());
        assertThat(actual.size()).isEqualTo(expected.size());
        for (int i = 0; i < expected.size(); i++) {
            assertThat(actual.isNull(i)).as(expected.type() + " null at " + i).isEqualTo(expected.isNull(i));
            assertThat(actual.at(i).toString()).isEqualTo(expected.at(i).toString());
        }
    }
}
