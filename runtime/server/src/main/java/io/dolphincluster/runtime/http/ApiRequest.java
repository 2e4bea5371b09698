package io.dolphincluster.runtime.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.dolphincluster.runtime.auth.Principal;
import java.io.IOException;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * An HTTP request as a route handler sees it: method, path, path parameters ({@code {alias}}),
 * query parameters, the headers (names in lower case), the whole body, and who made it ({@code
 * principal}: set by the dispatcher once the route's {@link Access} allowed the caller; null on a
 * {@link Access#PUBLIC} route).
 */
public record ApiRequest(
        String method,
        String uri,
        String path,
        Map<String, String> pathParams,
        Map<String, List<String>> query,
        byte[] body,
        Map<String, String> headers,
        Principal principal) {

    public ApiRequest {
        headers = headers == null ? Map.of() : Map.copyOf(headers);
    }

    /** A request nobody has authenticated yet. */
    public ApiRequest(
            String method,
            String uri,
            String path,
            Map<String, String> pathParams,
            Map<String, List<String>> query,
            byte[] body,
            Map<String, String> headers) {
        this(method, uri, path, pathParams, query, body, headers, null);
    }

    /** This request, made by {@code caller}. */
    public ApiRequest withPrincipal(Principal caller) {
        return new ApiRequest(method, uri, path, pathParams, query, body, headers, caller);
    }

    /** A request without headers (tests and internal callers). */
    public ApiRequest(
            String method,
            String uri,
            String path,
            Map<String, String> pathParams,
            Map<String, List<String>> query,
            byte[] body) {
        this(method, uri, path, pathParams, query, body, Map.of());
    }

    public String pathParam(String name) {
        return pathParams.get(name);
    }

    public String queryParam(String name) {
        List<String> values = query.get(name);
        return values == null || values.isEmpty() ? null : values.get(0);
    }

    /** The value of header {@code name} (any case), or {@code null}. */
    public String header(String name) {
        return headers.get(name.toLowerCase(Locale.ROOT));
    }

    /** The body parsed as JSON into {@code type}; a body that does not parse is a 400. */
    public <T> T bodyAs(Class<T> type) {
        if (body.length == 0) throw ApiException.badRequest("a JSON body is required");
        try {
            return Json.MAPPER.readValue(body, type);
        } catch (JsonProcessingException e) {
            throw ApiException.badRequest(
                    "the body is not valid JSON for this request: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw ApiException.badRequest("the body could not be read: " + e.getMessage());
        }
    }
}
