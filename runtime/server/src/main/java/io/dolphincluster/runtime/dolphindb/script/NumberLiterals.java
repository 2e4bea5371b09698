package io.dolphincluster.runtime.dolphindb.script;

import io.dolphincluster.runtime.dolphindb.data.DType;
import io.dolphincluster.runtime.dolphindb.data.Vec;

/**
 * Numeric literals: {@code 42} INT (LONG when it does not fit), {@code 4.2} DOUBLE, and the
 * suffixes b c h i l f.
 */
final class NumberLiterals {
    private NumberLiterals() {}

    static Vec parse(String literal, int line) {
        char last = literal.charAt(literal.length() - 1);
        String digits =
                Character.isLetter(last) && last != 'e' && last != 'E'
                        ? literal.substring(0, literal.length() - 1)
                        : literal;
        boolean integral = digits.chars().allMatch(Character::isDigit);
        try {
            if (digits.length() < literal.length()) return suffixed(last, digits, integral, line);
            if (integral) {
                long value = Long.parseLong(digits);
                return value <= Integer.MAX_VALUE ? Vec.ofInt((int) value) : Vec.ofLong(value);
            }
            return Vec.ofDouble(Double.parseDouble(digits));
        } catch (NumberFormatException e) {
            throw ScriptException.syntax(line, "'" + literal + "' is not a valid number");
        }
    }

    private static Vec suffixed(char suffix, String digits, boolean integral, int line) {
        if (suffix == 'f') return Vec.scalar(DType.FLOAT, (double) Float.parseFloat(digits));
        if (suffix == 'F') return Vec.ofDouble(Double.parseDouble(digits));
        if (!integral)
            throw ScriptException.syntax(line, "'" + digits + suffix + "' is not a valid number");
        long value = Long.parseLong(digits);
        DType type =
                switch (suffix) {
                    case 'b' -> DType.BOOL;
                    case 'c' -> DType.CHAR;
                    case 'h' -> DType.SHORT;
                    case 'i' -> DType.INT;
                    default -> DType.LONG;
                };
        long max =
                switch (type) {
                    case BOOL -> 1;
                    case CHAR -> Byte.MAX_VALUE;
                    case SHORT -> Short.MAX_VALUE;
                    case INT -> Integer.MAX_VALUE;
                    default -> Long.MAX_VALUE;
                };
        if (value > max)
            throw ScriptException.syntax(
                    line, "'" + digits + suffix + "' is out of the range of " + type);
        return Vec.scalar(type, value);
    }
}
