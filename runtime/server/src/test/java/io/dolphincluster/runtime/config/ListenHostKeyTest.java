package io.dolphincluster.runtime.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.dolphincluster.protocol.auth.ClusterCredential;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code listenHost} in each node's file: where its ports bind, by default the host of {@code
 * localSite}.
 */
class ListenHostKeyTest {
    private static final String CONTROLLER = "localSite=127.0.0.2:8900:controller1\n";
    private static final String DATANODE =
            "localSite=127.0.0.2:8911:datanode1\ncontrollerSite=127.0.0.1:8900:controller1\n";
    private static final String AGENT =
            "localSite=127.0.0.2:8901:agent1\ncontrollerSite=127.0.0.1:8900:controller1\n";
    private static final String EXPECTED =
            "expected an IP address or host name of this machine to listen on"
                    + " (0.0.0.0: every interface)";

    @TempDir Path dir;

    @BeforeEach
    void clusterSecret() throws IOException {
        Files.writeString(
                dir.resolve(ClusterSecretKey.DEFAULT_FILE),
                ClusterCredential.generateSecret() + "\n");
    }

    private Path write(String name, String content) throws IOException {
        Path file = dir.resolve(name);
        Files.writeString(file, content);
        return file;
    }

    @Test
    void byDefaultEveryNodeListensOnTheHostOfItsLocalSite() throws Exception {
        assertThat(ControllerConfig.read(write("controller.cfg", CONTROLLER)).listenHost())
                .isEqualTo("127.0.0.2");
        assertThat(DatanodeConfig.read(write("datanode.cfg", DATANODE), null).listenHost())
                .isEqualTo("127.0.0.2");
        assertThat(AgentConfig.read(write("agent.cfg", AGENT)).listenHost()).isEqualTo("127.0.0.2");
    }

    @Test
    void theWildcardIsReadFromEveryNodesFileWhileLocalSiteStaysTheAdvertisedAddress()
            throws Exception {
        ControllerConfig controller =
                ControllerConfig.read(write("controller.cfg", CONTROLLER + "listenHost=0.0.0.0\n"));
        assertThat(controller.listenHost()).isEqualTo(ListenHostKey.WILDCARD);
        assertThat(controller.localSite()).isEqualTo(new Site("127.0.0.2", 8900, "controller1"));
        assertThat(
                        DatanodeConfig.read(
                                        write("datanode.cfg", DATANODE + "listenHost=0.0.0.0\n"),
                                        null)
                                .listenHost())
                .isEqualTo("0.0.0.0");
        assertThat(
                        AgentConfig.read(write("agent.cfg", AGENT + "listenHost=0.0.0.0\n"))
                                .listenHost())
                .isEqualTo("0.0.0.0");
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "0.0.0.0",
                "10.1.1.1",
                "::",
                "::1",
                "fe80::1",
                "localhost",
                "dolphin-controller-0.dolphin-controllers.ns.svc.cluster.local"
            })
    void acceptsAddressesAndHostNames(String value) throws Exception {
        assertThat(
                        ControllerConfig.read(
                                        write(
                                                "controller.cfg",
                                                CONTROLLER + "listenHost=" + value + "\n"))
                                .listenHost())
                .isEqualTo(value);
    }

    @Test
    void anIpv6AddressMayBeBracketed() throws Exception {
        assertThat(
                        ControllerConfig.read(
                                        write("controller.cfg", CONTROLLER + "listenHost=[::]\n"))
                                .listenHost())
                .isEqualTo("::");
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "0.0.0.0:8900",
                "300.1.1.1",
                "10.1.1",
                "two words",
                "-leading-hyphen",
                "g:1",
                "1::2::3",
                "*"
            })
    void aBadValueIsReportedWithFileLineKeyAndExpectation(String value) throws Exception {
        Path file = write("controller.cfg", CONTROLLER + "listenHost=" + value + "\n");

        ConfigException problem =
                catchThrowableOfType(ConfigException.class, () -> ControllerConfig.read(file));

        assertThat(problem).isNotNull();
        assertThat(problem.getMessage())
                .contains(file + ":2: listenHost: " + EXPECTED + ", got '" + value + "'");
    }

    @Test
    void aBadValueIsReportedInTheDatanodesAndTheAgentsFilesToo() throws Exception {
        Path datanode = write("datanode.cfg", DATANODE + "listenHost=0.0.0.0:8911\n");
        Path agent = write("agent.cfg", AGENT + "listenHost=0.0.0.0:8901\n");

        assertThat(
                        catchThrowableOfType(
                                        ConfigException.class,
                                        () -> DatanodeConfig.read(datanode, null))
                                .getMessage())
                .contains(datanode + ":3: listenHost: " + EXPECTED + ", got '0.0.0.0:8911'");
        assertThat(
                        catchThrowableOfType(ConfigException.class, () -> AgentConfig.read(agent))
                                .getMessage())
                .contains(agent + ":3: listenHost: " + EXPECTED + ", got '0.0.0.0:8901'");
    }
}
