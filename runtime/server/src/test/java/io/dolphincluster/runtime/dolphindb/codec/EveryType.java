package io.dolphincluster.runtime.dolphindb.codec;

import com.xxdb.data.BasicBooleanVector;
import com.xxdb.data.BasicByteVector;
import com.xxdb.data.BasicDateTimeVector;
import com.xxdb.data.BasicDateVector;
import com.xxdb.data.BasicDoubleVector;
import com.xxdb.data.BasicFloatVector;
import com.xxdb.data.BasicIntVector;
import com.xxdb.data.BasicLongVector;
import com.xxdb.data.BasicMinuteVector;
import com.xxdb.data.BasicMonthVector;
import com.xxdb.data.BasicNanoTimeVector;
import com.xxdb.data.BasicNanoTimestampVector;
import com.xxdb.data.BasicSecondVector;
import com.xxdb.data.BasicShortVector;
import com.xxdb.data.BasicStringVector;
import com.xxdb.data.BasicTimeVector;
import com.xxdb.data.BasicTimestampVector;
import io.dolphincluster.runtime.dolphindb.data.DType;
import io.dolphincluster.runtime.dolphindb.data.Vec;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Test data: a vector of every basic type but SYMBOL, three values with a null in the middle, as
 * the client and we hold it.
 */
public final class EveryType {
    private static final long N = DType.NULL_LONG;

    private EveryType() {}

    /**
     * Every basic type: the client's vector (with a null in the middle) and ours, in DolphinDB's
     * type order.
     */
    public static Map<com.xxdb.data.Vector, Vec> cases() {
        Map<com.xxdb.data.Vector, Vec> cases = new LinkedHashMap<>();
        cases.put(
                new BasicBooleanVector(new byte[] {1, Byte.MIN_VALUE, 0}),
                Vec.ofLongs(DType.BOOL, 1, N, 0));
        cases.put(
                new BasicByteVector(new byte[] {97, Byte.MIN_VALUE, -3}),
                Vec.ofLongs(DType.CHAR, 97, N, -3));
        cases.put(
                new BasicShortVector(new short[] {7, Short.MIN_VALUE, -300}),
                Vec.ofLongs(DType.SHORT, 7, N, -300));
        cases.put(
                new BasicIntVector(new int[] {1, Integer.MIN_VALUE, -5}),
                Vec.ofLongs(DType.INT, 1, N, -5));
        cases.put(
                new BasicLongVector(new long[] {1L << 40, Long.MIN_VALUE, -5}),
                Vec.ofLongs(DType.LONG, 1L << 40, N, -5));
        cases.put(
                new BasicDateVector(new int[] {19724, Integer.MIN_VALUE, -1}),
                Vec.ofLongs(DType.DATE, 19724, N, -1));
        cases.put(
                new BasicMonthVector(new int[] {24288, Integer.MIN_VALUE, 0}),
                Vec.ofLongs(DType.MONTH, 24288, N, 0));
        cases.put(
                new BasicTimeVector(new int[] {48610008, Integer.MIN_VALUE, 0}),
                Vec.ofLongs(DType.TIME, 48610008, N, 0));
        cases.put(
                new BasicMinuteVector(new int[] {810, Integer.MIN_VALUE, 0}),
                Vec.ofLongs(DType.MINUTE, 810, N, 0));
        cases.put(
                new BasicSecondVector(new int[] {48610, Integer.MIN_VALUE, 0}),
                Vec.ofLongs(DType.SECOND, 48610, N, 0));
        cases.put(
                new BasicDateTimeVector(new int[] {1704198610, Integer.MIN_VALUE, 0}),
                Vec.ofLongs(DType.DATETIME, 1704198610, N, 0));
        cases.put(
                new BasicTimestampVector(new long[] {1704198610008L, Long.MIN_VALUE, 0}),
                Vec.ofLongs(DType.TIMESTAMP, 1704198610008L, N, 0));
        cases.put(
                new BasicNanoTimeVector(new long[] {48610008007006L, Long.MIN_VALUE, 0}),
                Vec.ofLongs(DType.NANOTIME, 48610008007006L, N, 0));
        cases.put(
                new BasicNanoTimestampVector(new long[] {1704198610008007006L, Long.MIN_VALUE, 0}),
                Vec.ofLongs(DType.NANOTIMESTAMP, 1704198610008007006L, N, 0));
        cases.put(
                new BasicFloatVector(new float[] {1.5f, -Float.MAX_VALUE, -0.25f}),
                Vec.ofDoubles(DType.FLOAT, 1.5, Double.NaN, -0.25));
        cases.put(
                new BasicDoubleVector(new double[] {2.5, -Double.MAX_VALUE, 1e300}),
                Vec.ofDoubles(DType.DOUBLE, 2.5, Double.NaN, 1e300));
        cases.put(
                new BasicStringVector(new String[] {"a", "", "héllo"}),
                Vec.ofStrings(DType.STRING, "a", "", "héllo"));
        return cases;
    }
}
