package io.dolphincluster.runtime.http;

import java.util.Map;

/** A request that cannot be served; becomes a JSON error response with this status. */
public final class ApiException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final int status;
    private final Map<String, Object> details;
    private final Map<String, String> headers;

    public ApiException(int status, String message) {
        this(status, message, Map.of());
    }

    public ApiException(int status, String message, Map<String, Object> details) {
        this(status, message, details, Map.of());
    }

    /** With extra response headers, such as {@code WWW-Authenticate} on a 401. */
    public ApiException(
            int status, String message, Map<String, Object> details, Map<String, String> headers) {
        super(message);
        this.status = status;
        this.details = Map.copyOf(details);
        this.headers = Map.copyOf(headers);
    }

    public Map<String, String> headers() {
        return headers;
    }

    public int status() {
        return status;
    }

    public Map<String, Object> details() {
        return details;
    }

    public static ApiException badRequest(String message) {
        return new ApiException(400, message);
    }

    public static ApiException conflict(String message) {
        return new ApiException(409, message);
    }

    public static ApiException unavailable(String message) {
        return new ApiException(503, message);
    }
}
