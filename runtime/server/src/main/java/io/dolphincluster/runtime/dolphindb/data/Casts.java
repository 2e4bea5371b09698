package io.dolphincluster.runtime.dolphindb.data;

/**
 * Converting values between types, as DolphinDB's casts and its implicit conversions on insert do:
 * numbers to numbers (a double to an integer rounds; a value out of the target's range is an
 * error), temporal values to temporal values (through the instant: TIMESTAMP to DATE keeps the day,
 * DATE to TIMESTAMP is midnight), integers and temporal values into each other unchanged, anything
 * to STRING/SYMBOL as its text, text to numbers and temporal values by parsing, NULL to the
 * target's null. Anything else is an error naming {@code what}.
 */
public final class Casts {
    private Casts() {}

    public static Vec to(Vec value, DType target, String what) {
        if (value.type() == target) return value;
        if (target == DType.ANY) return keepForm(value, anyVector(value));
        VecBuilder out = new VecBuilder(target, value.size());
        for (int i = 0; i < value.size(); i++) {
            if (value.type() != DType.ANY && value.isNull(i)) {
                addNull(out);
                continue;
            }
            Vec element = value.type() == DType.ANY ? scalarElement(value, i, target, what) : value;
            int at = value.type() == DType.ANY ? 0 : i;
            if (element.isNull(at)) {
                addNull(out);
            } else {
                convert(element, at, out, what);
            }
        }
        return keepForm(value, out.build());
    }

    private static Vec scalarElement(Vec any, int i, DType target, String what) {
        Entity entity = any.entityAt(i);
        if (entity instanceof Vec v && v.isScalar()) return v;
        throw new IllegalArgumentException(
                what + ": cannot convert a " + entity.describe() + " element to " + target);
    }

    private static Vec anyVector(Vec value) {
        VecBuilder out = new VecBuilder(DType.ANY, value.size());
        for (int i = 0; i < value.size(); i++) out.addEntity(value.at(i));
        return out.build();
    }

    private static Vec keepForm(Vec source, Vec converted) {
        return source.form() == Form.VECTOR ? converted : converted.as(source.form());
    }

    private static void addNull(VecBuilder out) {
        switch (out.type().storage()) {
            case LONG -> out.addLong(DType.NULL_LONG);
            case DOUBLE -> out.addDouble(Double.NaN);
            case STRING -> out.addString("");
            case ANY -> out.addEntity(Vec.voidScalar());
            case NONE -> out.add(Vec.voidScalar(), 0);
        }
    }

    private static void convert(Vec source, int i, VecBuilder out, String what) {
        DType from = source.type();
        DType to = out.type();
        switch (to.storage()) {
            case STRING -> out.addString(Formats.element(source, i));
            case DOUBLE -> {
                if (from.isLiteral()) out.addDouble(parseDouble(source.stringAt(i), to, what));
                else if (to == DType.FLOAT) out.addDouble((float) source.doubleAt(i));
                else out.addDouble(source.doubleAt(i));
            }
            case LONG -> out.addLong(toLong(source, i, to, what));
            default -> throw cannot(source, to, what);
        }
    }

    private static long toLong(Vec source, int i, DType to, String what) {
        DType from = source.type();
        if (from.isLiteral()) return parseLong(source.stringAt(i), to, what);
        if (from.isFloating()) {
            if (to.isTemporal()) throw cannot(source, to, what);
            double rounded = Math.round(source.doubleAt(i));
            return checked((long) rounded, to, source, what);
        }
        long value = source.longAt(i);
        if (to == DType.BOOL) return value != 0 ? 1 : 0;
        if (from.isTemporal() && to.isTemporal()) return temporal(from, value, to, source, what);
        return checked(value, to, source, what);
    }

    private static long temporal(DType from, long value, DType to, Vec source, String what) {
        if (Temporal.hasDate(to) && !Temporal.hasDate(from)) throw cannot(source, to, what);
        if (!Temporal.hasTime(to) && !Temporal.hasDate(from)) throw cannot(source, to, what);
        return Temporal.fromEpochNanos(to, Temporal.toEpochNanos(from, value));
    }

    private static long checked(long value, DType to, Vec source, String what) {
        long min;
        long max;
        switch (to.width()) {
            case 1 -> {
                min = Byte.MIN_VALUE + 1;
                max = Byte.MAX_VALUE;
            }
            case 2 -> {
                min = Short.MIN_VALUE + 1;
                max = Short.MAX_VALUE;
            }
            case 4 -> {
                min = Integer.MIN_VALUE + 1;
                max = Integer.MAX_VALUE;
            }
            default -> {
                min = Long.MIN_VALUE + 1;
                max = Long.MAX_VALUE;
            }
        }
        if (value < min || value > max) {
            throw new IllegalArgumentException(
                    what + ": " + Formats.text(source.at(0)) + " is out of the range of " + to);
        }
        return value;
    }

    private static long parseLong(String text, DType to, String what) {
        if (to.isTemporal()) {
            Vec parsed = TemporalLiterals.parse(text.strip());
            if (parsed == null)
                throw new IllegalArgumentException(
                        what + ": '" + text + "' is not a " + to + " value");
            return to(parsed, to, what).longAt(0);
        }
        try {
            return checked(Long.parseLong(text.strip()), to, Vec.ofString(text), what);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(what + ": '" + text + "' is not a " + to + " value");
        }
    }

    private static double parseDouble(String text, DType to, String what) {
        try {
            double value = Double.parseDouble(text.strip());
            return to == DType.FLOAT ? (float) value : value;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(what + ": '" + text + "' is not a " + to + " value");
        }
    }

    private static IllegalArgumentException cannot(Vec source, DType to, String what) {
        return new IllegalArgumentException(
                what + ": cannot convert " + source.type() + " to " + to);
    }
}
