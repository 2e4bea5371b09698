package io.dolphincluster.runtime.controller.leader;

import io.dolphincluster.adminapi.RaftStatus;
import io.dolphincluster.runtime.AsyncFailure;
import io.dolphincluster.runtime.controller.raft.ControllerGroup;
import io.dolphincluster.runtime.controller.raft.MetadataWriter;
import io.dolphincluster.runtime.http.ApiException;
import io.dolphincluster.runtime.http.ApiRequest;
import io.dolphincluster.runtime.http.ApiResponse;
import io.dolphincluster.runtime.metadata.CommandResult;
import io.dolphincluster.runtime.metadata.MetadataCommand;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

/**
 * Runs a write on the ready leader only: a follower answers with a 307 redirect to the leader's
 * admin site (keeping method and body), or 503 when no leader is known. Also commits commands for
 * the API, turning a commit that was not seen into a 503.
 */
public final class LeaderRouting {
    private final String alias;
    private final ControllerGroup group;
    private final MetadataWriter writer;

    private final String scheme;

    /**
     * @param scheme {@code http} or {@code https}: how the leader is reached in a redirect
     */
    public LeaderRouting(
            String alias, ControllerGroup group, MetadataWriter writer, String scheme) {
        this.scheme = scheme;
        this.alias = alias;
        this.group = group;
        this.writer = writer;
    }

    public CompletableFuture<ApiResponse> onLeader(
            ApiRequest request, Supplier<CompletableFuture<ApiResponse>> action) {
        if (group.isReadyLeader()) return action.get();
        RaftStatus status = group.status();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("leader", status.leader());
        body.put("leaderSite", status.leaderSite());
        if (status.leader() != null
                && !status.leader().equals(alias)
                && status.leaderSite() != null) {
            body.put("error", alias + " is not the leader; " + status.leader() + " is");
            return CompletableFuture.completedFuture(
                    ApiResponse.redirect(
                            scheme + "://" + status.leaderSite() + request.uri(), body));
        }
        body.put("error", "no leader is ready to accept writes");
        return CompletableFuture.completedFuture(ApiResponse.status(503, body));
    }

    /**
     * The result every controller computed for {@code command}; fails with a 503 {@link
     * ApiException} when not committed.
     */
    public CompletableFuture<CommandResult> commit(MetadataCommand command) {
        return writer.write(command)
                .handle(
                        (result, failure) -> {
                            if (failure != null) {
                                throw ApiException.unavailable(
                                        "not committed: "
                                                + AsyncFailure.cause(failure).getMessage());
                            }
                            return result;
                        });
    }
}
