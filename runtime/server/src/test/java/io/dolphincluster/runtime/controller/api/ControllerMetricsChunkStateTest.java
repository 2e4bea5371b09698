package io.dolphincluster.runtime.controller.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.dolphincluster.runtime.metadata.ChunkInfo;
import io.dolphincluster.runtime.metadata.ReplicaInfo;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ControllerMetricsChunkStateTest {

    @Test
    void aChunkIsHealthyOnlyWithItsFullFactorInSyncOnUpNodes() {
        ChunkInfo chunk =
                new ChunkInfo(
                        "db~t~k",
                        "db",
                        "t",
                        "k",
                        List.of(
                                new ReplicaInfo("d1", 3, true),
                                new ReplicaInfo("d2", 3, true),
                                new ReplicaInfo("d3", 1, false)));
        assertThat(ControllerMetrics.chunkState(chunk, Set.of("d1", "d2", "d3"), 2))
                .isEqualTo("healthy");
        assertThat(ControllerMetrics.chunkState(chunk, Set.of("d1", "d3"), 2))
                .isEqualTo("under_replicated");
        assertThat(ControllerMetrics.chunkState(chunk, Set.of("d1", "d2"), 3))
                .isEqualTo("under_replicated");
        assertThat(ControllerMetrics.chunkState(chunk, Set.of("d3"), 2)).isEqualTo("unavailable");
    }
}
