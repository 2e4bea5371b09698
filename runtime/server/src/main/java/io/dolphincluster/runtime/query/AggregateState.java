package io.dolphincluster.runtime.query;

import java.util.List;

/**
 * The running state of one aggregate over one group. It is fed row values ({@link #add}) on a
 * chunk, written as partial-state cells ({@link #writeState}), combined with other chunks' cells
 * ({@link #mergeState}) on the coordinator, and finally gives the aggregate's value ({@link
 * #result}).
 */
abstract class AggregateState {

    /**
     * Adds one row's value of the aggregate's column (null = missing; COUNT(*) is fed a non-null
     * marker).
     */
    abstract void add(Object value);

    /**
     * Adds the partial-state cells at {@code row[offset...]} that {@link #writeState} wrote
     * elsewhere.
     */
    abstract void mergeState(List<Object> row, int offset);

    /** Appends this state's cells (as many as its aggregate has state columns). */
    abstract void writeState(List<Object> out);

    /**
     * The aggregate's final value; null when there was nothing to aggregate (except for COUNT,
     * which is 0).
     */
    abstract Object result();

    static final class Count extends AggregateState {
        private long count;

        @Override
        void add(Object value) {
            if (value != null) count++;
        }

        @Override
        void mergeState(List<Object> row, int offset) {
            Object partial = row.get(offset);
            if (partial != null) count += (Long) partial;
        }

        @Override
        void writeState(List<Object> out) {
            out.add(count);
        }

        long count() {
            return count;
        }

        @Override
        Object result() {
            return count;
        }
    }

    /**
     * An exact LONG sum of INT or LONG values; overflowing a LONG is an error, not a wrong answer.
     */
    static final class LongSum extends AggregateState {
        private final String column;
        private Long sum;

        LongSum(String column) {
            this.column = column;
        }

        @Override
        void add(Object value) {
            if (value != null) plus(((Number) value).longValue());
        }

        @Override
        void mergeState(List<Object> row, int offset) {
            Object partial = row.get(offset);
            if (partial != null) plus((Long) partial);
        }

        private void plus(long value) {
            try {
                sum = sum == null ? value : Math.addExact(sum, value);
            } catch (ArithmeticException e) {
                throw new IllegalArgumentException("the sum of '" + column + "' overflows a LONG");
            }
        }

        @Override
        void writeState(List<Object> out) {
            out.add(sum);
        }

        @Override
        Object result() {
            return sum;
        }
    }

    static final class DoubleSum extends AggregateState {
        private boolean any;
        private double sum;

        @Override
        void add(Object value) {
            if (value != null) plus((Double) value);
        }

        @Override
        void mergeState(List<Object> row, int offset) {
            Object partial = row.get(offset);
            if (partial != null) plus((Double) partial);
        }

        private void plus(double value) {
            sum += value;
            any = true;
        }

        @Override
        void writeState(List<Object> out) {
            out.add(any ? sum : null);
        }

        @Override
        Object result() {
            return any ? sum : null;
        }
    }

    /** MIN (sign -1) or MAX (sign 1) in the column's natural order. */
    static final class Extreme extends AggregateState {
        private final int sign;
        private Object best;

        Extreme(int sign) {
            this.sign = sign;
        }

        @Override
        void add(Object value) {
            if (value != null
                    && (best == null || Integer.signum(ValueOrder.compare(value, best)) == sign))
                best = value;
        }

        @Override
        void mergeState(List<Object> row, int offset) {
            add(row.get(offset));
        }

        @Override
        void writeState(List<Object> out) {
            out.add(best);
        }

        @Override
        Object result() {
            return best;
        }
    }

    /**
     * AVG as a sum (LONG or DOUBLE, as SUM) and a count of values; the result is sum / count as a
     * DOUBLE.
     */
    static final class Average extends AggregateState {
        private final AggregateState sum;
        private final Count count = new Count();

        Average(AggregateState sum) {
            this.sum = sum;
        }

        @Override
        void add(Object value) {
            sum.add(value);
            count.add(value);
        }

        @Override
        void mergeState(List<Object> row, int offset) {
            sum.mergeState(row, offset);
            count.mergeState(row, offset + 1);
        }

        @Override
        void writeState(List<Object> out) {
            sum.writeState(out);
            count.writeState(out);
        }

        @Override
        Object result() {
            Object total = sum.result();
            return total == null || count.count() == 0
                    ? null
                    : ((Number) total).doubleValue() / count.count();
        }
    }
}
