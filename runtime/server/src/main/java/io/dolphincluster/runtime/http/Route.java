package io.dolphincluster.runtime.http;

import io.netty.handler.codec.http.QueryStringDecoder;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * One method and path pattern, such as {@code DELETE /api/admin/members/{alias}}, and its handler.
 * Handlers may complete their future on any thread; they must not block the event loop.
 */
public record Route(String method, String pattern, Handler handler) {

    @FunctionalInterface
    public interface Handler {
        CompletableFuture<ApiResponse> handle(ApiRequest request);
    }

    /**
     * The path parameters if {@code rawPath} (still percent-encoded, so an encoded {@code /} stays inside
     * its parameter) matches this route's pattern, else {@code null}. Parameters are returned decoded.
     */
    Map<String, String> match(String rawPath) {
        String[] want = pattern.split("/");
        String[] have = rawPath.split("/");
        if (want.length != have.length) return null;
        Map<String, String> params = new HashMap<>();
        for (int i = 0; i < want.length; i++) {
            if (want[i].startsWith("{") && want[i].endsWith("}")) {
                if (have[i].isEmpty()) return null;
                params.put(want[i].substring(1, want[i].length() - 1), QueryStringDecoder.decodeComponent(have[i]));
            } else if (!want[i].equals(have[i])) {
                return null;
            }
        }
        return params;
    }
}
