package io.dolphincluster.runtime.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dolphincluster.runtime.config.MachineIdentity;
import io.dolphincluster.runtime.config.NodeEntry;
import io.dolphincluster.runtime.config.NodeMode;
import io.dolphincluster.runtime.config.Site;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DatanodeLauncherTest {
    private static final NodeEntry DATANODE1 =
            new NodeEntry(new Site("10.1.1.1", 8911, "datanode1"), NodeMode.DATANODE);
    private static final List<NodeEntry> NODES =
            List.of(
                    new NodeEntry(new Site("10.1.1.1", 8900, "controller1"), NodeMode.CONTROLLER),
                    new NodeEntry(new Site("10.1.1.1", 8901, "agent1"), NodeMode.AGENT),
                    DATANODE1);

    @TempDir Path home;

    @Test
    void writesTheDatanodeFilesAndTheSeedCommandLine() throws Exception {
        DatanodeLauncher launcher =
                new DatanodeLauncher(
                        home,
                        new MachineIdentity("host-a", "zone-1"),
                        List.of("/opt/dolphin/bin/dolphin"),
                        Path.of("/etc/dolphin/cluster.secret"));

        List<String> command = launcher.prepare(DATANODE1, NODES);

        Path dir = home.toAbsolutePath().resolve("datanode1");
        assertThat(command)
                .containsExactly(
                        "/opt/dolphin/bin/dolphin",
                        "-console",
                        "0",
                        "-mode",
                        "datanode",
                        "-home",
                        dir.toString(),
                        "-config",
                        dir.resolve("datanode.cfg").toString(),
                        "-logFile",
                        dir.resolve("log/datanode.log").toString(),
                        "-nodesFile",
                        dir.resolve("cluster.nodes").toString());
        assertThat(Files.readAllLines(dir.resolve("datanode.cfg")))
                .contains(
                        "localSite=10.1.1.1:8911:datanode1",
                        "machine=host-a",
                        "zone=zone-1",
                        "clusterSecretFile=/etc/dolphin/cluster.secret");
        assertThat(Files.readAllLines(dir.resolve("cluster.nodes")))
                .containsExactly(
                        "localSite,mode",
                        "10.1.1.1:8900:controller1,controller",
                        "10.1.1.1:8901:agent1,agent",
                        "10.1.1.1:8911:datanode1,datanode");
        assertThat(dir.resolve("log")).isDirectory();
    }

    @Test
    void givesItsDatanodesTheAgentsTls() throws Exception {
        var files =
                new io.dolphincluster.runtime.tls.TestPki(home.resolve("ca"))
                        .issue(home.resolve("tls"), "10.1.1.1");
        var tls = io.dolphincluster.runtime.tls.ClusterTls.on(files);

        new DatanodeLauncher(
                        home,
                        new MachineIdentity("10.1.1.1", ""),
                        List.of("dolphin"),
                        home.resolve("cluster.secret"),
                        tls)
                .prepare(DATANODE1, NODES);

        assertThat(Files.readAllLines(home.resolve("datanode1/datanode.cfg")))
                .contains(
                        "enableHTTPS=true",
                        "tlsCertFile=" + files.cert(),
                        "tlsKeyFile=" + files.key(),
                        "tlsCaFile=" + files.ca());
    }

    @Test
    void anEmptyZoneIsNotWritten() throws Exception {
        new DatanodeLauncher(
                        home,
                        new MachineIdentity("10.1.1.1", ""),
                        List.of("dolphin"),
                        home.resolve("cluster.secret"))
                .prepare(DATANODE1, NODES);

        assertThat(Files.readString(home.resolve("datanode1/datanode.cfg")))
                .doesNotContain("zone=");
    }

    @Test
    void theProgramIsDatanodeCommandElseTheDistributionLauncher() {
        assertThat(DatanodeLauncher.program(" java -cp x  Main ", "/opt/d"))
                .containsExactly("java", "-cp", "x", "Main");
        assertThat(DatanodeLauncher.program(null, "/opt/d"))
                .containsExactly(Path.of("/opt/d/bin/dolphin").toString());
        assertThatThrownBy(() -> DatanodeLauncher.program(null, null))
                .hasMessageContaining("datanodeCommand");
    }
}
