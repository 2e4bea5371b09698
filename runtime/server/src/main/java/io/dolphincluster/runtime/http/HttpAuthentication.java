package io.dolphincluster.runtime.http;

import io.dolphincluster.protocol.auth.ClusterCredential;
import io.dolphincluster.runtime.LogText;
import io.dolphincluster.runtime.auth.BasicCredentials;
import io.dolphincluster.runtime.auth.MemberVerifier;
import io.dolphincluster.runtime.auth.Principal;
import io.dolphincluster.runtime.auth.UserStore;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The credentials every process's HTTP API accepts:
 *
 * <ul>
 *   <li>{@code Authorization: DolphinNode <token>}: a member token for this very request ({@link
 *       ClusterCredential#httpAuthorization}), fresh and not seen before: a member node;
 *   <li>{@code Authorization: Basic ...}: a user of {@code users} with its role (checked on {@code
 *       hashing}, off the event loop; a full queue is a 503).
 * </ul>
 *
 * Anything else is a 401, logged with the user's name (never the password). A 401 carries {@code
 * WWW-Authenticate: Basic} unless the request has {@code X-Requested-With} (the page's own calls),
 * so a browser shows its password dialog only to people using the API directly.
 */
public final class HttpAuthentication implements RequestAuthenticator {
    private static final Logger log = LoggerFactory.getLogger(HttpAuthentication.class);

    private final String alias;
    private final MemberVerifier members;
    private final UserStore users;
    private final Executor hashing;

    public HttpAuthentication(
            String alias, MemberVerifier members, UserStore users, Executor hashing) {
        this.alias = alias;
        this.members = members;
        this.users = users;
        this.hashing = hashing;
    }

    @Override
    public CompletableFuture<Principal> authenticate(ApiRequest request) {
        String header = request.header("Authorization");
        if (header == null || header.isBlank()) {
            return CompletableFuture.failedFuture(
                    unauthorized(request, "credentials are required (HTTP Basic)"));
        }
        String trimmed = header.strip();
        String scheme = ClusterCredential.HTTP_SCHEME + " ";
        if (trimmed.regionMatches(true, 0, scheme, 0, scheme.length())) {
            return CompletableFuture.completedFuture(
                    member(request, trimmed.substring(scheme.length()).strip()));
        }
        Optional<BasicCredentials> basic = BasicCredentials.parse(header);
        if (basic.isEmpty()) {
            return CompletableFuture.failedFuture(
                    unauthorized(
                            request,
                            "the Authorization header is neither HTTP Basic nor a member token"));
        }
        try {
            return CompletableFuture.supplyAsync(() -> user(request, basic.get()), hashing);
        } catch (RejectedExecutionException e) {
            return CompletableFuture.failedFuture(
                    ApiException.unavailable("too many logins are being checked; try again"));
        }
    }

    private Principal member(ApiRequest request, String token) {
        String purpose =
                ClusterCredential.httpPurpose(request.method(), request.uri(), request.body());
        return members.verify(token, purpose)
                .map(Principal::node)
                .orElseThrow(
                        () -> {
                            log.warn(
                                    "[{}] member token refused for {} {}: not signed with this cluster's secret for this request, stale, "
                                            + "or replayed",
                                    alias,
                                    request.method(),
                                    request.path());
                            return unauthorized(
                                    request, "the member token is not valid for this request");
                        });
    }

    private Principal user(ApiRequest request, BasicCredentials given) {
        return users.authenticate(given.user(), given.password())
                .map(role -> Principal.user(given.user(), role))
                .orElseThrow(
                        () -> {
                            log.warn(
                                    "[{}] login as {} refused for {} {}: wrong user or password",
                                    alias,
                                    LogText.of(given.user()),
                                    request.method(),
                                    request.path());
                            return unauthorized(request, "wrong user or password");
                        });
    }

    static ApiException unauthorized(ApiRequest request, String message) {
        Map<String, String> headers =
                request.header("X-Requested-With") == null
                        ? Map.of(
                                "WWW-Authenticate",
                                "Basic realm=\"DolphinCluster\", charset=\"UTF-8\"")
                        : Map.of();
        return new ApiException(401, message, Map.of(), headers);
    }
}
