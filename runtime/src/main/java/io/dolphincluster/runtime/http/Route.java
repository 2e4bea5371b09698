package io.dolphincluster.runtime.http;

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

    /** The path parameters if {@code path} matches this route's pattern, else {@code null}. */
    Map<String, String> match(String path) {
        String[] want = pattern.split("/");
        String[] have = path.split("/");
        if (want.length != have.length) return null;
        Map<String, String> params = new HashMap<>();
        for (int i = 0; i < want.length; i++) {
            if (want[i].startsWith("{") && want[i].endsWith("}")) {
                if (have[i].isEmpty()) return null;
                params.put(want[i].substring(1, want[i].length() - 1), have[i]);
            } else if (!want[i].equals(have[i])) {
                return null;
            }
        }
        return params;
    }
}
