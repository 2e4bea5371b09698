package io.dolphincluster.adminapi;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RaftStatusTest {
    private static final RaftStatus.Member C1 = new RaftStatus.Member("c1", "a:8900", "a:8902");
    private static final RaftStatus.Member C3 = new RaftStatus.Member("c3", "c:8900", "c:8902");

    private static RaftStatus c3(String phase, List<RaftStatus.Member> members) {
        return new RaftStatus(
                "c3",
                phase,
                "FOLLOWER",
                4,
                "c1",
                "a:8900",
                false,
                9,
                9,
                -1,
                0,
                true,
                7,
                members,
                Map.of(),
                "start",
                Map.of());
    }

    @Test
    void aControllerWaitsToBeAddedWhileItRunsOutsideTheGroupItKnows() {
        assertThat(c3(RaftStatus.RUNNING, List.of()).waitingToBeAdded()).as("never added").isTrue();
        assertThat(c3(RaftStatus.RUNNING, List.of(C1)).waitingToBeAdded())
                .as("an add that did not commit: caught up on the members, not yet one")
                .isTrue();
        assertThat(c3(RaftStatus.RUNNING, List.of(C1, C3)).waitingToBeAdded())
                .as("a member")
                .isFalse();
        assertThat(c3(RaftStatus.STARTING, List.of()).waitingToBeAdded())
                .as("still deciding how to start")
                .isFalse();
    }
}
