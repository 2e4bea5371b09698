package io.dolphincluster.runtime.bench;

import com.fasterxml.jackson.databind.JsonNode;
import io.dolphincluster.runtime.testkit.ControllerProcess;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Watches a controller group for elections: polls every controller's Raft status and records each
 * new term and each change of the leader the group names. With pre-vote on, a term only grows when
 * an election was held, so the highest term seen counts elections even if one is too short to be
 * caught between two polls.
 */
final class LeaderWatch implements AutoCloseable {
    /** A change seen by one poll: the highest term and the leader named in it. */
    record Change(Instant at, long term, String leader) {}

    private final List<Supplier<JsonNode>> statuses;
    private final ScheduledExecutorService poller =
            Executors.newSingleThreadScheduledExecutor(new DaemonThreadFactory("leader-watch"));
    private final List<Change> changes = new ArrayList<>();
    private final Map<String, Long> pollFailures = new TreeMap<>();

    /**
     * A watch of the Raft statuses ({@code GET /api/raft}) the suppliers return; polled by hand.
     */
    LeaderWatch(List<Supplier<JsonNode>> statuses) {
        this.statuses = List.copyOf(statuses);
    }

    /** Starts polling every {@code interval}; the first poll records the starting term. */
    static LeaderWatch start(List<ControllerProcess> controllers, Duration interval) {
        LeaderWatch watch =
                new LeaderWatch(
                        controllers.stream()
                                .map(c -> (Supplier<JsonNode>) () -> c.admin().raft())
                                .toList());
        watch.poll();
        watch.poller.scheduleWithFixedDelay(
                watch::poll, interval.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
        return watch;
    }

    void poll() {
        long term = -1;
        String leader = null;
        for (Supplier<JsonNode> status : statuses) {
            try {
                JsonNode raft = status.get();
                long seen = raft.path("term").asLong(-1);
                String named = raft.path("leader").isTextual() ? raft.get("leader").asText() : null;
                if (seen > term || (seen == term && leader == null)) {
                    term = seen;
                    leader = named;
                }
            } catch (RuntimeException e) {
                synchronized (this) {
                    pollFailures.merge(String.valueOf(e), 1L, Long::sum);
                }
            }
        }
        if (term < 0) return;
        synchronized (this) {
            Change last = changes.isEmpty() ? null : changes.get(changes.size() - 1);
            boolean leaderNamed = leader != null;
            if (last == null
                    || term > last.term()
                    || (leaderNamed && !leader.equals(last.leader()))) {
                changes.add(new Change(Instant.now(), term, leader));
            }
        }
    }

    /** Every change seen, the starting state first. */
    synchronized List<Change> changes() {
        return List.copyOf(changes);
    }

    /** Elections since the watch started: how far the highest term grew. */
    synchronized long elections() {
        if (changes.isEmpty()) return 0;
        return changes.get(changes.size() - 1).term() - changes.get(0).term();
    }

    /** Leader changes since the watch started, as the polls saw them. */
    synchronized long leaderChanges() {
        long count = 0;
        String previous = changes.isEmpty() ? null : changes.get(0).leader();
        for (Change change : changes) {
            if (change.leader() != null && !change.leader().equals(previous)) {
                if (previous != null) count++;
                previous = change.leader();
            }
        }
        return count;
    }

    synchronized long pollFailures() {
        return pollFailures.values().stream().mapToLong(Long::longValue).sum();
    }

    /** How many polls failed, by their exception (class and message). */
    synchronized Map<String, Long> pollFailureCauses() {
        return Map.copyOf(pollFailures);
    }

    @Override
    public void close() {
        poller.shutdownNow();
    }
}
