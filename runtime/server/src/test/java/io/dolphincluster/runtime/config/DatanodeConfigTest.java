package io.dolphincluster.runtime.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DatanodeConfigTest {
    @TempDir Path dir;

    @org.junit.jupiter.api.BeforeEach
    void clusterSecret() throws IOException {
        Files.writeString(
                dir.resolve(ClusterSecretKey.DEFAULT_FILE),
                io.dolphincluster.protocol.auth.ClusterCredential.generateSecret() + "\n");
    }

    private Path write(String name, String content) throws IOException {
        Path file = dir.resolve(name);
        Files.writeString(file, content);
        return file;
    }

    @Test
    void findsTheControllersInClusterNodesWhenTheFileNamesNone() throws Exception {
        Path cfg =
                write(
                        "datanode.cfg",
                        """
                localSite=10.1.1.1:8911:datanode1
                machine=rack1-host7
                """);
        ClusterNodes nodes =
                ClusterNodes.read(
                        write(
                                "cluster.nodes",
                                """
                localSite,mode
                10.1.1.1:8900:controller1,controller
                10.1.1.3:8900:controller2,controller
                10.1.1.1:8911:datanode1,datanode
                """));

        DatanodeConfig config = DatanodeConfig.read(cfg, nodes);

        assertThat(config.alias()).isEqualTo("datanode1");
        assertThat(config.httpPort()).isEqualTo(9911);
        assertThat(config.machineKey()).isEqualTo("rack1-host7");
        assertThat(config.controllers())
                .extracting(Site::alias)
                .containsExactly("controller1", "controller2");
    }

    @Test
    void theDataPortsConnectionsOfOneAddressAreAtMostItsTotal() throws Exception {
        String site =
                "localSite=10.1.1.1:8911:datanode1\ncontrollerSite=10.1.1.1:8900:controller1\n";
        assertThat(DatanodeConfig.read(write("a.cfg", site), null).maxConnectionsPerAddress())
                .isEqualTo(256);
        assertThat(
                        DatanodeConfig.read(write("b.cfg", site + "maxConnections=64\n"), null)
                                .maxConnectionsPerAddress())
                .as("the default lowered to a lower total")
                .isEqualTo(64);
        assertThat(
                        DatanodeConfig.read(
                                        write("c.cfg", site + "maxConnectionsPerAddress=8\n"), null)
                                .maxConnectionsPerAddress())
                .isEqualTo(8);
        ConfigException problem =
                catchThrowableOfType(
                        ConfigException.class,
                        () ->
                                DatanodeConfig.read(
                                        write(
                                                "d.cfg",
                                                site
                                                        + "maxConnections=64\nmaxConnectionsPerAddress=65\n"),
                                        null));
        assertThat(problem.getMessage())
                .contains(
                        "d.cfg:4: maxConnectionsPerAddress: expected at most maxConnections (64), got '65'");
    }

    @Test
    void sitesInTheFileWinOverClusterNodes() throws Exception {
        Path cfg =
                write(
                        "datanode.cfg",
                        """
                localSite=10.1.1.1:8911:datanode1
                sites=10.1.1.1:8911:datanode1:datanode,10.1.1.5:8900:controller3:controller
                """);

        assertThat(DatanodeConfig.read(cfg, null).controllers())
                .extracting(Site::alias)
                .containsExactly("controller3");
    }

    @Test
    void noControllerAnywhereIsAProblemSayingWhereTheyAreLookedFor() throws Exception {
        Path cfg = write("datanode.cfg", "localSite=10.1.1.1:8911:datanode1\n");

        ConfigException problem =
                catchThrowableOfType(ConfigException.class, () -> DatanodeConfig.read(cfg, null));

        assertThat(problem.getMessage())
                .contains(
                        "sites: expected controllers in sites=, controllerSite= or the cluster.nodes file, got 'none'");
    }
}
