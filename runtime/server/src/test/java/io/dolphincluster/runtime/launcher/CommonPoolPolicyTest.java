package io.dolphincluster.runtime.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Properties;
import org.junit.jupiter.api.Test;

class CommonPoolPolicyTest {

    private static String parallelismAfter(Properties system, int processors) {
        CommonPoolPolicy.apply(system, processors);
        return system.getProperty(CommonPoolPolicy.PARALLELISM);
    }

    @Test
    void onTwoCpusOrFewerTheCommonPoolGetsTwoThreads() {
        assertThat(parallelismAfter(new Properties(), 1)).isEqualTo("2");
        assertThat(parallelismAfter(new Properties(), 2)).isEqualTo("2");
    }

    @Test
    void onMoreCpusTheJdksDefaultIsKept() {
        assertThat(parallelismAfter(new Properties(), 3)).isNull();
        assertThat(parallelismAfter(new Properties(), 64)).isNull();
    }

    @Test
    void anExplicitSettingWins() {
        Properties system = new Properties();
        system.setProperty(CommonPoolPolicy.PARALLELISM, "1");
        assertThat(parallelismAfter(system, 2)).isEqualTo("1");
    }
}
