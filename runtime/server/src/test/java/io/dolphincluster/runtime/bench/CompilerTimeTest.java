package io.dolphincluster.runtime.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class CompilerTimeTest {

    @Test
    void aCompilerThreadCountsItsUserAndSystemTicksAndOtherThreadsNothing() {
        String c2 =
                "4711 (C2 CompilerThre) S 4700 4700 4700 0 -1 1077936192 9 0 0 0 1234 56 0 0 20 0"
                        + " 40 0 100 1 2";
        String c1OnJdk27 =
                "4714 (C1 Comp..hread0) S 4700 4700 4700 0 -1 1077936192 9 0 0 0 30 4 0 0 20 0"
                        + " 40 0 100 1 2";
        String worker =
                "4712 (grpc-default-executor-0) S 4700 4700 4700 0 -1 1077936192 9 0 0 0 999 99"
                        + " 0 0 20 0 40 0 100 1 2";
        String tricky =
                "4713 (x) (C2 CompilerThre) S 4700 4700 4700 0 -1 1077936192 9 0 0 0 7 8 0 0 20 0"
                        + " 40 0 100 1 2";

        assertThat(CompilerTime.compilerTicks(c2)).isEqualTo(1290);
        assertThat(CompilerTime.compilerTicks(c1OnJdk27)).isEqualTo(34);
        assertThat(CompilerTime.compilerTicks(worker)).isZero();
        assertThat(CompilerTime.compilerTicks(tricky)).isZero();
    }

    @Test
    void thisJvmHasCompiledSomethingAndAMissingProcessNothing() {
        assumeTrue(Files.isDirectory(Path.of("/proc/self/task")), "Linux only");

        assertThat(CompilerTime.of(List.of(ProcessHandle.current().pid()))).isPositive();
        assertThat(CompilerTime.of(List.of(Long.MAX_VALUE))).isZero();
    }
}
