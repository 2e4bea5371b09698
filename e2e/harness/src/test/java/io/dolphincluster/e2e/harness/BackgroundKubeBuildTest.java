package io.dolphincluster.e2e.harness;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BackgroundKubeBuildTest {

    @TempDir Path root;
    private Process holder;

    @AfterEach
    void stopHolder() {
        if (holder != null) {
            holder.destroyForcibly();
        }
    }

    @Test
    void withoutALockFileThereIsNoBuildToWaitFor() {
        assertThat(new BackgroundKubeBuild(root).awaitEnd(Duration.ofMinutes(1))).isFalse();
    }

    @Test
    void aLockNobodyHoldsIsABuildThatEnded() throws IOException {
        Files.createFile(root.resolve(BackgroundKubeBuild.LOCK));

        assertThat(new BackgroundKubeBuild(root).awaitEnd(Duration.ofMinutes(1))).isFalse();
    }

    @Test
    void waitsUntilTheBuildLetsGoOfTheLock() throws Exception {
        holdLock();
        CompletableFuture<Boolean> waited =
                CompletableFuture.supplyAsync(
                        () -> new BackgroundKubeBuild(root).awaitEnd(Duration.ofMinutes(1)));
        awaitWaitingFlock();
        assertThat(waited).isNotDone();

        holder.getOutputStream().close(); // the holder's cat ends, and flock releases the lock

        assertThat(waited.get(30, TimeUnit.SECONDS)).isTrue();
    }

    @Test
    void aBuildStillRunningAtTheDeadlineIsAnErrorNamingItsLog() throws Exception {
        holdLock();

        assertThatThrownBy(() -> new BackgroundKubeBuild(root).awaitEnd(Duration.ofSeconds(1)))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("still runs")
                .hasMessageContaining(root.resolve(BackgroundKubeBuild.LOG).toString());
    }

    /** Until the waiter's own {@code flock -w} runs, blocked on the lock the holder has. */
    private static void awaitWaitingFlock() throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (ProcessHandle.current()
                .children()
                .noneMatch(
                        p ->
                                p.info()
                                        .arguments()
                                        .map(args -> args.length > 0 && args[0].equals("-w"))
                                        .orElse(false))) {
            assertThat(System.nanoTime()).as("the waiter's flock -w started").isLessThan(deadline);
            Thread.sleep(10);
        }
    }

    /** As install-kube.sh's build does: flock(1) on the lock, held until stdin closes. */
    private void holdLock() throws IOException {
        holder =
                new ProcessBuilder(
                                "flock",
                                root.resolve(BackgroundKubeBuild.LOCK).toString(),
                                "sh",
                                "-c",
                                "echo locked; cat")
                        .redirectErrorStream(true)
                        .start();
        BufferedReader out =
                new BufferedReader(
                        new InputStreamReader(holder.getInputStream(), StandardCharsets.UTF_8));
        assertThat(out.readLine()).isEqualTo("locked");
    }
}
