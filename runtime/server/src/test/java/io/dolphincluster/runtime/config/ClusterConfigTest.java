package io.dolphincluster.runtime.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.assertj.core.api.Assertions.entry;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

class ClusterConfigTest {

    @TempDir Path dir;

    private Path write(String content) throws IOException {
        Path file = dir.resolve("cluster.cfg");
        Files.writeString(file, content, StandardCharsets.UTF_8);
        return file;
    }

    private ConfigException failure(String content) throws IOException {
        Path file = write(content);
        ConfigException e =
                catchThrowableOfType(ConfigException.class, () -> ClusterConfig.read(file));
        assertThat(e).as("the ConfigException of ClusterConfig.read").isNotNull();
        return e;
    }

    @Test
    void readsCommonSettings() throws Exception {
        ClusterConfig config =
                ClusterConfig.read(
                        write(
                                """
                maxMemSize=4
                maxConnections=512
                workerNum=4
                localExecutors=3
                newValuePartitionPolicy=add
                dataSync=1
                volumes=/hdd/volumes
                """));

        assertThat(config.common())
                .containsOnly(
                        entry("maxMemSize", "4"),
                        entry("maxConnections", "512"),
                        entry("workerNum", "4"),
                        entry("localExecutors", "3"),
                        entry("newValuePartitionPolicy", "add"),
                        entry("dataSync", "1"),
                        entry("volumes", "/hdd/volumes"));
        assertThat(config.perNode()).isEmpty();
    }

    @Test
    void aPerNodeValueWinsForThatNodeOnly() throws Exception {
        ClusterConfig config =
                ClusterConfig.read(
                        write(
                                """
                maxMemSize=4
                datanode1.maxMemSize=8
                workerNum=4
                """));

        assertThat(config.settingsFor("datanode1"))
                .containsOnly(entry("maxMemSize", "8"), entry("workerNum", "4"));
        assertThat(config.settingsFor("datanode2"))
                .containsOnly(entry("maxMemSize", "4"), entry("workerNum", "4"));
    }

    @Test
    void thePerNodeValueWinsWhicheverLineComesFirst() throws Exception {
        ClusterConfig config =
                ClusterConfig.read(
                        write(
                                """
                datanode1.maxMemSize=8
                maxMemSize=4
                """));

        assertThat(config.settingsFor("datanode1")).containsEntry("maxMemSize", "8");
        assertThat(config.settingsFor("datanode2")).containsEntry("maxMemSize", "4");
    }

    @Test
    void aPerNodeSettingWithoutCommonValueAppliesToThatNodeOnly() throws Exception {
        ClusterConfig config = ClusterConfig.read(write("datanode1.volumes=/ssd/dn1\n"));

        assertThat(config.perNode()).containsOnlyKeys("datanode1");
        assertThat(config.settingsFor("datanode1")).containsOnly(entry("volumes", "/ssd/dn1"));
        assertThat(config.settingsFor("datanode2")).isEmpty();
    }

    @Test
    void anAliasMayContainDots() throws Exception {
        ClusterConfig config = ClusterConfig.read(write("dn.east.1.workerNum=2\n"));

        assertThat(config.settingsFor("dn.east.1")).containsOnly(entry("workerNum", "2"));
    }

    @Test
    void commentsAndBlankLinesAreIgnored() throws Exception {
        ClusterConfig config =
                ClusterConfig.read(
                        write(
                                """
                # memory, in GB

                maxMemSize=4
                """));

        assertThat(config.common()).containsOnly(entry("maxMemSize", "4"));
    }

    @Test
    void emptyHasNoSettings() {
        assertThat(ClusterConfig.empty().settingsFor("datanode1")).isEmpty();
    }

    @Test
    void aBadPerNodeValueNamesTheQualifiedKey() throws Exception {
        ConfigException e =
                failure(
                        """
                maxMemSize=4
                datanode1.maxMemSize=lots
                """);

        assertThat(e.getMessage())
                .isEqualTo(
                        dir.resolve("cluster.cfg")
                                + ":2: datanode1.maxMemSize: expected a positive number, got 'lots'");
    }

    @Test
    void aBadCommonValueNamesFileLineAndKey() throws Exception {
        ConfigException e =
                failure(
                        """
                # workers
                workerNum=0
                """);

        assertThat(e.getMessage())
                .endsWith("cluster.cfg:2: workerNum: expected an integer from 1 to 1024, got '0'");
    }

    @Test
    void nonPositiveAndNonFiniteMemorySizesAreErrors() throws Exception {
        ConfigException e =
                failure(
                        """
                maxMemSize=0
                datanode1.maxMemSize=-2
                datanode2.maxMemSize=NaN
                datanode3.maxMemSize=Infinity
                chunkCacheEngineMemSize=0.5
                """);

        assertThat(e.problems())
                .extracting(ConfigProblem::key)
                .containsExactly(
                        "maxMemSize",
                        "datanode1.maxMemSize",
                        "datanode2.maxMemSize",
                        "datanode3.maxMemSize");
    }

    @Test
    void choicesAndBooleansAreChecked() throws Exception {
        ConfigException e =
                failure(
                        """
                newValuePartitionPolicy=ignore
                dataSync=yes
                """);

        assertThat(e.getMessage().lines())
                .containsExactly(
                        dir.resolve("cluster.cfg")
                                + ":1: newValuePartitionPolicy: expected one of add, skip, fail, got 'ignore'",
                        dir.resolve("cluster.cfg")
                                + ":2: dataSync: expected true or false, got 'yes'");
    }

    @Test
    void anEmptyVolumesValueIsAnError() throws Exception {
        ConfigException e = failure("datanode1.volumes=\n");

        assertThat(e.problems())
                .singleElement()
                .satisfies(
                        p -> {
                            assertThat(p.key()).isEqualTo("datanode1.volumes");
                            assertThat(p.expected()).isEqualTo("a value");
                        });
    }

    @Test
    void duplicateKeysAreAnError() throws Exception {
        ConfigException e =
                failure(
                        """
                datanode1.maxMemSize=8
                datanode1.maxMemSize=16
                """);

        assertThat(e.problems())
                .singleElement()
                .satisfies(
                        p -> {
                            assertThat(p.line()).isEqualTo(2);
                            assertThat(p.key()).isEqualTo("datanode1.maxMemSize");
                        });
    }

    @Test
    void aLineWithoutEqualsIsReportedWithBadValues() throws Exception {
        ConfigException e =
                failure(
                        """
                maxMemSize=4
                datanode1 maxMemSize 8
                workerNum=0
                """);

        assertThat(e.problems())
                .extracting(ConfigProblem::toString)
                .containsExactlyInAnyOrder(
                        dir.resolve("cluster.cfg")
                                + ":2: expected a line of the form key=value, got 'datanode1 maxMemSize 8'",
                        dir.resolve("cluster.cfg")
                                + ":3: workerNum: expected an integer from 1 to 1024, got '0'");
    }

    @Test
    void unknownKeysAreOnlyWarnings() throws Exception {
        Logger logger = (Logger) LoggerFactory.getLogger(ClusterConfig.class);
        ListAppender<ILoggingEvent> appender = new ListAppender<>();
        appender.start();
        logger.addAppender(appender);
        try {
            ClusterConfig config =
                    ClusterConfig.read(
                            write(
                                    """
                    maxMemSize=4
                    enableFancyCache=true
                    datanode1.fancyLevel=7
                    """));

            assertThat(config.common()).containsOnly(entry("maxMemSize", "4"));
            assertThat(config.perNode()).isEmpty();
            assertThat(appender.list)
                    .extracting(ILoggingEvent::getFormattedMessage)
                    .containsExactly(
                            dir.resolve("cluster.cfg")
                                    + ":2: unknown key 'enableFancyCache' ignored",
                            dir.resolve("cluster.cfg")
                                    + ":3: unknown key 'datanode1.fancyLevel' ignored");
        } finally {
            logger.detachAppender(appender);
        }
    }

    @Test
    void reportsEveryBadValueAtOnce() throws Exception {
        ConfigException e =
                failure(
                        """
                maxMemSize=4
                workerNum=many
                datanode1.maxConnections=0
                datanode2.localExecutors=-1
                """);

        assertThat(e.problems()).extracting(ConfigProblem::line).containsExactly(2, 3, 4);
        assertThat(e.getMessage().lines()).hasSize(3);
    }
}
