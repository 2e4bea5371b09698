package io.dolphincluster.runtime.controller.api;

import io.dolphincluster.adminapi.RaftStatus;
import io.dolphincluster.runtime.dolphindb.dfs.ClusterDirectory;
import io.dolphincluster.runtime.dolphindb.dfs.ClusterUnavailableException;
import io.dolphincluster.runtime.metadata.ClusterMetadata;
import io.dolphincluster.runtime.metadata.NodeInfo;
import java.util.List;
import java.util.function.Supplier;

/**
 * A controller as DolphinDB's front end describes it: its alias, its readiness and the leader as
 * this controller's view of the Raft group has them (a follower names the leader too), the
 * registered datanodes and agents from its copy of the metadata (their states are committed by the
 * leader, so a follower reports them as well, possibly a moment late).
 */
final class ControllerDolphinBackend implements ClusterDirectory {
    private final String alias;
    private final Supplier<RaftStatus> raft;
    private final ClusterMetadata metadata;

    ControllerDolphinBackend(String alias, Supplier<RaftStatus> raft, ClusterMetadata metadata) {
        this.alias = alias;
        this.raft = raft;
        this.metadata = metadata;
    }

    @Override
    public String nodeAlias() {
        return alias;
    }

    @Override
    public int nodeType() {
        return CONTROLLER;
    }

    @Override
    public boolean ready() {
        return raft.get().ready();
    }

    @Override
    public String activeMaster() {
        String leader = raft.get().leader();
        if (leader == null)
            throw new ClusterUnavailableException("no leader is known to " + alias, null);
        return leader;
    }

    @Override
    public List<NodeInfo> nodes() {
        return metadata.nodes();
    }
}
