package io.dolphincluster.runtime.controller;

import io.dolphincluster.runtime.auth.PasswordHash;
import io.dolphincluster.runtime.http.ApiException;
import io.dolphincluster.runtime.http.ApiRequest;
import io.dolphincluster.runtime.http.ApiResponse;
import io.dolphincluster.runtime.http.Route;
import io.dolphincluster.runtime.metadata.ClusterMetadata;
import io.dolphincluster.runtime.metadata.MetadataCommand;
import io.dolphincluster.runtime.metadata.UserInfo;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Users and the cluster secret.
 *
 * <ul>
 *   <li>{@code GET /api/internal/users}: every user with its password hash, for datanodes to check logins;</li>
 *   <li>{@code GET /api/internal/secret}: the cluster secret datanodes authenticate to each other with
 *       (503 until the first leader generated it);</li>
 *   <li>{@code PUT /api/users/{name}/password} {@code {oldPassword, newPassword}} (leader): 403 when the old
 *       password does not match. Passwords are never logged or stored, only their hashes.</li>
 * </ul>
 *
 * <p>{@code /api/internal} is not authenticated: it must be reachable only from inside the cluster network
 * (datanodes and controllers), never exposed to clients. Hashing runs on {@code hashing}, off the event loop.
 */
final class UserApi {
    private static final Logger log = LoggerFactory.getLogger(UserApi.class);

    record PasswordChange(String oldPassword, String newPassword) {}

    private final String alias;
    private final ClusterMetadata metadata;
    private final LeaderRouting routing;
    private final Executor hashing;

    UserApi(String alias, ClusterMetadata metadata, LeaderRouting routing, Executor hashing) {
        this.alias = alias;
        this.metadata = metadata;
        this.routing = routing;
        this.hashing = hashing;
    }

    List<Route> routes() {
        return List.of(
                new Route("GET", "/api/internal/users", r -> ok(Map.of("users", metadata.users()))),
                new Route("GET", "/api/internal/secret", r -> secret()),
                new Route("PUT", "/api/users/{name}/password", r -> routing.onLeader(r, () -> changePassword(r))));
    }

    private CompletableFuture<ApiResponse> secret() {
        String secret = metadata.clusterSecret()
                .orElseThrow(() -> ApiException.unavailable("the cluster secret has not been generated yet"));
        return ok(Map.of("secret", secret));
    }

    private CompletableFuture<ApiResponse> changePassword(ApiRequest request) {
        String name = request.pathParam("name");
        PasswordChange body = request.bodyAs(PasswordChange.class);
        if (body.oldPassword() == null || body.newPassword() == null) {
            throw ApiException.badRequest("oldPassword and newPassword are required");
        }
        if (body.newPassword().isEmpty()) throw ApiException.badRequest("newPassword must not be empty");
        UserInfo user = metadata.user(name).orElseThrow(() -> new ApiException(404, "no user " + name));
        return CompletableFuture.supplyAsync(() -> {
            if (!PasswordHash.verify(body.oldPassword(), user.passwordHash())) {
                log.warn("[{}] password change for user {} refused: the old password does not match", alias, name);
                throw new ApiException(403, "the old password of " + name + " does not match");
            }
            return PasswordHash.hash(body.newPassword());
        }, hashing).thenCompose(hash -> routing.commit(new MetadataCommand.SetUser(name, hash, user.admin(), user.passwordHash())))
                .thenApply(result -> {
                    if (!result.applied()) throw ApiException.conflict(result.message());
                    log.info("[{}] password of user {} changed", alias, name);
                    return ApiResponse.ok(Map.of("user", name, "changed", true));
                });
    }

    private static CompletableFuture<ApiResponse> ok(Object body) {
        return CompletableFuture.completedFuture(ApiResponse.ok(body));
    }
}
