package io.dolphincluster.runtime.agent;

import static org.assertj.core.api.Assertions.assertThat;

import io.dolphincluster.runtime.config.NodeEntry;
import io.dolphincluster.runtime.config.NodeMode;
import io.dolphincluster.runtime.config.Site;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The agent's process handling on real {@code sh}/{@code sleep} processes, each killed after the
 * test by pid.
 */
class DatanodeSupervisorIT {
    private static final NodeEntry DATANODE1 =
            new NodeEntry(new Site("127.0.0.1", 18911, "datanode1"), NodeMode.DATANODE);

    @TempDir Path home;

    private final List<Long> pids = new ArrayList<>();

    @AfterEach
    void killEverything() throws Exception {
        for (long pid : pids) {
            for (ProcessHandle process :
                    ProcessHandle.of(pid).stream()
                            .flatMap(
                                    p ->
                                            java.util.stream.Stream.concat(
                                                    p.descendants(), java.util.stream.Stream.of(p)))
                            .toList()) {
                process.destroyForcibly();
                process.onExit().get(10, TimeUnit.SECONDS);
            }
        }
    }

    private DatanodeSupervisor supervisor(Duration grace) {
        return new DatanodeSupervisor("agent1", grace, alias -> home.resolve(alias));
    }

    /**
     * A shell that runs {@code script} with {@code -home <dir>} among its arguments, as a datanode
     * would have.
     */
    private List<String> command(String script) throws Exception {
        Path dir = home.resolve("datanode1");
        Files.createDirectories(dir);
        return List.of("/bin/sh", "-c", script, "sh", "-home", dir.toString());
    }

    private DatanodeSupervisor.Status start(DatanodeSupervisor supervisor, String script)
            throws Exception {
        DatanodeSupervisor.Status status =
                supervisor.start(DATANODE1, command(script), home.resolve("out.log"));
        pids.add(status.pid());
        return status;
    }

    @Test
    void startsOnceAndStopsTheProcessAndItsChildren() throws Exception {
        DatanodeSupervisor supervisor = supervisor(Duration.ofSeconds(10));

        DatanodeSupervisor.Status started = start(supervisor, "sleep 600");
        ProcessHandle process = ProcessHandle.of(started.pid()).orElseThrow();
        assertThat(started.state()).isEqualTo("running");
        assertThat(supervisor.start(DATANODE1, List.of("/bin/false"), home.resolve("out.log")))
                .extracting(DatanodeSupervisor.Status::pid, DatanodeSupervisor.Status::message)
                .containsExactly(started.pid(), "already running");
        List<ProcessHandle> children = process.descendants().toList();

        DatanodeSupervisor.Status stopped = supervisor.stop(DATANODE1);

        assertThat(stopped.state()).isEqualTo("stopped");
        assertThat(stopped.message()).isEqualTo("stopped");
        assertThat(process.isAlive()).isFalse();
        assertThat(children).noneMatch(ProcessHandle::isAlive);
        assertThat(supervisor.stop(DATANODE1).message()).isEqualTo("not running");
    }

    @Test
    void aProcessIgnoringSigtermIsKilledAfterTheGracePeriod() throws Exception {
        DatanodeSupervisor supervisor = supervisor(Duration.ofSeconds(1));
        Path trapped = home.resolve("trapped");
        long pid = start(supervisor, "trap '' TERM; touch " + trapped + "; sleep 600").pid();
        // SIGTERM must arrive after the shell ignores it, not before
        org.awaitility.Awaitility.await("the trap is set")
                .atMost(Duration.ofSeconds(10))
                .until(() -> Files.exists(trapped));

        DatanodeSupervisor.Status stopped = supervisor.stop(DATANODE1);

        assertThat(stopped.message()).isEqualTo("killed after 1 s");
        assertThat(ProcessHandle.of(pid).filter(ProcessHandle::isAlive)).isEmpty();
    }

    @Test
    void aNewSupervisorAdoptsTheProcessNamedByThePidFileOnlyIfItRunsWithThatHome()
            throws Exception {
        long pid = start(supervisor(Duration.ofSeconds(10)), "sleep 600").pid();

        DatanodeSupervisor next = supervisor(Duration.ofSeconds(10));
        assertThat(next.status(DATANODE1))
                .extracting(DatanodeSupervisor.Status::state, DatanodeSupervisor.Status::pid)
                .containsExactly("running", pid);
        next.stop(DATANODE1);
        assertThat(ProcessHandle.of(pid).filter(ProcessHandle::isAlive)).isEmpty();

        Files.writeString(
                home.resolve("datanode1/datanode.pid"),
                Long.toString(ProcessHandle.current().pid()));
        assertThat(supervisor(Duration.ofSeconds(10)).status(DATANODE1).state())
                .as("a live pid of some other process is not the datanode")
                .isEqualTo("stopped");
    }
}
