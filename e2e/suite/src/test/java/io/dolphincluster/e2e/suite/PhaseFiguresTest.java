package io.dolphincluster.e2e.suite;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class PhaseFiguresTest {
    private static final long MS = 1_000_000L;
    private final AtomicLong now = new AtomicLong();
    private final PhaseFigures figures = new PhaseFigures(now::get);

    @Test
    void percentilesAreNearestRankOverSortedValues() {
        LatencySample sample = new LatencySample();
        for (int i = 300; i >= 1; i--) sample.add(i);
        assertThat(sample.percentile(0.5)).isEqualTo(150);
        assertThat(sample.percentile(0.99)).isEqualTo(297);
        assertThat(sample.max()).isEqualTo(300);
        assertThat(new LatencySample().percentile(0.99)).isZero();
        assertThatThrownBy(() -> sample.percentile(0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void appendsAndFailuresLandInTheCurrentPhase() {
        figures.append(5 * MS, false); // before any phase: not counted
        figures.begin("idle");
        figures.append(2 * MS, false);
        figures.append(4 * MS, false);
        now.addAndGet(10_000 * MS);
        figures.begin("scale");
        figures.append(8 * MS, false);
        figures.append(60_000 * MS, true);
        now.addAndGet(3_000 * MS);
        assertThat(figures.settled()).isEqualTo(Duration.ofSeconds(3));
        now.addAndGet(1_000 * MS);
        figures.finish();

        List<PhaseFigures.Row> rows = figures.rows();
        assertThat(rows).extracting(PhaseFigures.Row::phase).containsExactly("idle", "scale");
        assertThat(rows.get(0).appends()).isEqualTo(2);
        assertThat(rows.get(0).p50Millis()).isEqualTo(2.0);
        assertThat(rows.get(0).maxMillis()).isEqualTo(4.0);
        assertThat(rows.get(0).seconds()).isEqualTo(10.0);
        assertThat(rows.get(0).settledSeconds()).isEqualTo(-1);
        assertThat(rows.get(1).appends()).isEqualTo(2);
        assertThat(rows.get(1).failures()).isEqualTo(1);
        assertThat(rows.get(1).maxMillis()).as("failed appends have no latency").isEqualTo(8.0);
        assertThat(rows.get(1).settledSeconds()).isEqualTo(3.0);
        assertThat(rows.get(1).seconds()).isEqualTo(4.0);
        assertThat(figures.table())
                .contains("| scale | 3.0 | 4.0 | 2 | 1 | 8.0 | 8.0 | 8.0 | 0.0 |");
    }

    @Test
    void theLeaderGapIsTheTimeSinceTheLastSampleThatFoundALeader() {
        figures.begin("idle");
        figures.leaderSample(true);
        now.addAndGet(500 * MS);
        figures.leaderSample(true);
        figures.begin("failover");
        now.addAndGet(500 * MS);
        figures.leaderSample(false);
        now.addAndGet(500 * MS);
        figures.leaderSample(false);
        now.addAndGet(500 * MS);
        figures.leaderSample(true);

        List<PhaseFigures.Row> rows = figures.rows();
        assertThat(rows.get(0).longestLeaderGapSeconds()).isEqualTo(0.5);
        assertThat(rows.get(1).longestLeaderGapSeconds()).isEqualTo(1.5);
        assertThat(figures.longestLeaderGap()).isEqualTo(Duration.ofMillis(1500));
    }

    @Test
    void settlingOutsideAPhaseIsAnError() {
        assertThatThrownBy(figures::settled).isInstanceOf(IllegalStateException.class);
    }
}
