package io.dolphincluster.runtime.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class RunQueueTimeTest {

    @Test
    void keepsTheWaitAndTheSlicesOfASchedstatLine() {
        assertThat(RunQueueTime.parse("4223649881 963464664 4268\n"))
                .isEqualTo(new RunQueueTime(963_464_664, 4268));
        assertThat(new RunQueueTime(900, 40).minus(new RunQueueTime(300, 10)))
                .isEqualTo(new RunQueueTime(600, 30));
        assertThatThrownBy(() -> RunQueueTime.parse("1 2"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("1 2");
    }

    @Test
    void thisJvmsThreadsHaveRunAndAMissingProcessNothing() {
        assumeTrue(Files.isReadable(Path.of("/proc/self/schedstat")), "Linux with schedstat");

        assertThat(RunQueueTime.of(List.of(ProcessHandle.current().pid())).slices()).isPositive();
        assertThat(RunQueueTime.of(List.of(Long.MAX_VALUE))).isEqualTo(new RunQueueTime(0, 0));
    }
}
