package io.dolphincluster.runtime.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

class LeaderWatchTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final AtomicReference<JsonNode> first = new AtomicReference<>();
    private final AtomicReference<JsonNode> second = new AtomicReference<>();
    private final LeaderWatch watch = new LeaderWatch(List.of(first::get, second::get));

    private static JsonNode status(long term, String leader) {
        return JSON.createObjectNode().put("term", term).put("leader", leader);
    }

    @Test
    void aSteadyGroupHasNoElectionAndNoLeaderChange() {
        first.set(status(3, "c1"));
        second.set(status(3, "c1"));
        for (int i = 0; i < 5; i++) watch.poll();

        assertThat(watch.elections()).isZero();
        assertThat(watch.leaderChanges()).isZero();
        assertThat(watch.changes())
                .singleElement()
                .extracting(LeaderWatch.Change::term)
                .isEqualTo(3L);
    }

    @Test
    void aNewLeaderIsOneElectionAndOneChange() {
        first.set(status(3, "c1"));
        second.set(status(3, "c1"));
        watch.poll();
        first.set(status(4, null)); // standing: no leader known yet
        watch.poll();
        second.set(status(4, "c2"));
        first.set(status(4, "c2"));
        watch.poll();

        assertThat(watch.elections()).isEqualTo(1);
        assertThat(watch.leaderChanges()).isEqualTo(1);
    }

    @Test
    void anElectionTheSameLeaderWinsAgainIsCountedByTheTerm() {
        first.set(status(3, "c1"));
        second.set(status(3, "c1"));
        watch.poll();
        first.set(status(5, "c1"));
        watch.poll();

        assertThat(watch.elections()).isEqualTo(2);
        assertThat(watch.leaderChanges()).isZero();
    }

    @Test
    void anUnreachableControllerIsCountedAndTheOthersStillWatched() {
        Supplier<JsonNode> down =
                () -> {
                    throw new IllegalStateException("connection refused");
                };
        LeaderWatch partial = new LeaderWatch(List.of(down, () -> status(2, "c2")));
        partial.poll();

        assertThat(partial.pollFailures()).isEqualTo(1);
        assertThat(partial.pollFailureCauses())
                .containsExactly(
                        Map.entry("java.lang.IllegalStateException: connection refused", 1L));
        assertThat(partial.changes())
                .singleElement()
                .extracting(LeaderWatch.Change::leader)
                .isEqualTo("c2");
    }
}
