package io.dolphincluster.runtime.controller.raft;

import io.dolphincluster.adminapi.RaftStatus;
import java.util.List;
import java.util.Map;
import org.apache.ratis.protocol.RaftPeer;

/**
 * How a controller's data directory first joined the group, as decided by {@link GroupBootstrap}
 * and saved in {@code bootstrap-peers.json}.
 *
 * @param members the initial Raft peers (empty: wait to be added by the leader)
 * @param peerStartIds when this controller formed a new group, the start ids of the controllers it
 *     saw starting; a latecomer whose start id is here may join the new group with an empty log
 */
public record BootstrapDecision(List<RaftStatus.Member> members, Map<String, String> peerStartIds) {

    public BootstrapDecision {
        members = List.copyOf(members);
        peerStartIds = Map.copyOf(peerStartIds);
    }

    static BootstrapDecision joining(List<RaftStatus.Member> members) {
        return new BootstrapDecision(members, Map.of());
    }

    public List<RaftPeer> peers() {
        return members.stream()
                .map(
                        m ->
                                RaftPeer.newBuilder()
                                        .setId(m.alias())
                                        .setAddress(m.raftAddress())
                                        .build())
                .toList();
    }
}
