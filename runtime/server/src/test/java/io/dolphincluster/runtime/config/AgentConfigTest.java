package io.dolphincluster.runtime.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AgentConfigTest {

    private static final String SITES =
            "10.1.1.1:8901:agent1:agent,10.1.1.1:8900:controller1:controller,"
                    + "10.1.1.3:8900:controller2:controller,10.1.1.5:8900:controller3:controller";

    private static final String SEED =
            """
            localSite=10.1.1.1:8901:agent1
            controllerSite=10.1.1.1:8900:controller1
            sites=%s
            """
                    .formatted(SITES);

    private static final Site AGENT1 = new Site("10.1.1.1", 8901, "agent1");
    private static final Site CONTROLLER1 = new Site("10.1.1.1", 8900, "controller1");
    private static final Site CONTROLLER2 = new Site("10.1.1.3", 8900, "controller2");
    private static final Site CONTROLLER3 = new Site("10.1.1.5", 8900, "controller3");

    @TempDir Path dir;

    @org.junit.jupiter.api.BeforeEach
    void clusterSecret() throws IOException {
        Files.writeString(
                dir.resolve(ClusterSecretKey.DEFAULT_FILE),
                io.dolphincluster.protocol.auth.ClusterCredential.generateSecret() + "\n");
    }

    private Path write(String content) throws IOException {
        Path file = dir.resolve("agent.cfg");
        Files.writeString(file, content, StandardCharsets.UTF_8);
        return file;
    }

    private ConfigException failure(String content) throws IOException {
        Path file = write(content);
        ConfigException e =
                catchThrowableOfType(ConfigException.class, () -> AgentConfig.read(file));
        assertThat(e).as("the ConfigException of AgentConfig.read").isNotNull();
        return e;
    }

    private String file() {
        return dir.resolve("agent.cfg").toString();
    }

    @Test
    void readsTheSeedAgentCfg() throws Exception {
        AgentConfig config = AgentConfig.read(write(SEED));

        assertThat(config.localSite()).isEqualTo(AGENT1);
        assertThat(config.controllerSite()).isEqualTo(CONTROLLER1);
        assertThat(config.sites())
                .containsExactly(
                        new NodeEntry(AGENT1, NodeMode.AGENT),
                        new NodeEntry(CONTROLLER1, NodeMode.CONTROLLER),
                        new NodeEntry(CONTROLLER2, NodeMode.CONTROLLER),
                        new NodeEntry(CONTROLLER3, NodeMode.CONTROLLER));
    }

    @Test
    void controllersAreThoseListedInSites() throws Exception {
        assertThat(AgentConfig.read(write(SEED)).controllers())
                .containsExactly(CONTROLLER1, CONTROLLER2, CONTROLLER3);
    }

    @Test
    void withoutSitesTheOnlyControllerIsControllerSite() throws Exception {
        AgentConfig config =
                AgentConfig.read(
                        write(
                                """
                localSite=10.1.1.1:8901:agent1
                controllerSite=10.1.1.1:8900:controller1
                """));

        assertThat(config.sites()).isEmpty();
        assertThat(config.controllers()).containsExactly(CONTROLLER1);
    }

    @Test
    void toleratesSpacesAroundSitesItems() throws Exception {
        AgentConfig config =
                AgentConfig.read(
                        write(
                                """
                # agent of machine 1
                localSite = 10.1.1.1:8901:agent1

                controllerSite = 10.1.1.3:8900:controller2
                sites = 10.1.1.1:8901:agent1:agent , 10.1.1.3:8900:controller2:Controller
                """));

        assertThat(config.controllers()).containsExactly(CONTROLLER2);
    }

    @Test
    void acceptsSeedKeysItDoesNotUse() throws Exception {
        AgentConfig config =
                AgentConfig.read(
                        write(
                                SEED
                                        + """
                mode=agent
                workerNum=4
                lanCluster=0
                """));

        assertThat(config.localSite()).isEqualTo(AGENT1);
    }

    @Test
    void unknownKeysDoNotFailTheLoad() throws Exception {
        assertThat(AgentConfig.read(write(SEED + "agentFancyFeature=1\n")).localSite())
                .isEqualTo(AGENT1);
    }

    @Test
    void localSiteAndControllerSiteAreRequired() throws Exception {
        ConfigException e = failure("sites=" + SITES + "\n");

        assertThat(e.getMessage().lines())
                .containsExactly(
                        file() + ": localSite: expected this key to be set, as host:port:alias",
                        file()
                                + ": controllerSite: expected this key to be set, as host:port:alias");
    }

    @Test
    void sitesWhoseFirstItemIsNotTheAgentIsAnError() throws Exception {
        ConfigException e =
                failure(
                        """
                localSite=10.1.1.1:8901:agent1
                controllerSite=10.1.1.1:8900:controller1
                sites=10.1.1.1:8900:controller1:controller,10.1.1.1:8901:agent1:agent
                """);

        assertThat(e.getMessage())
                .isEqualTo(
                        file()
                                + ":3: sites: expected the first item to be this agent, "
                                + "10.1.1.1:8901:agent1:agent, got '10.1.1.1:8900:controller1:controller'");
    }

    @Test
    void sitesWhoseFirstItemIsTheAgentsSiteInAnotherModeIsAnError() throws Exception {
        ConfigException e =
                failure(
                        """
                localSite=10.1.1.1:8901:agent1
                controllerSite=10.1.1.1:8900:controller1
                sites=10.1.1.1:8901:agent1:datanode,10.1.1.1:8900:controller1:controller
                """);

        assertThat(e.problems())
                .singleElement()
                .satisfies(
                        p -> {
                            assertThat(p.key()).isEqualTo("sites");
                            assertThat(p.actual()).isEqualTo("10.1.1.1:8901:agent1:datanode");
                        });
    }

    @Test
    void controllerSiteNotAmongTheControllersOfSitesIsAnError() throws Exception {
        ConfigException e =
                failure(
                        """
                localSite=10.1.1.1:8901:agent1
                controllerSite=10.1.1.7:8900:controller4
                sites=%s
                """
                                .formatted(SITES));

        assertThat(e.getMessage())
                .isEqualTo(
                        file()
                                + ":2: controllerSite: expected one of the controllers listed in sites, got '10.1.1.7:8900:controller4'");
    }

    @Test
    void controllerSiteListedInSitesOnlyAsAnAgentIsAnError() throws Exception {
        ConfigException e =
                failure(
                        """
                localSite=10.1.1.1:8901:agent1
                controllerSite=10.1.1.1:8901:agent1
                sites=%s
                """
                                .formatted(SITES));

        assertThat(e.problems())
                .singleElement()
                .extracting(ConfigProblem::key)
                .isEqualTo("controllerSite");
    }

    @Test
    void bothCrossChecksAreReportedTogether() throws Exception {
        ConfigException e =
                failure(
                        """
                localSite=10.1.1.1:8901:agent1
                controllerSite=10.1.1.7:8900:controller4
                sites=10.1.1.1:8900:controller1:controller
                """);

        assertThat(e.problems())
                .extracting(ConfigProblem::key)
                .containsExactly("sites", "controllerSite");
    }

    @Test
    void aSitesItemWithABadModeIsAnError() throws Exception {
        ConfigException e =
                failure(
                        """
                localSite=10.1.1.1:8901:agent1
                controllerSite=10.1.1.1:8900:controller1
                sites=10.1.1.1:8901:agent1:agent,10.1.1.1:8900:controller1:master
                """);

        assertThat(e.problems())
                .singleElement()
                .satisfies(
                        p -> {
                            assertThat(p.line()).isEqualTo(3);
                            assertThat(p.key()).isEqualTo("sites");
                            assertThat(p.expected())
                                    .isEqualTo(
                                            "a comma-separated list of host:port:alias:mode"
                                                    + " (item '10.1.1.1:8900:controller1:master' is not one of controller, agent, datanode)");
                        });
    }

    @Test
    void aSitesItemWithoutAliasIsAnError() throws Exception {
        ConfigException e =
                failure(
                        """
                localSite=10.1.1.1:8901:agent1
                controllerSite=10.1.1.1:8900:controller1
                sites=10.1.1.1:8901:agent1:agent,10.1.1.1:8900:controller
                """);

        assertThat(e.problems())
                .singleElement()
                .satisfies(
                        p -> {
                            assertThat(p.key()).isEqualTo("sites");
                            assertThat(p.expected())
                                    .startsWith("a comma-separated list of host:port:alias:mode");
                        });
    }

    @Test
    void badSitesAreReportedWithOtherProblemsAndSkipTheCrossChecks() throws Exception {
        ConfigException e =
                failure(
                        """
                localSite=10.1.1.1:99999:agent1
                controllerSite=10.1.1.1:8900:controller1
                sites=garbage
                """);

        assertThat(e.problems())
                .extracting(ConfigProblem::key)
                .containsExactly("localSite", "sites");
    }

    @Test
    void aLineWithoutEqualsFailsTheLoad() throws Exception {
        ConfigException e = failure(SEED + "controllerSite\n");

        assertThat(e.getMessage())
                .isEqualTo(
                        file() + ":4: expected a line of the form key=value, got 'controllerSite'");
    }

    @Test
    void controllersOfAConfigWithSitesExcludeNonControllers() {
        AgentConfig config =
                new AgentConfig(
                        AGENT1,
                        CONTROLLER1,
                        List.of(
                                new NodeEntry(AGENT1, NodeMode.AGENT),
                                new NodeEntry(
                                        new Site("10.1.1.1", 8911, "datanode1"), NodeMode.DATANODE),
                                new NodeEntry(CONTROLLER1, NodeMode.CONTROLLER)));

        assertThat(config.controllers()).containsExactly(CONTROLLER1);
    }

    @Test
    void readsMachineZoneAndDatanodeCommand() throws Exception {
        AgentConfig config =
                AgentConfig.read(
                        write(
                                SEED
                                        + "machine=rack1-host3\nzone=zone-a\ndatanodeCommand=/bin/sleep 600\n"));

        assertThat(config.machine()).isEqualTo("rack1-host3");
        assertThat(config.zone()).isEqualTo("zone-a");
        assertThat(config.datanodeCommand()).isEqualTo("/bin/sleep 600");
        assertThat(config.identity()).isEqualTo(new MachineIdentity("rack1-host3", "zone-a"));
    }

    @Test
    void withoutTheNewKeysTheyAreAbsent() throws Exception {
        AgentConfig config = AgentConfig.read(write(SEED));

        assertThat(config.machine()).isNull();
        assertThat(config.zone()).isNull();
        assertThat(config.datanodeCommand()).isNull();
    }
}
