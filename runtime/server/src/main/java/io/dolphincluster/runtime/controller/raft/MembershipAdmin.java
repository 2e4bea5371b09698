package io.dolphincluster.runtime.controller.raft;

import io.dolphincluster.adminapi.RaftStatus;
import io.dolphincluster.runtime.config.Site;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.apache.ratis.protocol.RaftClientReply;
import org.apache.ratis.protocol.RaftPeer;
import org.apache.ratis.protocol.RaftPeerId;
import org.apache.ratis.protocol.SetConfigurationRequest;
import org.apache.ratis.protocol.exceptions.NotLeaderException;
import org.apache.ratis.protocol.exceptions.TransferLeadershipException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Changes the controller group one peer at a time, on the leader. Each change is a compare-and-set
 * against the members the caller saw (or, when it names none, the members seen now), so a retried
 * request never applies twice. Raft commits a change with a majority of the old and of the new
 * members (joint consensus), so a change is refused unless both have a responsive majority:
 * otherwise it could never commit and would block every later change.
 */
public final class MembershipAdmin {
    private static final Logger log = LoggerFactory.getLogger(MembershipAdmin.class);
    private static final int MAX_TRANSFER_ATTEMPTS = 5;
    private static final long TRANSFER_RETRY_MILLIS = 300;

    /**
     * The outcome of a membership request: the members afterwards and whether this request changed
     * them.
     */
    public record Outcome(boolean changed, List<RaftStatus.Member> members, String message) {}

    /** Why a membership request was refused; {@code conflict} means retrying later may succeed. */
    public static final class Refused extends RuntimeException {
        private static final long serialVersionUID = 1L;
        private final boolean conflict;

        Refused(boolean conflict, String message) {
            super(message);
            this.conflict = conflict;
        }

        public boolean conflict() {
            return conflict;
        }
    }

    private final String alias;
    private final ControllerGroup group;
    private final long responsiveWithinMillis;

    public MembershipAdmin(String alias, ControllerGroup group, long responsiveWithinMillis) {
        this.alias = alias;
        this.group = group;
        this.responsiveWithinMillis = responsiveWithinMillis;
    }

    public CompletableFuture<Outcome> add(Site site, List<String> expectedMembers) {
        Collection<RaftPeer> current = checkedCurrent(expectedMembers);
        if (contains(current, site.alias())) {
            return CompletableFuture.completedFuture(
                    new Outcome(
                            false,
                            group.membersOf(current),
                            site.alias() + " is already a member"));
        }
        List<RaftPeer> next = new ArrayList<>(current);
        next.add(group.peers().peerOf(site));
        requireMajority(current.size(), responsiveAmong(current), "adding " + site.alias());
        // The new peer counts as responsive: Ratis catches it up before the new configuration
        // commits.
        requireMajority(next.size(), responsiveAmong(current) + 1, "adding " + site.alias());
        log.info("[{}] membership change: adding {} to {}", alias, site.alias(), aliases(current));
        return change(current, next, site.alias() + " added");
    }

    public CompletableFuture<Outcome> remove(String member, List<String> expectedMembers) {
        Collection<RaftPeer> current = checkedCurrent(expectedMembers);
        if (!contains(current, member)) {
            return CompletableFuture.completedFuture(
                    new Outcome(false, group.membersOf(current), member + " is not a member"));
        }
        if (member.equals(alias)) {
            throw new Refused(
                    true, member + " is the leader: transfer leadership to another member first");
        }
        if (current.size() == 1) throw new Refused(false, "cannot remove the last member");
        List<RaftPeer> next =
                current.stream().filter(p -> !p.getId().toString().equals(member)).toList();
        requireMajority(current.size(), responsiveAmong(current), "removing " + member);
        requireMajority(next.size(), responsiveAmong(next), "removing " + member);
        log.info("[{}] membership change: removing {} from {}", alias, member, aliases(current));
        return change(current, next, member + " removed");
    }

    public CompletableFuture<Outcome> transferLeadership(String target, long timeoutMillis) {
        Collection<RaftPeer> current = group.currentPeers();
        if (!contains(current, target)) throw new Refused(false, target + " is not a member");
        if (target.equals(alias)) {
            return CompletableFuture.completedFuture(
                    new Outcome(false, group.membersOf(current), target + " already leads"));
        }
        log.info("[{}] transferring leadership to {}", alias, target);
        ControllerRaft raft = group.raft().orElseThrow();
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
        String done = "leadership transferred to " + target;
        return transfer(raft, RaftPeerId.valueOf(target), deadline, 1)
                .thenApply(
                        reply ->
                                leaderIs(reply, target)
                                        ? new Outcome(true, group.membersOf(current), done)
                                        : outcome(reply, current, done));
    }

    /**
     * Ratis' transfer, tried again within the deadline when it did not take: right after an
     * election the target's own election can fail (the other voter still follows the old leader),
     * the old leader is elected again, and the target is still the one asked for. A reply that the
     * leader moved elsewhere ends the tries.
     */
    private CompletableFuture<RaftClientReply> transfer(
            ControllerRaft raft, RaftPeerId target, long deadline, int attempt) {
        long leftMillis = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
        return raft.transferLeadership(target, Math.max(1, leftMillis))
                .thenCompose(
                        reply -> {
                            long left = deadline - System.nanoTime();
                            if (reply.isSuccess()
                                    || attempt >= MAX_TRANSFER_ATTEMPTS
                                    || left
                                            < TimeUnit.MILLISECONDS.toNanos(
                                                    2 * TRANSFER_RETRY_MILLIS)
                                    || !transferMayBeRetried(reply)) {
                                return CompletableFuture.completedFuture(reply);
                            }
                            log.info(
                                    "[{}] leadership transfer to {} did not take ({}); trying again",
                                    alias,
                                    target,
                                    String.valueOf(reply.getException()));
                            return CompletableFuture.supplyAsync(
                                            () -> null,
                                            CompletableFuture.delayedExecutor(
                                                    TRANSFER_RETRY_MILLIS, TimeUnit.MILLISECONDS))
                                    .thenCompose(
                                            ignored ->
                                                    transfer(raft, target, deadline, attempt + 1));
                        });
    }

    /** A refusal that names {@code target} as the leader: the transfer took after all. */
    private static boolean leaderIs(RaftClientReply reply, String target) {
        NotLeaderException notLeader = reply.getNotLeaderException();
        return notLeader != null
                && notLeader.getSuggestedLeader() != null
                && notLeader.getSuggestedLeader().getId().toString().equals(target);
    }

    /** The transfer failed as such, or this node is between terms and no one else leads yet. */
    private boolean transferMayBeRetried(RaftClientReply reply) {
        if (reply.getException() instanceof TransferLeadershipException) return true;
        NotLeaderException notLeader = reply.getNotLeaderException();
        return notLeader != null
                && (notLeader.getSuggestedLeader() == null
                        || notLeader.getSuggestedLeader().getId().toString().equals(alias));
    }

    private Collection<RaftPeer> checkedCurrent(List<String> expectedMembers) {
        if (!group.isStable()) throw new Refused(true, "a membership change is in progress");
        Collection<RaftPeer> current = group.currentPeers();
        if (expectedMembers != null
                && !expectedMembers.isEmpty()
                && !Set.copyOf(expectedMembers).equals(Set.copyOf(aliases(current)))) {
            throw new Refused(
                    true,
                    "the members are "
                            + aliases(current)
                            + ", not the expected "
                            + expectedMembers);
        }
        return current;
    }

    private CompletableFuture<Outcome> change(
            Collection<RaftPeer> current, List<RaftPeer> next, String done) {
        SetConfigurationRequest.Arguments arguments =
                SetConfigurationRequest.Arguments.newBuilder()
                        .setServersInCurrentConf(List.copyOf(current))
                        .setServersInNewConf(next)
                        .setMode(SetConfigurationRequest.Mode.COMPARE_AND_SET)
                        .build();
        return group.raft()
                .orElseThrow()
                .setConfiguration(arguments)
                .thenApply(reply -> outcome(reply, next, done));
    }

    private Outcome outcome(RaftClientReply reply, Collection<RaftPeer> members, String done) {
        if (!reply.isSuccess()) {
            throw new Refused(true, "Raft refused the change: " + reply.getException());
        }
        return new Outcome(true, group.membersOf(members), done);
    }

    private int responsiveAmong(Collection<RaftPeer> peers) {
        Set<String> responsive = group.responsiveMembers(responsiveWithinMillis);
        return (int) peers.stream().filter(p -> responsive.contains(p.getId().toString())).count();
    }

    private static void requireMajority(int size, int responsive, String what) {
        if (responsive < size / 2 + 1) {
            throw new Refused(
                    true,
                    what
                            + " would leave "
                            + responsive
                            + " responsive of "
                            + size
                            + " members, less than a majority");
        }
    }

    private static boolean contains(Collection<RaftPeer> peers, String member) {
        return peers.stream().anyMatch(p -> p.getId().toString().equals(member));
    }

    private static List<String> aliases(Collection<RaftPeer> peers) {
        return peers.stream().map(p -> p.getId().toString()).sorted().collect(Collectors.toList());
    }
}
