package io.dolphincluster.runtime.controller;

import com.fasterxml.jackson.core.type.TypeReference;
import io.dolphincluster.runtime.config.NodeEntry;
import io.dolphincluster.runtime.config.Site;
import io.dolphincluster.runtime.http.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.apache.ratis.protocol.RaftPeer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Decides, once per data directory, which peers a controller's Raft group starts with. The decision is
 * written to {@code bootstrap-peers.json} before Raft first starts and reused on every later start, so a
 * restart never changes it (after the first start the configuration Raft persisted wins anyway).
 *
 * <ul>
 *   <li>The only controller in {@code cluster.nodes}: a one-member group.</li>
 *   <li>Another listed controller already runs a group without this controller: start with no members and
 *       wait for the leader to add this controller.</li>
 *   <li>The running group lists this controller, yet its data directory is empty (the disk was lost or
 *       wiped): wait until it is removed from the group, then wait to be added like a new controller. It
 *       must not vote under its old identity: it may have acknowledged entries it no longer has, and
 *       counting it towards a majority again could lose committed metadata.</li>
 *   <li>Every other listed controller answers and none runs a group yet: a new cluster, every listed
 *       controller is a member.</li>
 *   <li>Otherwise wait. A fresh controller never forms a group of its own while a listed controller is
 *       silent: that controller may hold the cluster's metadata (split brain).</li>
 * </ul>
 */
final class GroupBootstrap {
    private static final Logger log = LoggerFactory.getLogger(GroupBootstrap.class);
    private static final long POLL_MILLIS = 500;
    private static final long REPORT_EVERY_MILLIS = 10_000;

    private final Site self;
    private final List<NodeEntry> controllers;
    private final ControllerPeers peers;
    private final Path decisionFile;
    private final PeerStatusProbe probe;

    GroupBootstrap(Site self, List<NodeEntry> controllers, ControllerPeers peers, Path home, PeerStatusProbe probe) {
        this.self = self;
        this.controllers = controllers;
        this.peers = peers;
        this.decisionFile = home.resolve("bootstrap-peers.json");
        this.probe = probe;
    }

    /** The peers to start Raft with (empty: wait to be added). Blocks until it can decide safely. */
    List<RaftPeer> initialPeers() throws IOException, InterruptedException {
        if (Files.exists(decisionFile)) {
            List<RaftStatus.Member> saved = Json.MAPPER.readValue(decisionFile.toFile(), new TypeReference<>() {});
            log.info("[{}] starting with the group decided at first start: {}", self.alias(), aliases(saved));
            return toPeers(saved);
        }
        List<RaftStatus.Member> decided = decide();
        Files.createDirectories(decisionFile.getParent());
        Path temporary = decisionFile.resolveSibling(decisionFile.getFileName() + ".tmp");
        Json.MAPPER.writeValue(temporary.toFile(), decided);
        Files.move(temporary, decisionFile, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        return toPeers(decided);
    }

    private List<RaftStatus.Member> decide() throws InterruptedException {
        List<Site> others = controllers.stream().map(NodeEntry::site).filter(s -> !s.equals(self)).toList();
        if (others.isEmpty()) {
            log.info("[{}] the only controller in cluster.nodes: starting a one-member group", self.alias());
            return List.of(memberOf(self));
        }
        long nextReport = System.currentTimeMillis();
        while (true) {
            List<Site> silent = new ArrayList<>();
            List<RaftStatus> running = new ArrayList<>();
            for (Site other : others) {
                Optional<RaftStatus> status = probe.statusOf(other);
                if (status.isEmpty()) silent.add(other);
                else if (RaftStatus.RUNNING.equals(status.get().phase()) && !status.get().members().isEmpty()) {
                    running.add(status.get());
                }
            }
            Optional<RaftStatus> newest = running.stream().max(Comparator.comparingLong(RaftStatus::configurationIndex));
            String waitingFor;
            if (newest.isPresent()) {
                if (!newest.get().hasMember(self.alias())) {
                    log.info("[{}] {} runs the group {} without this controller: waiting for the leader to add it",
                            self.alias(), newest.get().alias(), aliases(newest.get().members()));
                    return List.of();
                }
                waitingFor = "the running group " + aliases(newest.get().members()) + " lists this controller, but its"
                        + " data directory is empty, so it cannot rejoin under its old identity. Remove it on the leader"
                        + " (DELETE /api/admin/members/" + self.alias() + "); it then waits to be added back";
            } else if (silent.isEmpty()) {
                List<RaftStatus.Member> all = controllers.stream().map(c -> memberOf(c.site())).toList();
                log.info("[{}] every controller is new: starting the group {}", self.alias(), aliases(all));
                return all;
            } else {
                waitingFor = "waiting for controllers " + silent.stream().map(Site::alias).toList()
                        + " to answer before deciding how to start";
            }
            if (System.currentTimeMillis() >= nextReport) {
                log.warn("[{}] {}", self.alias(), waitingFor);
                nextReport = System.currentTimeMillis() + REPORT_EVERY_MILLIS;
            }
            TimeUnit.MILLISECONDS.sleep(POLL_MILLIS);
        }
    }

    private RaftStatus.Member memberOf(Site site) {
        return new RaftStatus.Member(site.alias(), site.hostPort(), peers.peerOf(site).getAddress());
    }

    private static List<RaftPeer> toPeers(List<RaftStatus.Member> members) {
        return members.stream()
                .map(m -> RaftPeer.newBuilder().setId(m.alias()).setAddress(m.raftAddress()).build())
                .toList();
    }

    private static List<String> aliases(List<RaftStatus.Member> members) {
        return members.stream().map(RaftStatus.Member::alias).toList();
    }
}
