package io.dolphincluster.runtime.query;

import io.dolphincluster.protocol.data.Column;
import io.dolphincluster.protocol.data.ColumnType;
import io.dolphincluster.protocol.data.Schema;
import io.dolphincluster.protocol.query.Aggregate;
import java.util.List;

/**
 * An {@link Aggregate} checked against a schema, with the columns of its partial state and of its
 * result.
 */
record BoundAggregate(Aggregate aggregate, int column, ColumnType inputType) {

    /**
     * Binds {@code aggregate}; an unknown column, or SUM/AVG of a non-numeric one, is a clear
     * error.
     */
    static BoundAggregate bind(Schema schema, Aggregate aggregate) {
        if (aggregate.column() == null) return new BoundAggregate(aggregate, -1, null);
        int column;
        try {
            column = schema.indexOf(aggregate.column());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(aggregate.fn() + ": " + e.getMessage());
        }
        ColumnType type = schema.column(column).type();
        Aggregate.Fn fn = aggregate.fn();
        if ((fn == Aggregate.Fn.SUM || fn == Aggregate.Fn.AVG) && !type.isNumeric()) {
            throw new IllegalArgumentException(
                    fn
                            + " needs a numeric column (INT, LONG or DOUBLE), but '"
                            + aggregate.column()
                            + "' is "
                            + type);
        }
        return new BoundAggregate(aggregate, column, type);
    }

    /**
     * The value to feed the state from {@code row}: the column's value, or a marker for COUNT(*).
     */
    Object input(List<Object> row) {
        return column < 0 ? Boolean.TRUE : row.get(column);
    }

    private ColumnType sumType() {
        return inputType == ColumnType.DOUBLE ? ColumnType.DOUBLE : ColumnType.LONG;
    }

    List<Column> stateColumns() {
        String name = aggregate.resultName();
        switch (aggregate.fn()) {
            case COUNT:
                return List.of(new Column(name, ColumnType.LONG));
            case SUM:
                return List.of(new Column(name, sumType()));
            case MIN:
            case MAX:
                return List.of(new Column(name, inputType));
            case AVG:
                return List.of(
                        new Column(name + ".sum", sumType()),
                        new Column(name + ".count", ColumnType.LONG));
            default:
                throw new IllegalStateException("unknown aggregate " + aggregate.fn());
        }
    }

    Column resultColumn() {
        String name = aggregate.resultName();
        switch (aggregate.fn()) {
            case COUNT:
                return new Column(name, ColumnType.LONG);
            case SUM:
                return new Column(name, sumType());
            case MIN:
            case MAX:
                return new Column(name, inputType);
            case AVG:
                return new Column(name, ColumnType.DOUBLE);
            default:
                throw new IllegalStateException("unknown aggregate " + aggregate.fn());
        }
    }

    AggregateState newState() {
        switch (aggregate.fn()) {
            case COUNT:
                return new AggregateState.Count();
            case SUM:
                return newSum();
            case MIN:
                return new AggregateState.Extreme(-1);
            case MAX:
                return new AggregateState.Extreme(1);
            case AVG:
                return new AggregateState.Average(newSum());
            default:
                throw new IllegalStateException("unknown aggregate " + aggregate.fn());
        }
    }

    private AggregateState newSum() {
        return sumType() == ColumnType.DOUBLE
                ? new AggregateState.DoubleSum()
                : new AggregateState.LongSum(aggregate.column());
    }
}
