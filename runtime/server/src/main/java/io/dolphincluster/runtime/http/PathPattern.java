package io.dolphincluster.runtime.http;

import io.netty.handler.codec.http.QueryStringDecoder;
import java.util.HashMap;
import java.util.Map;

/**
 * A route's path pattern, such as {@code /api/admin/members/{alias}}, split into segments once:
 * every request is tried against every route, so matching allocates nothing until a path matches.
 */
final class PathPattern {
    private final String[] segments;

    /** The parameter named by each segment, or null where the segment is literal. */
    private final String[] parameters;

    PathPattern(String pattern) {
        segments = split(pattern);
        parameters = new String[segments.length];
        for (int i = 0; i < segments.length; i++) {
            String s = segments[i];
            if (s.startsWith("{") && s.endsWith("}")) {
                parameters[i] = s.substring(1, s.length() - 1);
            }
        }
    }

    /** The segments of a path, in the form {@link #match} takes. */
    static String[] split(String path) {
        return path.split("/");
    }

    /**
     * The path parameters if {@code rawPath} (split by {@link #split}, still percent-encoded, so an
     * encoded {@code /} stays inside its parameter) matches this pattern, else {@code null}.
     * Parameters are returned decoded.
     */
    Map<String, String> match(String[] rawPath) {
        if (rawPath.length != segments.length) return null;
        for (int i = 0; i < segments.length; i++) {
            if (parameters[i] == null ? !segments[i].equals(rawPath[i]) : rawPath[i].isEmpty()) {
                return null;
            }
        }
        Map<String, String> params = new HashMap<>();
        for (int i = 0; i < segments.length; i++) {
            if (parameters[i] != null) {
                params.put(parameters[i], QueryStringDecoder.decodeComponent(rawPath[i]));
            }
        }
        return params;
    }
}
