package io.dolphincluster.runtime.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigFileTest {

    @TempDir Path dir;

    private Path write(String name, String content) throws IOException {
        Path file = dir.resolve(name);
        Files.writeString(file, content, StandardCharsets.UTF_8);
        return file;
    }

    @Test
    void readsTheSeedControllerCfgInOrderWithLineNumbers() throws Exception {
        Path file =
                write(
                        "controller.cfg",
                        """
                localSite=10.1.1.1:8900:controller1
                dfsReplicationFactor=2
                dfsReplicaReliabilityLevel=1
                dfsHAMode=Raft
                """);

        ConfigFile config = ConfigFile.read(file);

        assertThat(config.path()).isEqualTo(file);
        assertThat(config.entries().values())
                .containsExactly(
                        new ConfigFile.Entry(1, "localSite", "10.1.1.1:8900:controller1"),
                        new ConfigFile.Entry(2, "dfsReplicationFactor", "2"),
                        new ConfigFile.Entry(3, "dfsReplicaReliabilityLevel", "1"),
                        new ConfigFile.Entry(4, "dfsHAMode", "Raft"));
    }

    @Test
    void skipsCommentsAndBlankLinesButCountsThemInLineNumbers() throws Exception {
        Path file =
                write(
                        "controller.cfg",
                        """
                # the controller of the seed

                   # an indented comment
                localSite=10.1.1.1:8900:controller1
                \t
                dfsHAMode=Raft
                """);

        ConfigFile config = ConfigFile.read(file);

        assertThat(config.entries().values())
                .containsExactly(
                        new ConfigFile.Entry(4, "localSite", "10.1.1.1:8900:controller1"),
                        new ConfigFile.Entry(6, "dfsHAMode", "Raft"));
    }

    @Test
    void trimsWhiteSpaceAroundKeysAndValues() throws Exception {
        Path file = write("cluster.cfg", "  maxMemSize  =  4  \n\tworkerNum=\t8\t\n");

        ConfigFile config = ConfigFile.read(file);

        assertThat(config.entries()).containsOnlyKeys("maxMemSize", "workerNum");
        assertThat(config.entries().get("maxMemSize").value()).isEqualTo("4");
        assertThat(config.entries().get("workerNum").value()).isEqualTo("8");
    }

    @Test
    void splitsOnlyOnTheFirstEqualsSign() throws Exception {
        Path file = write("cluster.cfg", "volumes=/data/a=b\n");

        assertThat(ConfigFile.read(file).entries().get("volumes").value()).isEqualTo("/data/a=b");
    }

    @Test
    void keepsAnEmptyValueForTheTypedReadersToJudge() throws Exception {
        Path file = write("cluster.cfg", "volumes=\n");

        assertThat(ConfigFile.read(file).entries().get("volumes").value()).isEmpty();
    }

    @Test
    void acceptsWindowsLineEndings() throws Exception {
        Path file =
                write(
                        "controller.cfg",
                        "localSite=10.1.1.1:8900:controller1\r\ndfsHAMode=Raft\r\n");

        ConfigFile config = ConfigFile.read(file);

        assertThat(config.entries().get("localSite").value())
                .isEqualTo("10.1.1.1:8900:controller1");
        assertThat(config.entries().get("dfsHAMode"))
                .isEqualTo(new ConfigFile.Entry(2, "dfsHAMode", "Raft"));
    }

    @Test
    void anEmptyFileHasNoEntries() throws Exception {
        assertThat(ConfigFile.read(write("cluster.cfg", "")).entries()).isEmpty();
    }

    @Test
    void aCleanFileHasNoProblems() throws Exception {
        assertThat(
                        ConfigFile.read(
                                        write(
                                                "controller.cfg",
                                                "localSite=10.1.1.1:8900:controller1\n"))
                                .problems())
                .isEmpty();
    }

    @Test
    void aLineWithoutEqualsIsAProblemNamingFileLineAndExpectedForm() throws Exception {
        Path file =
                write(
                        "controller.cfg",
                        """
                localSite=10.1.1.1:8900:controller1
                dfsHAMode Raft
                """);

        ConfigFile config = ConfigFile.read(file);

        assertThat(config.problems())
                .containsExactly(
                        new ConfigProblem(
                                file, 2, null, "a line of the form key=value", "dfsHAMode Raft"));
        assertThat(config.problems().get(0))
                .hasToString(
                        file + ":2: expected a line of the form key=value, got 'dfsHAMode Raft'");
        assertThat(config.entries()).containsOnlyKeys("localSite");
    }

    @Test
    void aLineWithAnEmptyKeyIsAProblem() throws Exception {
        Path file = write("controller.cfg", "  = 2\n");

        ConfigFile config = ConfigFile.read(file);

        assertThat(config.problems())
                .singleElement()
                .hasToString(file + ":1: expected a line of the form key=value, got '= 2'");
        assertThat(config.entries()).isEmpty();
    }

    @Test
    void aDuplicateKeyNamesBothLinesAndTheFirstValueIsKept() throws Exception {
        Path file =
                write(
                        "controller.cfg",
                        """
                localSite=10.1.1.1:8900:controller1
                dfsReplicationFactor=2
                dfsReplicationFactor=3
                """);

        ConfigFile config = ConfigFile.read(file);

        assertThat(config.problems())
                .singleElement()
                .hasToString(
                        file
                                + ":3: dfsReplicationFactor: expected each key once (already set on line 2), got '3'");
        assertThat(config.entries().get("dfsReplicationFactor"))
                .isEqualTo(new ConfigFile.Entry(2, "dfsReplicationFactor", "2"));
    }

    @Test
    void collectsEveryProblemOfTheFileInLineOrder() throws Exception {
        Path file =
                write(
                        "controller.cfg",
                        """
                localSite=10.1.1.1:8900:controller1
                nonsense
                localSite=10.1.1.3:8900:controller2
                more nonsense
                """);

        ConfigFile config = ConfigFile.read(file);

        assertThat(config.problems())
                .extracting(ConfigProblem::toString)
                .containsExactly(
                        file + ":2: expected a line of the form key=value, got 'nonsense'",
                        file
                                + ":3: localSite: expected each key once (already set on line 1), got '10.1.1.3:8900:controller2'",
                        file + ":4: expected a line of the form key=value, got 'more nonsense'");
    }

    @Test
    void aConfigExceptionListsItsProblemsOnePerLine() throws Exception {
        Path file = write("controller.cfg", "a\nb=1\nb=2\n");

        ConfigException e = new ConfigException(ConfigFile.read(file).problems());

        assertThat(e.getMessage().lines())
                .containsExactly(
                        file + ":1: expected a line of the form key=value, got 'a'",
                        file + ":3: b: expected each key once (already set on line 2), got '2'");
        assertThat(e.problems()).hasSize(2);
    }

    @Test
    void aProblemWithoutLineOrActualValueLeavesThemOut() {
        Path file = Path.of("config", "controller.cfg");

        assertThat(new ConfigProblem(file, 0, "localSite", "this key to be set", null))
                .hasToString(file + ": localSite: expected this key to be set");
    }

    @Test
    void aMissingFileIsAProblemNamingTheFile() {
        Path missing = dir.resolve("nowhere.cfg");

        ConfigException e =
                catchThrowableOfType(ConfigException.class, () -> ConfigFile.read(missing));
        assertThat(e).isNotNull();

        assertThat(e.problems())
                .singleElement()
                .satisfies(
                        p -> {
                            assertThat(p.file()).isEqualTo(missing);
                            assertThat(p.expected()).isEqualTo("a readable file");
                        });
        assertThat(e.getMessage()).startsWith(missing + ": expected a readable file, got '");
    }

    @Test
    void expandsEnvironmentVariablesInValues() {
        ConfigFile config =
                ConfigFile.parse(
                        Path.of("controller.cfg"),
                        java.util.List.of(
                                "localSite=${POD_NAME}.dolphin-controller:8900:${POD_NAME}"),
                        java.util.Map.of("POD_NAME", "demo-controller-0"));

        assertThat(config.problems()).isEmpty();
        assertThat(config.entries().get("localSite").value())
                .isEqualTo("demo-controller-0.dolphin-controller:8900:demo-controller-0");
    }

    @Test
    void anUnsetEnvironmentVariableIsAProblemNamingIt() {
        ConfigFile config =
                ConfigFile.parse(
                        Path.of("controller.cfg"),
                        java.util.List.of("# pods set it", "localSite=${POD_NAME}:8900:c1"),
                        java.util.Map.of());

        assertThat(config.problems())
                .singleElement()
                .hasToString(
                        "controller.cfg:2: localSite: expected environment variable POD_NAME to be set, got '${POD_NAME}:8900:c1'");
    }
}
