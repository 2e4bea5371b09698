package io.dolphincluster.operator.runtime;

import java.net.URI;
import java.util.Map;
import java.util.Optional;

/** Asks a cluster's controllers who leads and who is a member. Implementations never throw. */
public interface RaftGroupObserver {

    /**
     * @param controllers base URLs of the controllers' admin API by alias, asked in order until one
     *     answers
     * @param access how to call them, as a member of their cluster
     * @return the group as the leader sees it, or empty when none answers
     */
    Optional<RaftGroupView> observe(Map<String, URI> controllers, ClusterAccess access);
}
