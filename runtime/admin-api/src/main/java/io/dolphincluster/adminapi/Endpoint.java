package io.dolphincluster.adminapi;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * One route of the admin API: its HTTP method and its path pattern, such as {@code DELETE
 * /api/admin/members/{alias}}. The server matches requests against {@link #pattern()}; a client
 * asks for {@link #path(String...)}, the pattern with its parameters filled in.
 */
public record Endpoint(String method, String pattern) {

    public Endpoint {
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(pattern, "pattern");
    }

    /**
     * The path with each {@code {name}} of the pattern replaced, in order, by one of {@code
     * values}, percent-encoded (UTF-8; a space is {@code %20}, a {@code /} stays inside its
     * parameter).
     *
     * @throws IllegalArgumentException when the number of values is not the number of parameters
     */
    public String path(String... values) {
        StringBuilder path = new StringBuilder();
        int used = 0;
        int from = 0;
        while (true) {
            int open = pattern.indexOf('{', from);
            if (open < 0) break;
            int close = pattern.indexOf('}', open);
            if (used == values.length) throw wrongCount(values.length);
            path.append(pattern, from, open).append(encode(values[used++]));
            from = close + 1;
        }
        if (used != values.length) throw wrongCount(values.length);
        return path.append(pattern, from, pattern.length()).toString();
    }

    /** {@link #path(String...)} followed by {@code ?name=value}, the value percent-encoded. */
    public String pathWithQuery(String name, String value, String... values) {
        return path(values) + "?" + name + "=" + encode(value);
    }

    private IllegalArgumentException wrongCount(int given) {
        return new IllegalArgumentException(
                method + " " + pattern + ": " + given + " values for its parameters");
    }

    /** A path segment or query value, percent-encoded in UTF-8. */
    public static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }

    @Override
    public String toString() {
        return method + " " + pattern;
    }
}
