package io.dolphincluster.runtime.controller.api;

import io.dolphincluster.adminapi.AdminRoutes;
import io.dolphincluster.adminapi.PasswordChange;
import io.dolphincluster.adminapi.UserSetting;
import io.dolphincluster.runtime.auth.PasswordHash;
import io.dolphincluster.runtime.auth.Principal;
import io.dolphincluster.runtime.auth.Role;
import io.dolphincluster.runtime.controller.leader.LeaderRouting;
import io.dolphincluster.runtime.http.Access;
import io.dolphincluster.runtime.http.ApiException;
import io.dolphincluster.runtime.http.ApiRequest;
import io.dolphincluster.runtime.http.ApiResponse;
import io.dolphincluster.runtime.http.Route;
import io.dolphincluster.runtime.metadata.ClusterMetadata;
import io.dolphincluster.runtime.metadata.MetadataCommand;
import io.dolphincluster.runtime.metadata.UserInfo;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Users: who may log in, with which role ({@link Role}). Passwords are never logged or stored, only
 * their hashes; hashing runs on {@code hashing}, off the event loop.
 *
 * <ul>
 *   <li>{@code GET /api/admin/login} (any user): {@code {"user","role","admin","controller"}} for
 *       good credentials; the page checks a login with it;
 *   <li>{@code PUT /api/users/{name}/password} {@code {oldPassword, newPassword}} (the user itself,
 *       or an admin; leader): 403 when the old password does not match;
 *   <li>{@code PUT /api/users/{name}} {@code {password, role}} (admin; leader): creates the user or
 *       replaces its password and role (409 when that would leave no admin user);
 *   <li>{@code DELETE /api/users/{name}} (admin; leader): 409 for the last admin user;
 *   <li>{@code GET /api/internal/users} (member nodes only; leader): every user with its password
 *       hash and role, for datanodes and agents to check logins. Only the ready leader answers: a
 *       controller just restarted, still replaying its log, would answer with too few users, and
 *       the node would refuse good logins.
 * </ul>
 */
public final class UserApi {
    private static final Logger log = LoggerFactory.getLogger(UserApi.class);
    private static final Pattern NAME = Pattern.compile("[A-Za-z][A-Za-z0-9_.-]{0,62}");

    private final String alias;
    private final ClusterMetadata metadata;
    private final LeaderRouting routing;
    private final Executor hashing;

    public UserApi(
            String alias, ClusterMetadata metadata, LeaderRouting routing, Executor hashing) {
        this.alias = alias;
        this.metadata = metadata;
        this.routing = routing;
        this.hashing = hashing;
    }

    public List<Route> routes() {
        return List.of(
                new Route(AdminRoutes.LOGIN, Access.USER, r -> ok(login(r.principal()))),
                new Route(
                        AdminRoutes.INTERNAL_USERS,
                        Access.MEMBER,
                        r -> routing.onLeader(r, () -> ok(Map.of("users", internalUsers())))),
                new Route(
                        AdminRoutes.CHANGE_PASSWORD,
                        Access.USER,
                        r -> routing.onLeader(r, () -> changePassword(r))),
                new Route(
                        AdminRoutes.SET_USER,
                        Access.ADMIN,
                        r -> routing.onLeader(r, () -> setUser(r))),
                new Route(
                        AdminRoutes.REMOVE_USER,
                        Access.ADMIN,
                        r -> routing.onLeader(r, () -> removeUser(r))));
    }

    private Map<String, Object> login(Principal caller) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("user", caller.name());
        body.put("role", caller.isNode() ? "member" : caller.role().configName());
        body.put("admin", caller.isAdmin());
        body.put("controller", alias);
        return body;
    }

    private List<Map<String, Object>> internalUsers() {
        return metadata.users().stream()
                .map(
                        u -> {
                            Map<String, Object> row = new LinkedHashMap<>();
                            row.put("name", u.name());
                            row.put("passwordHash", u.passwordHash());
                            row.put("role", Role.of(u.admin()).configName());
                            return row;
                        })
                .toList();
    }

    private CompletableFuture<ApiResponse> changePassword(ApiRequest request) {
        String name = request.pathParam("name");
        Principal caller = request.principal();
        if (!caller.isAdmin() && !caller.name().equals(name)) {
            throw new ApiException(403, caller.name() + " may change only its own password");
        }
        PasswordChange body = request.bodyAs(PasswordChange.class);
        if (body.oldPassword() == null || body.newPassword() == null) {
            throw ApiException.badRequest("oldPassword and newPassword are required");
        }
        if (body.newPassword().isEmpty())
            throw ApiException.badRequest("newPassword must not be empty");
        FieldLimits.bounded("newPassword", body.newPassword(), FieldLimits.PASSWORD);
        FieldLimits.bounded("oldPassword", body.oldPassword(), FieldLimits.PASSWORD);
        UserInfo user =
                metadata.user(name).orElseThrow(() -> new ApiException(404, "no user " + name));
        return CompletableFuture.supplyAsync(
                        () -> {
                            if (!PasswordHash.verify(body.oldPassword(), user.passwordHash())) {
                                log.warn(
                                        "[{}] password change for user {} refused: the old password does not match",
                                        alias,
                                        name);
                                throw new ApiException(
                                        403, "the old password of " + name + " does not match");
                            }
                            return PasswordHash.hash(body.newPassword());
                        },
                        hashing)
                .thenCompose(
                        hash ->
                                routing.commit(
                                        new MetadataCommand.SetUser(
                                                name, hash, user.admin(), user.passwordHash())))
                .thenApply(
                        result -> {
                            if (!result.applied()) throw ApiException.conflict(result.message());
                            log.info("[{}] password of user {} changed", alias, name);
                            return ApiResponse.ok(Map.of("user", name, "changed", true));
                        });
    }

    private CompletableFuture<ApiResponse> setUser(ApiRequest request) {
        String name = request.pathParam("name");
        if (!NAME.matcher(name).matches()) {
            throw ApiException.badRequest(
                    "a user name is letters, digits, '_', '.', '-' starting with a letter");
        }
        UserSetting body = request.bodyAs(UserSetting.class);
        if (body.password() == null || body.password().isEmpty())
            throw ApiException.badRequest("password is required");
        FieldLimits.bounded("password", body.password(), FieldLimits.PASSWORD);
        Role role;
        try {
            role = body.role() == null ? Role.READER : Role.parse(body.role());
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest(
                    "role must be admin or reader, got '" + body.role() + "'");
        }
        return CompletableFuture.supplyAsync(() -> PasswordHash.hash(body.password()), hashing)
                .thenCompose(
                        hash ->
                                routing.commit(
                                        new MetadataCommand.SetUser(
                                                name, hash, role == Role.ADMIN, null)))
                .thenApply(
                        result -> {
                            if (!result.applied()) throw ApiException.conflict(result.message());
                            log.info(
                                    "[{}] {} (role {}) by {}",
                                    alias,
                                    result.message(),
                                    role.configName(),
                                    request.principal().describe());
                            return ApiResponse.ok(Map.of("user", name, "role", role.configName()));
                        });
    }

    private CompletableFuture<ApiResponse> removeUser(ApiRequest request) {
        String name = request.pathParam("name");
        if (metadata.user(name).isEmpty()) throw new ApiException(404, "no user " + name);
        return routing.commit(new MetadataCommand.RemoveUser(name))
                .thenApply(
                        result -> {
                            if (!result.applied()) throw ApiException.conflict(result.message());
                            log.info(
                                    "[{}] {} by {}",
                                    alias,
                                    result.message(),
                                    request.principal().describe());
                            return ApiResponse.ok(Map.of("user", name, "removed", true));
                        });
    }

    private static CompletableFuture<ApiResponse> ok(Object body) {
        return CompletableFuture.completedFuture(ApiResponse.ok(body));
    }
}
