package io.dolphincluster.runtime.metadata;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DrainRuleTest {
    private static final Map<String, NodeInfo> NODES =
            Map.of(
                    "a", node("a", NodeState.UP, false),
                    "b", node("b", NodeState.UP, false),
                    "c", node("c", NodeState.UP, true),
                    "d", node("d", NodeState.DOWN, false),
                    "e", node("e", NodeState.DOWN, true));

    private static NodeInfo node(String alias, NodeState state, boolean draining) {
        return new NodeInfo(alias, "h:1", "datanode", alias, "", state, 0, 0, draining);
    }

    private static ChunkInfo chunk(ReplicaInfo... replicas) {
        return new ChunkInfo("k", "db", "t", "p", List.of(replicas));
    }

    private static ReplicaInfo in(String node) {
        return new ReplicaInfo(node, 1, true);
    }

    private static ReplicaInfo out(String node) {
        return new ReplicaInfo(node, 0, false);
    }

    @Test
    void onlyUpNodesThatAreNotDrainingAreActive() {
        assertThat(NODES.values().stream().filter(DrainRule::isActive).map(NodeInfo::alias))
                .containsExactlyInAnyOrder("a", "b");
        assertThat(DrainRule.isActive(null)).isFalse();
    }

    @Test
    void aChunkNeedsAReplacementOnlyWhenItHasADrainingReplicaAndTooFewOnActiveNodes() {
        assertThat(DrainRule.needsReplacement(List.of(in("a"), in("d")), NODES, 2))
                .as("no draining replica")
                .isFalse();
        assertThat(DrainRule.needsReplacement(List.of(in("a"), in("c")), NODES, 2)).isTrue();
        assertThat(DrainRule.needsReplacement(List.of(in("a"), in("c"), out("b")), NODES, 2))
                .as("b is catching up")
                .isFalse();
        assertThat(DrainRule.needsReplacement(List.of(in("a"), out("e")), NODES, 2))
                .as("draining and down")
                .isTrue();
    }

    @Test
    void drainingReplicasAreReleasableOnlyWithTheFullFactorInSyncOnActiveNodes() {
        assertThat(DrainRule.releasable(chunk(in("c"), in("a"), out("b")), NODES, 2)).isEmpty();
        assertThat(DrainRule.releasable(chunk(in("c"), in("a"), in("d")), NODES, 2))
                .as("d is down")
                .isEmpty();
        assertThat(DrainRule.releasable(chunk(in("c"), in("a"), in("b")), NODES, 2))
                .containsExactly("c");
        assertThat(DrainRule.releasable(chunk(in("c"), in("a"), in("b"), out("e")), NODES, 2))
                .containsExactly("c", "e");
        assertThat(DrainRule.releasable(chunk(in("a"), in("b")), NODES, 2)).isEmpty();
    }
}
