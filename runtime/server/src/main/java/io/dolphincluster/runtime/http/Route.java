package io.dolphincluster.runtime.http;

import io.dolphincluster.adminapi.AdminRoutes;
import io.dolphincluster.adminapi.Endpoint;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;

/**
 * One method and path pattern, such as {@code DELETE /api/admin/members/{alias}}, who may call it
 * ({@link Access}) and its handler. Handlers may complete their future on any thread; they must not
 * block the event loop. A handler runs only for a caller the access allows; {@link
 * ApiRequest#principal()} names the caller (null on a public route).
 */
public record Route(String method, String pattern, Access access, Handler handler) {

    @FunctionalInterface
    public interface Handler {
        CompletableFuture<ApiResponse> handle(ApiRequest request);
    }

    /** The route {@code endpoint} of the admin API ({@link AdminRoutes}). */
    public Route(Endpoint endpoint, Access access, Handler handler) {
        this(endpoint.method(), endpoint.pattern(), access, handler);
    }

    public Route {
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(pattern, "pattern");
        Objects.requireNonNull(access, "access: every route declares who may call it");
        Objects.requireNonNull(handler, "handler");
    }
}
