package io.dolphincluster.runtime.http;

import java.util.Map;

/** A response: status, an object written as JSON (or null for no body), and extra headers. */
public record ApiResponse(int status, Object body, Map<String, String> headers) {

    public static ApiResponse ok(Object body) {
        return new ApiResponse(200, body, Map.of());
    }

    public static ApiResponse status(int status, Object body) {
        return new ApiResponse(status, body, Map.of());
    }

    /** A temporary redirect that keeps the method and body (307). */
    public static ApiResponse redirect(String location, Object body) {
        return new ApiResponse(307, body, Map.of("Location", location));
    }
}
