package io.dolphincluster.runtime.config;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * Turns the text of one config value into a typed value, or says what it expected.
 *
 * @param expected human words for what a good value looks like, used in {@link ConfigProblem}
 */
public record ValueParser<T>(String expected, Function<String, T> parse) {

    /**
     * Parses {@code text}, throwing {@link IllegalArgumentException} whose message is {@link
     * #expected()} on failure.
     */
    public T apply(String text) {
        try {
            return parse.apply(text);
        } catch (IllegalArgumentException e) {
            String detail = e.getMessage();
            boolean specific =
                    detail != null
                            && !detail.isBlank()
                            && !detail.equals(expected)
                            && !(e instanceof NumberFormatException);
            throw new IllegalArgumentException(
                    specific ? expected + " (" + detail + ")" : expected, e);
        }
    }

    public static ValueParser<Integer> integer(int min, int max) {
        return new ValueParser<>(
                "an integer from " + min + " to " + max,
                text -> {
                    int value = Integer.parseInt(text);
                    if (value < min || value > max) throw new IllegalArgumentException();
                    return value;
                });
    }

    public static ValueParser<Double> positiveNumber() {
        return new ValueParser<>(
                "a positive number",
                text -> {
                    double value = Double.parseDouble(text);
                    if (!(value > 0) || Double.isInfinite(value))
                        throw new IllegalArgumentException();
                    return value;
                });
    }

    public static ValueParser<String> oneOf(String... choices) {
        return new ValueParser<>(
                "one of " + String.join(", ", choices),
                text -> {
                    for (String choice : choices) {
                        if (choice.equalsIgnoreCase(text)) return choice;
                    }
                    throw new IllegalArgumentException();
                });
    }

    public static ValueParser<Boolean> bool() {
        return new ValueParser<>(
                "true or false",
                text -> {
                    if (text.equalsIgnoreCase("true") || text.equals("1")) return true;
                    if (text.equalsIgnoreCase("false") || text.equals("0")) return false;
                    throw new IllegalArgumentException();
                });
    }

    public static ValueParser<String> text() {
        return new ValueParser<>(
                "a value",
                text -> {
                    if (text.isEmpty()) throw new IllegalArgumentException();
                    return text;
                });
    }

    public static ValueParser<Site> site() {
        return new ValueParser<>(Site.FORMAT, Site::parse);
    }

    /** A comma-separated list of {@code host:port:alias:mode}, as in the seed's {@code sites=}. */
    public static ValueParser<List<NodeEntry>> nodeList() {
        return new ValueParser<>(
                "a comma-separated list of " + NodeEntry.FORMAT,
                text -> {
                    List<NodeEntry> entries = new ArrayList<>();
                    for (String item : text.split(",")) {
                        try {
                            entries.add(NodeEntry.parse(item));
                        } catch (IllegalArgumentException e) {
                            throw new IllegalArgumentException(
                                    "item '" + item.strip() + "' is not " + e.getMessage());
                        }
                    }
                    return List.copyOf(entries);
                });
    }
}
