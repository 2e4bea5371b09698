package io.dolphincluster.runtime.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ClusterNodesTest {

    private static final String SEED =
            """
            localSite,mode
            10.1.1.1:8900:controller1,controller
            10.1.1.3:8900:controller2,controller
            10.1.1.5:8900:controller3,controller
            10.1.1.1:8901:agent1,agent
            10.1.1.1:8911:datanode1,datanode
            """;

    @TempDir Path dir;

    private Path write(String content) throws IOException {
        Path file = dir.resolve("cluster.nodes");
        Files.writeString(file, content, StandardCharsets.UTF_8);
        return file;
    }

    private ConfigException failure(String content) throws IOException {
        Path file = write(content);
        ConfigException e =
                catchThrowableOfType(ConfigException.class, () -> ClusterNodes.read(file));
        assertThat(e).as("the ConfigException of ClusterNodes.read").isNotNull();
        return e;
    }

    private String file() {
        return dir.resolve("cluster.nodes").toString();
    }

    @Test
    void readsTheSeedNodesInFileOrder() throws Exception {
        ClusterNodes nodes = ClusterNodes.read(write(SEED));

        assertThat(nodes.path()).isEqualTo(dir.resolve("cluster.nodes"));
        assertThat(nodes.nodes())
                .containsExactly(
                        new NodeEntry(
                                new Site("10.1.1.1", 8900, "controller1"), NodeMode.CONTROLLER),
                        new NodeEntry(
                                new Site("10.1.1.3", 8900, "controller2"), NodeMode.CONTROLLER),
                        new NodeEntry(
                                new Site("10.1.1.5", 8900, "controller3"), NodeMode.CONTROLLER),
                        new NodeEntry(new Site("10.1.1.1", 8901, "agent1"), NodeMode.AGENT),
                        new NodeEntry(new Site("10.1.1.1", 8911, "datanode1"), NodeMode.DATANODE));
    }

    @Test
    void withModeSelectsTheControllers() throws Exception {
        ClusterNodes nodes = ClusterNodes.read(write(SEED));

        assertThat(nodes.withMode(NodeMode.CONTROLLER))
                .extracting(NodeEntry::alias)
                .containsExactly("controller1", "controller2", "controller3");
        assertThat(nodes.withMode(NodeMode.AGENT))
                .extracting(NodeEntry::alias)
                .containsExactly("agent1");
        assertThat(nodes.withMode(NodeMode.DATANODE))
                .extracting(NodeEntry::alias)
                .containsExactly("datanode1");
    }

    @Test
    void findLooksUpAnAlias() throws Exception {
        ClusterNodes nodes = ClusterNodes.read(write(SEED));

        assertThat(nodes.find("controller2"))
                .get()
                .extracting(n -> n.site().hostPort())
                .isEqualTo("10.1.1.3:8900");
        assertThat(nodes.find("controller4")).isEmpty();
    }

    @Test
    void toleratesCommentsBlankLinesSpacesAndModeCase() throws Exception {
        ClusterNodes nodes =
                ClusterNodes.read(
                        write(
                                """
                # generated for the seed

                localSite, mode
                  10.1.1.1:8900:controller1 , Controller
                # the agent
                10.1.1.1:8901:agent1,AGENT
                """));

        assertThat(nodes.nodes())
                .containsExactly(
                        new NodeEntry(
                                new Site("10.1.1.1", 8900, "controller1"), NodeMode.CONTROLLER),
                        new NodeEntry(new Site("10.1.1.1", 8901, "agent1"), NodeMode.AGENT));
    }

    @Test
    void aWrongHeaderNamesTheExpectedHeader() throws Exception {
        ConfigException e =
                failure(
                        """
                site,role
                10.1.1.1:8900:controller1,controller
                """);

        assertThat(e.getMessage())
                .isEqualTo(
                        file() + ":1: expected the header line 'localSite,mode', got 'site,role'");
    }

    @Test
    void aMissingHeaderIsReportedOnTheFirstRow() throws Exception {
        ConfigException e =
                failure(
                        """
                10.1.1.1:8900:controller1,controller
                10.1.1.3:8900:controller2,controller
                """);

        assertThat(e.problems())
                .singleElement()
                .satisfies(
                        p -> {
                            assertThat(p.line()).isEqualTo(1);
                            assertThat(p.expected()).isEqualTo("the header line 'localSite,mode'");
                        });
    }

    @Test
    void aBadModeNamesTheChoices() throws Exception {
        ConfigException e =
                failure(
                        """
                localSite,mode
                10.1.1.1:8900:controller1,controller
                10.1.1.1:8911:datanode1,computenode
                """);

        assertThat(e.getMessage())
                .isEqualTo(
                        file()
                                + ":3: mode: expected one of controller, agent, datanode, got 'computenode'");
    }

    @Test
    void aPortOutOfRangeNamesLineAndKey() throws Exception {
        ConfigException e =
                failure(
                        """
                localSite,mode
                10.1.1.1:89000:controller1,controller
                """);

        assertThat(e.getMessage())
                .isEqualTo(
                        file()
                                + ":2: localSite: expected host:port:alias (a port from 1 to 65535), got '10.1.1.1:89000:controller1'");
    }

    @Test
    void aSiteWithoutAliasIsAnError() throws Exception {
        ConfigException e =
                failure(
                        """
                localSite,mode
                10.1.1.1:8900,controller
                """);

        assertThat(e.problems())
                .singleElement()
                .satisfies(
                        p -> {
                            assertThat(p.line()).isEqualTo(2);
                            assertThat(p.key()).isEqualTo("localSite");
                            assertThat(p.expected()).startsWith("host:port:alias");
                            assertThat(p.actual()).isEqualTo("10.1.1.1:8900");
                        });
    }

    @Test
    void aSiteWithoutAliasIsReportedWithoutRepeatingTheFormat() throws Exception {
        ConfigException e =
                failure(
                        """
                localSite,mode
                10.1.1.1:8900,controller
                """);

        assertThat(e.getMessage())
                .isEqualTo(file() + ":2: localSite: expected host:port:alias, got '10.1.1.1:8900'");
    }

    @Test
    void aRowWithTheWrongNumberOfColumnsIsAnError() throws Exception {
        ConfigException e =
                failure(
                        """
                localSite,mode
                10.1.1.1:8900:controller1
                10.1.1.3:8900:controller2,controller,extra
                """);

        assertThat(e.getMessage().lines())
                .containsExactly(
                        file()
                                + ":2: expected two columns: host:port:alias,mode, got '10.1.1.1:8900:controller1'",
                        file()
                                + ":3: expected two columns: host:port:alias,mode, got '10.1.1.3:8900:controller2,controller,extra'");
    }

    @Test
    void aDuplicateAliasPointsAtItsFirstLine() throws Exception {
        ConfigException e =
                failure(
                        """
                localSite,mode
                10.1.1.1:8900:controller1,controller
                10.1.1.3:8900:controller1,controller
                """);

        assertThat(e.getMessage())
                .isEqualTo(
                        file()
                                + ":3: localSite: expected a unique alias (already used on line 2), got 'controller1'");
    }

    @Test
    void aDuplicateHostPortPointsAtItsFirstLine() throws Exception {
        ConfigException e =
                failure(
                        """
                localSite,mode
                10.1.1.1:8900:controller1,controller

                10.1.1.1:8900:agent1,agent
                """);

        assertThat(e.getMessage())
                .isEqualTo(
                        file()
                                + ":4: localSite: expected a unique host:port (already used on line 2), got '10.1.1.1:8900'");
    }

    @Test
    void theSamePortOnDifferentHostsIsFine() throws Exception {
        assertThat(ClusterNodes.read(write(SEED)).withMode(NodeMode.CONTROLLER))
                .extracting(n -> n.site().port())
                .containsOnly(8900);
    }

    @Test
    void anEmptyFileIsAnError() throws Exception {
        ConfigException e = failure("");

        assertThat(e.getMessage())
                .isEqualTo(
                        file()
                                + ": expected the header line 'localSite,mode' and one row per node, got 'an empty file'");
    }

    @Test
    void aFileWithOnlyTheHeaderIsAnError() throws Exception {
        ConfigException e = failure("localSite,mode\n");

        assertThat(e.problems())
                .singleElement()
                .satisfies(p -> assertThat(p.expected()).contains("one row per node"));
    }

    @Test
    void aFileOfOnlyCommentsIsAnEmptyFile() throws Exception {
        ConfigException e = failure("# nothing yet\n\n");

        assertThat(e.problems())
                .singleElement()
                .extracting(ConfigProblem::actual)
                .isEqualTo("an empty file");
    }

    @Test
    void reportsEveryBadRowAtOnce() throws Exception {
        ConfigException e =
                failure(
                        """
                localSite,mode
                10.1.1.1:8900:controller1,controller
                10.1.1.3:0:controller2,controller
                10.1.1.5:8900:controller3,leader
                10.1.1.1:8901:controller1,agent
                10.1.1.1:8911:datanode1,datanode
                """);

        assertThat(e.problems()).extracting(ConfigProblem::line).containsExactly(3, 4, 5);
        assertThat(e.problems())
                .extracting(ConfigProblem::key)
                .containsExactly("localSite", "mode", "localSite");
        assertThat(e.getMessage().lines()).hasSize(3);
    }

    @Test
    void aMissingFileIsAProblemNamingTheFile() {
        Path missing = dir.resolve("missing.nodes");

        ConfigException e =
                catchThrowableOfType(ConfigException.class, () -> ClusterNodes.read(missing));

        assertThat(e.getMessage()).startsWith(missing + ": expected a readable file");
    }
}
