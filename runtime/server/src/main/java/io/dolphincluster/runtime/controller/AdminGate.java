package io.dolphincluster.runtime.controller;

import io.dolphincluster.runtime.auth.BasicCredentials;
import io.dolphincluster.runtime.auth.PasswordHash;
import io.dolphincluster.runtime.http.ApiException;
import io.dolphincluster.runtime.http.ApiRequest;
import io.dolphincluster.runtime.http.ApiResponse;
import io.dolphincluster.runtime.http.Route;
import io.dolphincluster.runtime.metadata.ClusterMetadata;
import io.dolphincluster.runtime.metadata.UserInfo;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The admin login of the web page and of the admin endpoints that change the cluster: HTTP Basic credentials
 * checked against the users in the metadata ({@link PasswordHash#verify}, on the hashing executor).
 *
 * <ul>
 *   <li>A request that carries an {@code Authorization} header always has it checked: wrong user or password
 *       is {@code 401}, a user who is not an admin {@code 403}; the refusal is logged with the user's name, never
 *       the password.</li>
 *   <li>A request without one passes unless {@code adminAuthRequired=true}, so agents, scripts, tests and the
 *       operator that call these endpoints without credentials keep working; with it, it is {@code 401}.</li>
 *   <li>{@code GET /api/admin/login} answers {@code 200 {"user","admin"}} for good credentials and 401 otherwise
 *       (credentials are always required there): the page checks a login with it.</li>
 * </ul>
 *
 * A 401 carries {@code WWW-Authenticate: Basic} unless the request has {@code X-Requested-With} (the page's
 * own calls), so a browser shows its password dialog only to people using the API directly.
 */
final class AdminGate {
    private static final Logger log = LoggerFactory.getLogger(AdminGate.class);
    /** Verified for an unknown user, so a refusal takes as long whether or not the user exists. */
    private static final String DUMMY_HASH = PasswordHash.hash("not a password");

    private final String alias;
    private final ClusterMetadata metadata;
    private final Executor hashing;
    private final boolean required;

    AdminGate(String alias, ClusterMetadata metadata, Executor hashing, boolean required) {
        this.alias = alias;
        this.metadata = metadata;
        this.hashing = hashing;
        this.required = required;
    }

    List<Route> routes() {
        return List.of(new Route("GET", "/api/admin/login", this::login));
    }

    /** Whether requests without credentials are refused. */
    boolean required() {
        return required;
    }

    /** Runs {@code action} when the request's credentials (if any, or always when required) are an admin's. */
    CompletableFuture<ApiResponse> run(ApiRequest request, Supplier<CompletableFuture<ApiResponse>> action) {
        String header = request.header("Authorization");
        if (header == null && !required) return action.get();
        return check(request, header).thenCompose(user -> action.get());
    }

    private CompletableFuture<ApiResponse> login(ApiRequest request) {
        return check(request, request.header("Authorization")).thenApply(user -> {
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("user", user.name());
            body.put("admin", user.admin());
            body.put("controller", alias);
            return ApiResponse.ok(body);
        });
    }

    private CompletableFuture<UserInfo> check(ApiRequest request, String header) {
        Optional<BasicCredentials> credentials = BasicCredentials.parse(header);
        if (credentials.isEmpty()) {
            return CompletableFuture.failedFuture(unauthorized(request, header == null
                    ? "admin credentials are required (HTTP Basic)" : "the Authorization header is not valid HTTP Basic"));
        }
        BasicCredentials given = credentials.get();
        return CompletableFuture.supplyAsync(() -> {
            Optional<UserInfo> user = metadata.user(given.user());
            boolean matches = PasswordHash.verify(given.password(), user.map(UserInfo::passwordHash).orElse(DUMMY_HASH)) && user.isPresent();
            if (!matches) {
                log.warn("[{}] admin login as {} refused for {} {}: wrong user or password", alias, given.user(),
                        request.method(), request.path());
                throw unauthorized(request, "wrong user or password");
            }
            if (!user.get().admin()) {
                log.warn("[{}] {} {} refused: {} is not an admin", alias, request.method(), request.path(), given.user());
                throw new ApiException(403, given.user() + " is not an admin");
            }
            return user.get();
        }, hashing);
    }

    private static ApiException unauthorized(ApiRequest request, String message) {
        Map<String, String> headers = request.header("X-Requested-With") == null
                ? Map.of("WWW-Authenticate", "Basic realm=\"DolphinCluster admin\", charset=\"UTF-8\"") : Map.of();
        return new ApiException(401, message, Map.of(), headers);
    }
}
