package io.dolphincluster.runtime.http;

import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * A response: status, a body and extra headers. The body is written as JSON, except a {@link
 * RawBody}, whose bytes are sent as they are with its content type (web page files, Prometheus
 * text); {@code null} means no body.
 */
public record ApiResponse(int status, Object body, Map<String, String> headers) {

    /** Bytes sent unchanged with their content type. */
    public record RawBody(String contentType, byte[] bytes) {}

    public static ApiResponse ok(Object body) {
        return new ApiResponse(200, body, Map.of());
    }

    public static ApiResponse status(int status, Object body) {
        return new ApiResponse(status, body, Map.of());
    }

    /** A 200 with {@code text} encoded as UTF-8 and sent with {@code contentType}. */
    public static ApiResponse text(String contentType, String text) {
        return raw(200, contentType, text.getBytes(StandardCharsets.UTF_8), Map.of());
    }

    public static ApiResponse raw(
            int status, String contentType, byte[] bytes, Map<String, String> headers) {
        return new ApiResponse(status, new RawBody(contentType, bytes), headers);
    }

    /** A temporary redirect that keeps the method and body (307). */
    public static ApiResponse redirect(String location, Object body) {
        return new ApiResponse(307, body, Map.of("Location", location));
    }
}
