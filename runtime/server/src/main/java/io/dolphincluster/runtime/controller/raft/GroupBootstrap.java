package io.dolphincluster.runtime.controller.raft;

import io.dolphincluster.adminapi.RaftStatus;
import io.dolphincluster.runtime.config.NodeEntry;
import io.dolphincluster.runtime.config.Site;
import io.dolphincluster.runtime.http.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Decides, once per data directory, which peers a controller's Raft group starts with. The decision
 * is written to {@code bootstrap-peers.json} before Raft first starts and reused on every later
 * start, so a restart never changes it (after the first start the configuration Raft persisted wins
 * anyway).
 *
 * <ul>
 *   <li>The only controller in {@code cluster.nodes}: a one-member group.
 *   <li>Another listed controller already runs a group without this controller: start with no
 *       members and wait for the leader to add this controller.
 *   <li>Every other listed controller answers and none runs a group yet: a new cluster, every
 *       listed controller is a member. The start ids of the others are recorded, so that one which
 *       is still in the same start when it next looks (it saw a peer silent a moment before) may
 *       join the new group.
 *   <li>The running group lists this controller, but it formed without seeing this very start of
 *       it: this controller's data directory was lost or wiped. It must not vote under its old
 *       identity (it may have acknowledged entries it no longer has, and counting it towards a
 *       majority could lose committed metadata), so it waits until it is removed from the group,
 *       then waits to be added like a new one.
 *   <li>Otherwise wait. A fresh controller never forms a group of its own while a listed controller
 *       is silent: that controller may hold the cluster's metadata (split brain).
 * </ul>
 */
public final class GroupBootstrap {
    private static final Logger log = LoggerFactory.getLogger(GroupBootstrap.class);
    private static final long POLL_MILLIS = 500;
    private static final long REPORT_EVERY_MILLIS = 10_000;

    private final Site self;
    private final String startId;
    private final List<NodeEntry> controllers;
    private final ControllerPeers peers;
    private final Path decisionFile;
    private final PeerStatusProbe probe;

    public GroupBootstrap(
            Site self,
            String startId,
            List<NodeEntry> controllers,
            ControllerPeers peers,
            Path home,
            PeerStatusProbe probe) {
        this.self = self;
        this.startId = startId;
        this.controllers = controllers;
        this.peers = peers;
        this.decisionFile = home.resolve("bootstrap-peers.json");
        this.probe = probe;
    }

    /**
     * The group to start Raft with (no members: wait to be added). Blocks until it can decide
     * safely.
     */
    public BootstrapDecision decision() throws IOException, InterruptedException {
        if (Files.exists(decisionFile)) {
            BootstrapDecision saved =
                    Json.MAPPER.readValue(decisionFile.toFile(), BootstrapDecision.class);
            log.info(
                    "[{}] starting with the group decided at first start: {}",
                    self.alias(),
                    aliases(saved.members()));
            return saved;
        }
        BootstrapDecision decided = decide();
        Files.createDirectories(decisionFile.getParent());
        Path temporary = decisionFile.resolveSibling(decisionFile.getFileName() + ".tmp");
        Json.MAPPER.writeValue(temporary.toFile(), decided);
        Files.move(temporary, decisionFile, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        return decided;
    }

    private BootstrapDecision decide() throws InterruptedException {
        List<Site> others =
                controllers.stream().map(NodeEntry::site).filter(s -> !s.equals(self)).toList();
        if (others.isEmpty()) {
            log.info(
                    "[{}] the only controller in cluster.nodes: starting a one-member group",
                    self.alias());
            return BootstrapDecision.joining(List.of(memberOf(self)));
        }
        long nextReport = System.currentTimeMillis();
        while (true) {
            Map<String, String> silent = new TreeMap<>(); // alias → why it gave no status
            List<RaftStatus> running = new ArrayList<>();
            List<String> waitingToBeAdded = new ArrayList<>();
            Map<String, String> startingIds = new TreeMap<>();
            for (Site other : others) {
                PeerStatusProbe.Answer answer = probe.statusOf(other);
                Optional<RaftStatus> status = answer.status();
                if (status.isEmpty()) silent.put(other.alias(), answer.problem());
                else if (RaftStatus.STARTING.equals(status.get().phase()))
                    startingIds.put(other.alias(), status.get().startId());
                else if (status.get().members().isEmpty()) waitingToBeAdded.add(other.alias());
                else running.add(status.get());
            }
            Optional<RaftStatus> newest =
                    running.stream().max(Comparator.comparingLong(RaftStatus::configurationIndex));
            String waitingFor;
            if (newest.isPresent()) {
                RaftStatus group = newest.get();
                if (!group.hasMember(self.alias())) {
                    log.info(
                            "[{}] {} runs the group {} without this controller: starting with no group, for the leader to add it",
                            self.alias(),
                            group.alias(),
                            aliases(group.members()));
                    return BootstrapDecision.joining(List.of());
                }
                Optional<RaftStatus> formedWithThisStart =
                        running.stream()
                                .filter(
                                        r ->
                                                startId.equals(
                                                        r.bootstrapStartIds().get(self.alias())))
                                .findFirst();
                if (formedWithThisStart.isPresent()) {
                    log.info(
                            "[{}] {} formed the new group {} with this controller: joining it",
                            self.alias(),
                            formedWithThisStart.get().alias(),
                            aliases(group.members()));
                    return BootstrapDecision.joining(group.members());
                }
                waitingFor =
                        "the running group "
                                + aliases(group.members())
                                + " lists this controller, but its"
                                + " data directory is empty, so it cannot rejoin under its old identity. Remove it on the leader"
                                + " (DELETE /api/admin/members/"
                                + self.alias()
                                + "); it then waits to be added back";
            } else if (startingIds.size() == others.size()) {
                List<RaftStatus.Member> all =
                        controllers.stream().map(c -> memberOf(c.site())).toList();
                log.info(
                        "[{}] every controller is new: starting the group {}",
                        self.alias(),
                        aliases(all));
                return new BootstrapDecision(all, startingIds);
            } else if (!silent.isEmpty()) {
                waitingFor =
                        "waiting for controllers to answer before deciding how to start: " + silent;
            } else {
                waitingFor =
                        "controllers "
                                + waitingToBeAdded
                                + " wait to be added to a group, but no answering"
                                + " controller runs one: waiting for a group to appear";
            }
            if (System.currentTimeMillis() >= nextReport) {
                log.warn("[{}] {}", self.alias(), waitingFor);
                nextReport = System.currentTimeMillis() + REPORT_EVERY_MILLIS;
            }
            TimeUnit.MILLISECONDS.sleep(POLL_MILLIS);
        }
    }

    private RaftStatus.Member memberOf(Site site) {
        return new RaftStatus.Member(
                site.alias(), site.hostPort(), peers.peerOf(site).getAddress());
    }

    private static List<String> aliases(List<RaftStatus.Member> members) {
        return members.stream().map(RaftStatus.Member::alias).toList();
    }
}
