package io.dolphincluster.runtime.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class StolenTimeTest {

    @Test
    void stealIsTheEighthCounterAndGuestTimeIsNotCountedTwice() {
        StolenTime before = StolenTime.parse("cpu  100 0 50 800 10 0 5 35 60 0");
        StolenTime after = StolenTime.parse("cpu  200 0 70 900 10 0 5 60 90 0");

        assertThat(before).isEqualTo(new StolenTime(35, 1000));
        assertThat(after.percentSince(before)).isEqualTo(100.0 * 25 / 245);
    }

    @Test
    void noTimePassedMeansNothingStolen() {
        StolenTime same = StolenTime.parse("cpu 1 2 3 4 5 6 7 8");

        assertThat(same.percentSince(same)).isZero();
    }

    @Test
    void aLineThatIsNotTheCpuLineIsRefused() {
        assertThatThrownBy(() -> StolenTime.parse("intr 1 2 3"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("intr 1 2 3");
    }
}
