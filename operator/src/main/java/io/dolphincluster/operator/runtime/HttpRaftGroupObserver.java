package io.dolphincluster.operator.runtime;

import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Asks each controller's /api/leader in turn, then the members from the leader itself (a follower's
 * view of the configuration may lag behind), or from the answering controller if the leader is not
 * listed.
 */
public class HttpRaftGroupObserver implements RaftGroupObserver {
    private final ControllerAdminClient client;

    public HttpRaftGroupObserver(ControllerAdminClient client) {
        this.client = client;
    }

    @Override
    public Optional<RaftGroupView> observe(Map<String, URI> controllers, ClusterAccess access) {
        for (URI url : controllers.values()) {
            Optional<String> leader = client.leader(url, access);
            if (leader.isPresent()) {
                Optional<List<String>> members =
                        Optional.ofNullable(controllers.get(leader.get()))
                                .flatMap(leaderUrl -> client.members(leaderUrl, access))
                                .or(() -> client.members(url, access));
                return Optional.of(new RaftGroupView(leader.get(), members.orElse(List.of())));
            }
        }
        return Optional.empty();
    }
}
