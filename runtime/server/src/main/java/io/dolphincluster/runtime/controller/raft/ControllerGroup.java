package io.dolphincluster.runtime.controller.raft;

import io.dolphincluster.adminapi.RaftStatus;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.apache.ratis.protocol.RaftPeer;
import org.apache.ratis.protocol.RaftPeerId;
import org.apache.ratis.server.DivisionInfo;
import org.apache.ratis.server.RaftConfiguration;
import org.apache.ratis.server.RaftServer;
import org.apache.ratis.statemachine.SnapshotInfo;

/**
 * This controller's view of the Raft group: who leads, in which term, who the members are and which
 * of them answer. Before Raft has started (while {@link GroupBootstrap} decides) it reports {@code
 * STARTING}.
 */
public final class ControllerGroup {
    private final String alias;
    private final String startId;
    private final ControllerPeers peers;
    private final MetadataStateMachine stateMachine;
    private volatile ControllerRaft raft;
    private volatile BootstrapDecision decision;

    public ControllerGroup(
            String alias,
            String startId,
            ControllerPeers peers,
            MetadataStateMachine stateMachine) {
        this.alias = alias;
        this.startId = startId;
        this.peers = peers;
        this.stateMachine = stateMachine;
    }

    public void started(ControllerRaft started, BootstrapDecision bootstrap) {
        this.decision = bootstrap;
        this.raft = started;
    }

    /** The running Raft member; empty before it started. */
    public Optional<ControllerRaft> raft() {
        return Optional.ofNullable(raft);
    }

    public ControllerPeers peers() {
        return peers;
    }

    /**
     * True when this controller leads and has committed an entry of its term, so its writes can
     * commit.
     */
    public boolean isReadyLeader() {
        ControllerRaft current = raft;
        if (current == null) return false;
        DivisionInfo info = current.division().getInfo();
        return info.isLeader() && info.isLeaderReady();
    }

    public RaftStatus status() {
        ControllerRaft current = raft;
        if (current == null) return RaftStatus.starting(alias, startId);
        RaftServer.Division division = current.division();
        DivisionInfo info = division.getInfo();
        RaftConfiguration conf = division.getRaftConf();
        RaftPeerId leaderId = info.getLeaderId();
        List<RaftStatus.Member> members = membersOf(conf.getCurrentPeers());
        String leaderSite =
                leaderId == null
                        ? null
                        : members.stream()
                                .filter(m -> m.alias().equals(leaderId.toString()))
                                .map(RaftStatus.Member::site)
                                .findFirst()
                                .orElse(null);
        SnapshotInfo snapshot = stateMachine.getLatestSnapshot();
        return new RaftStatus(
                alias,
                RaftStatus.RUNNING,
                info.getCurrentRole().name(),
                info.getCurrentTerm(),
                leaderId == null ? null : leaderId.toString(),
                leaderSite,
                info.isLeader() && info.isLeaderReady(),
                division.getRaftLog().getLastCommittedIndex(),
                info.getLastAppliedIndex(),
                snapshot == null ? -1 : snapshot.getIndex(),
                stateMachine.snapshotsInstalled(),
                conf.getPreviousPeers().isEmpty(),
                conf.getLogEntryIndex(),
                members,
                followerLastResponseMillis(info),
                startId,
                decision.peerStartIds());
    }

    private static Map<String, Long> followerLastResponseMillis(DivisionInfo info) {
        if (!info.isLeader()) return Map.of();
        Map<String, Long> elapsed = new TreeMap<>();
        info.getRoleInfoProto()
                .getLeaderInfo()
                .getFollowerInfoList()
                .forEach(
                        f ->
                                elapsed.put(
                                        f.getId().getId().toStringUtf8(),
                                        f.getLastRpcElapsedTimeMs()));
        return elapsed;
    }

    /** The peers as members with their admin sites, sorted by alias. */
    List<RaftStatus.Member> membersOf(Collection<RaftPeer> raftPeers) {
        return raftPeers.stream()
                .map(
                        p ->
                                new RaftStatus.Member(
                                        p.getId().toString(), peers.siteOf(p), p.getAddress()))
                .sorted(Comparator.comparing(RaftStatus.Member::alias))
                .toList();
    }

    /** The current voting members (requires Raft to be running). */
    Collection<RaftPeer> currentPeers() {
        return requireRaft().division().getRaftConf().getCurrentPeers();
    }

    boolean isStable() {
        return requireRaft().division().getRaftConf().getPreviousPeers().isEmpty();
    }

    /**
     * Members that answered this leader within {@code withinMillis}, the leader included. Only
     * meaningful on the leader; a follower sees just itself.
     */
    Set<String> responsiveMembers(long withinMillis) {
        Set<String> responsive =
                followerLastResponseMillis(requireRaft().division().getInfo()).entrySet().stream()
                        .filter(e -> e.getValue() <= withinMillis)
                        .map(Map.Entry::getKey)
                        .collect(Collectors.toCollection(HashSet::new));
        responsive.add(alias);
        return responsive;
    }

    private ControllerRaft requireRaft() {
        ControllerRaft current = raft;
        if (current == null) throw new IllegalStateException("Raft has not started yet");
        return current;
    }
}
