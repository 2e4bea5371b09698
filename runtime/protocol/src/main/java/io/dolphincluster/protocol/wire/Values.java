package io.dolphincluster.protocol.wire;

import java.time.Instant;
import java.time.LocalDate;

/**
 * Writes and reads single typed values (filter constants, row cells) as {@code [byte tag][value]}:
 * null, boolean, int, long, double, string, date (epoch day), timestamp (epoch millis). Other
 * classes are refused on write.
 */
final class Values {
    private static final int NULL = 0,
            BOOL = 1,
            INT = 2,
            LONG = 3,
            DOUBLE = 4,
            STRING = 5,
            DATE = 6,
            TIMESTAMP = 7;

    private Values() {}

    static void write(PayloadWriter out, Object value) {
        if (value == null) out.writeByte(NULL);
        else if (value instanceof Boolean) out.writeByte(BOOL).writeBoolean((Boolean) value);
        else if (value instanceof Integer || value instanceof Short || value instanceof Byte)
            out.writeByte(INT).writeInt(((Number) value).intValue());
        else if (value instanceof Long) out.writeByte(LONG).writeLong((Long) value);
        else if (value instanceof Double || value instanceof Float)
            out.writeByte(DOUBLE).writeDouble(((Number) value).doubleValue());
        else if (value instanceof String) out.writeByte(STRING).writeString((String) value);
        else if (value instanceof LocalDate)
            out.writeByte(DATE).writeLong(((LocalDate) value).toEpochDay());
        else if (value instanceof Instant)
            out.writeByte(TIMESTAMP).writeLong(((Instant) value).toEpochMilli());
        else
            throw new IllegalArgumentException(
                    "cannot send a value of class " + value.getClass().getName() + ": " + value);
    }

    static Object read(PayloadReader in) {
        int tag = in.readByte();
        try {
            switch (tag) {
                case NULL:
                    return null;
                case BOOL:
                    return in.readBoolean();
                case INT:
                    return in.readInt();
                case LONG:
                    return in.readLong();
                case DOUBLE:
                    return in.readDouble();
                case STRING:
                    return in.readRequiredString("a string value");
                case DATE:
                    return LocalDate.ofEpochDay(in.readLong());
                case TIMESTAMP:
                    return Instant.ofEpochMilli(in.readLong());
                default:
                    throw new MalformedFrameException("unknown value tag " + tag);
            }
        } catch (java.time.DateTimeException e) {
            throw new MalformedFrameException("a date or timestamp is out of range", e);
        }
    }
}
