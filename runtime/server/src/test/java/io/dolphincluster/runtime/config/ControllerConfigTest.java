package io.dolphincluster.runtime.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.assertj.core.groups.Tuple.tuple;

import ch.qos.logback.classic.Level;
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

class ControllerConfigTest {

    private static final String SEED =
            """
            localSite=10.1.1.1:8900:controller1
            dfsReplicationFactor=2
            dfsReplicaReliabilityLevel=1
            dfsHAMode=Raft
            """;

    @TempDir Path dir;

    @org.junit.jupiter.api.BeforeEach
    void clusterSecret() throws IOException {
        Files.writeString(
                dir.resolve(ClusterSecretKey.DEFAULT_FILE),
                io.dolphincluster.protocol.auth.ClusterCredential.generateSecret() + "\n");
    }

    private Path write(String content) throws IOException {
        Path file = dir.resolve("controller.cfg");
        Files.writeString(file, content, StandardCharsets.UTF_8);
        return file;
    }

    private ConfigException failure(String content) throws IOException {
        Path file = write(content);
        ConfigException e =
                catchThrowableOfType(ConfigException.class, () -> ControllerConfig.read(file));
        assertThat(e).as("the ConfigException of ControllerConfig.read").isNotNull();
        return e;
    }

    @Test
    void readsTheSeedControllerCfg() throws Exception {
        ControllerConfig config = ControllerConfig.read(write(SEED));

        assertThat(config.localSite()).isEqualTo(new Site("10.1.1.1", 8900, "controller1"));
        assertThat(config.alias()).isEqualTo("controller1");
        assertThat(config.replicationFactor()).isEqualTo(2);
        assertThat(config.replicaReliabilityLevel()).isEqualTo(1);
        assertThat(config.raftMode()).isTrue();
    }

    @Test
    void theSeedFileGetsTheDocumentedDefaultsForEverythingElse() throws Exception {
        ControllerConfig config = ControllerConfig.read(write(SEED));

        assertThat(config.recoveryWaitMillis()).isEqualTo(60_000);
        assertThat(config.heartbeatTimeoutSeconds()).isEqualTo(8);
        assertThat(config.raftPortOffset())
                .isEqualTo(ControllerConfig.DEFAULT_RAFT_PORT_OFFSET)
                .isEqualTo(1000);
        assertThat(config.electionTimeoutMinMillis()).isEqualTo(400);
        assertThat(config.electionTimeoutMaxMillis()).isEqualTo(800);
        assertThat(config.snapshotThreshold()).isEqualTo(10_000);
        assertThat(config.raftPortOf(config.localSite())).isEqualTo(9900);
    }

    @Test
    void onlyLocalSiteIsRequired() throws Exception {
        ControllerConfig config =
                ControllerConfig.read(write("localSite=10.1.1.1:8900:controller1\n"));

        assertThat(config.replicationFactor()).isEqualTo(2);
        assertThat(config.replicaReliabilityLevel()).isZero();
        assertThat(config.raftMode()).isFalse();
        assertThat(config.credential()).as("from cluster.secret beside controller.cfg").isNotNull();
    }

    @Test
    void theHttpPortsBoundsHaveDefaultsAndBadValuesNameTheirLine() throws Exception {
        assertThat(ControllerConfig.read(write(SEED)).http())
                .isEqualTo(HttpServerSettings.defaults());
        HttpServerSettings set =
                ControllerConfig.read(write(SEED + "maxHttpConnections=200\nhttpHeaderTimeout=3\n"))
                        .http();
        assertThat(set.maxConnections()).isEqualTo(200);
        assertThat(set.headerTimeout()).isEqualTo(java.time.Duration.ofSeconds(3));

        assertThat(failure(SEED + "maxHttpConnections=0\n").getMessage())
                .contains(
                        "controller.cfg:5: maxHttpConnections: expected an integer from 1 to 65535, got '0'");
        assertThat(failure(SEED + "httpHeaderTimeout=soon\n").getMessage())
                .contains(
                        "controller.cfg:5: httpHeaderTimeout: expected an integer from 1 to 300, got 'soon'");
    }

    @Test
    void theConnectionsOfOneAddressAreAtMostTheTotal() throws Exception {
        assertThat(ControllerConfig.read(write(SEED)).http().maxConnectionsPerAddress())
                .isEqualTo(256);
        assertThat(
                        ControllerConfig.read(write(SEED + "maxHttpConnections=100\n"))
                                .http()
                                .maxConnectionsPerAddress())
                .as("the default lowered to a lower total")
                .isEqualTo(100);
        assertThat(
                        ControllerConfig.read(write(SEED + "maxHttpConnectionsPerAddress=16\n"))
                                .http()
                                .maxConnectionsPerAddress())
                .isEqualTo(16);
        assertThat(failure(SEED + "maxHttpConnectionsPerAddress=2000\n").getMessage())
                .as("above the default total")
                .contains(
                        "controller.cfg:5: maxHttpConnectionsPerAddress: expected at most maxHttpConnections (1024), got '2000'");
        assertThat(
                        failure(SEED + "maxHttpConnections=100\nmaxHttpConnectionsPerAddress=101\n")
                                .getMessage())
                .contains(
                        "controller.cfg:6: maxHttpConnectionsPerAddress: expected at most maxHttpConnections (100), got '101'");
        assertThat(failure(SEED + "maxHttpConnectionsPerAddress=0\n").getMessage())
                .contains(
                        "controller.cfg:5: maxHttpConnectionsPerAddress: expected an integer from 1 to 65535, got '0'");
    }

    @Test
    void allowedHostsIsAListOfHostNames() throws Exception {
        assertThat(
                        ControllerConfig.read(
                                        write(SEED + "allowedHosts=db.example.com, dolphin.corp\n"))
                                .http()
                                .allowedHosts())
                .containsExactly("db.example.com", "dolphin.corp");
        assertThat(failure(SEED + "allowedHosts=db.example.com,http://x:80\n").getMessage())
                .contains(
                        "controller.cfg:5: allowedHosts: expected a comma-separated list of host names")
                .contains("'http://x:80' is not a host name");
    }

    @Test
    void theObsoleteAdminAuthRequiredIsIgnored() throws Exception {
        assertThat(ControllerConfig.read(write(SEED + "adminAuthRequired=false\n")).alias())
                .isEqualTo("controller1");
    }

    @Test
    void aMissingClusterSecretFileStopsTheControllerAndSaysWhereAndWhat() throws Exception {
        Files.delete(dir.resolve("cluster.secret"));
        ConfigException e = failure(SEED);
        assertThat(e.getMessage())
                .contains(
                        "controller.cfg: clusterSecretFile: expected a file holding the cluster secret")
                .contains(dir.toAbsolutePath().resolve("cluster.secret").toString())
                .contains("does not exist");
    }

    @Test
    void theClusterSecretFileMayBeNamedRelativeToTheConfigAndMustHoldASecret() throws Exception {
        Files.createDirectories(dir.resolve("secrets"));
        Files.writeString(dir.resolve("secrets/mine"), "short");
        ConfigException e = failure(SEED + "clusterSecretFile=secrets/mine\n");
        assertThat(e.getMessage())
                .contains("controller.cfg:5: clusterSecretFile")
                .contains("too short")
                .contains(dir.toAbsolutePath().resolve("secrets/mine").toString());
        Files.writeString(dir.resolve("secrets/mine"), "0123456789abcdef0123");
        assertThat(
                        ControllerConfig.read(write(SEED + "clusterSecretFile=secrets/mine\n"))
                                .credential())
                .isNotNull();
    }

    @Test
    void readsTheRuntimesOwnRaftKeys() throws Exception {
        ControllerConfig config =
                ControllerConfig.read(
                        write(
                                SEED
                                        + """
                dfsRecoveryWaitTime=30000
                dfsChunkNodeHeartBeatTimeout=4
                raftPortOffset=-100
                raftElectionTimeoutMin=300
                raftElectionTimeoutMax=600
                raftSnapshotThreshold=500
                """));

        assertThat(config.recoveryWaitMillis()).isEqualTo(30_000);
        assertThat(config.heartbeatTimeoutSeconds()).isEqualTo(4);
        assertThat(config.raftPortOffset()).isEqualTo(-100);
        assertThat(config.raftPortOf(new Site("10.1.1.3", 8900, "controller2"))).isEqualTo(8800);
        assertThat(config.electionTimeoutMinMillis()).isEqualTo(300);
        assertThat(config.electionTimeoutMaxMillis()).isEqualTo(600);
        assertThat(config.snapshotThreshold()).isEqualTo(500);
    }

    @Test
    void dfsHaModeIsCaseInsensitive() throws Exception {
        assertThat(
                        ControllerConfig.read(
                                        write(
                                                "localSite=10.1.1.1:8900:controller1\ndfsHAMode=raft\n"))
                                .raftMode())
                .isTrue();
    }

    @Test
    void commentsAndBlankLinesAreIgnored() throws Exception {
        ControllerConfig config =
                ControllerConfig.read(
                        write(
                                """
                # controller 1 of 3

                localSite=10.1.1.1:8900:controller1
                  # replicas
                dfsReplicationFactor=3
                """));

        assertThat(config.replicationFactor()).isEqualTo(3);
    }

    @Test
    void aNonNumericReplicationFactorNamesFileLineKeyAndRange() throws Exception {
        ConfigException e =
                failure(
                        """
                localSite=10.1.1.1:8900:controller1
                dfsReplicationFactor=two
                """);

        assertThat(e.getMessage())
                .contains(
                        "controller.cfg:2: dfsReplicationFactor: expected an integer from 1 to 16, got 'two'")
                .isEqualTo(
                        dir.resolve("controller.cfg")
                                + ":2: dfsReplicationFactor: expected an integer from 1 to 16, got 'two'");
    }

    @Test
    void anOutOfRangeReliabilityLevelIsAnError() throws Exception {
        ConfigException e =
                failure(
                        """
                localSite=10.1.1.1:8900:controller1
                dfsReplicaReliabilityLevel=3
                """);

        assertThat(e.getMessage())
                .endsWith(
                        "controller.cfg:2: dfsReplicaReliabilityLevel: expected an integer from 0 to 2, got '3'");
    }

    @Test
    void anUnknownHaModeIsAnError() throws Exception {
        ConfigException e =
                failure(
                        """
                localSite=10.1.1.1:8900:controller1
                dfsHAMode=Paxos
                """);

        assertThat(e.getMessage())
                .endsWith("controller.cfg:2: dfsHAMode: expected one of Raft, got 'Paxos'");
    }

    @Test
    void aMissingLocalSiteNamesTheKeyAndItsForm() throws Exception {
        ConfigException e = failure("dfsReplicationFactor=2\n");

        assertThat(e.problems())
                .singleElement()
                .satisfies(
                        p -> {
                            assertThat(p.key()).isEqualTo("localSite");
                            assertThat(p.actual()).isNull();
                        });
        assertThat(e.getMessage())
                .isEqualTo(
                        dir.resolve("controller.cfg")
                                + ": localSite: expected this key to be set, as host:port:alias");
    }

    @Test
    void aLocalSiteWithoutAliasIsAnError() throws Exception {
        ConfigException e = failure("localSite=10.1.1.1:8900\n");

        assertThat(e.getMessage())
                .endsWith(
                        "controller.cfg:1: localSite: expected host:port:alias, got '10.1.1.1:8900'");
    }

    @Test
    void aLocalSiteWithAPortOutOfRangeSaysWhatIsWrongWithIt() throws Exception {
        ConfigException e = failure("localSite=10.1.1.1:70000:controller1\n");

        assertThat(e.getMessage())
                .endsWith(
                        "controller.cfg:1: localSite: expected host:port:alias (a port from 1 to 65535), got '10.1.1.1:70000:controller1'");
    }

    @Test
    void aLocalSiteWithANonNumericPortIsAnError() throws Exception {
        ConfigException e = failure("localSite=10.1.1.1:http:controller1\n");

        assertThat(e.problems())
                .singleElement()
                .satisfies(
                        p -> {
                            assertThat(p.line()).isEqualTo(1);
                            assertThat(p.key()).isEqualTo("localSite");
                            assertThat(p.expected()).contains("a port from 1 to 65535");
                        });
    }

    @Test
    void aLocalSiteWithABadAliasIsAnError() throws Exception {
        ConfigException e = failure("localSite=10.1.1.1:8900:1controller\n");

        assertThat(e.problems())
                .singleElement()
                .satisfies(
                        p -> {
                            assertThat(p.key()).isEqualTo("localSite");
                            assertThat(p.expected()).contains("an alias of letters");
                            assertThat(p.actual()).isEqualTo("10.1.1.1:8900:1controller");
                        });
    }

    @Test
    void reportsSeveralProblemsAtOnceInFileOrder() throws Exception {
        ConfigException e =
                failure(
                        """
                localSite=10.1.1.1:0:controller1
                dfsReplicationFactor=two
                dfsReplicaReliabilityLevel=9
                dfsHAMode=Raft
                """);

        assertThat(e.problems())
                .extracting(ConfigProblem::line, ConfigProblem::key)
                .containsExactly(
                        tuple(1, "localSite"),
                        tuple(2, "dfsReplicationFactor"),
                        tuple(3, "dfsReplicaReliabilityLevel"));
        assertThat(e.getMessage().lines()).hasSize(3);
    }

    @Test
    void aLineWithoutEqualsFailsTheLoadNamingFileAndLine() throws Exception {
        ConfigException e =
                failure(
                        """
                localSite=10.1.1.1:8900:controller1
                dfsHAMode Raft
                """);

        assertThat(e.getMessage())
                .isEqualTo(
                        dir.resolve("controller.cfg")
                                + ":2: expected a line of the form key=value, got 'dfsHAMode Raft'");
    }

    @Test
    void aDuplicateKeyFailsTheLoad() throws Exception {
        ConfigException e = failure(SEED + "dfsReplicationFactor=3\n");

        assertThat(e.getMessage())
                .isEqualTo(
                        dir.resolve("controller.cfg")
                                + ":5: dfsReplicationFactor: expected each key once (already set on line 2), got '3'");
    }

    @Test
    void lineProblemsAreReportedTogetherWithBadValues() throws Exception {
        ConfigException e =
                failure(
                        """
                localSite=10.1.1.1:8900:controller1
                dfsHAMode
                dfsReplicationFactor=two
                localSite=10.1.1.3:8900:controller2
                """);

        assertThat(e.problems())
                .extracting(ConfigProblem::line, ConfigProblem::key)
                .containsExactlyInAnyOrder(
                        tuple(2, null), tuple(3, "dfsReplicationFactor"), tuple(4, "localSite"));
    }

    @Test
    void electionTimeoutMinEqualToMaxIsAnError() throws Exception {
        ConfigException e =
                failure(
                        SEED
                                + """
                raftElectionTimeoutMin=1500
                raftElectionTimeoutMax=1500
                """);

        assertThat(e.getMessage())
                .isEqualTo(
                        dir.resolve("controller.cfg")
                                + ":6: raftElectionTimeoutMax: expected a value larger than raftElectionTimeoutMin (1500), got '1500'");
    }

    @Test
    void electionTimeoutMinAboveTheDefaultMaxIsAnError() throws Exception {
        ConfigException e = failure(SEED + "raftElectionTimeoutMin=3000\n");

        assertThat(e.problems())
                .singleElement()
                .satisfies(
                        p -> {
                            assertThat(p.key()).isEqualTo("raftElectionTimeoutMin");
                            assertThat(p.line()).isEqualTo(5);
                            assertThat(p.expected())
                                    .contains("raftElectionTimeoutMax (800, the default)");
                            assertThat(p.actual()).isEqualTo("3000");
                        });
    }

    @Test
    void electionTimeoutMinJustBelowMaxIsAccepted() throws Exception {
        ControllerConfig config =
                ControllerConfig.read(
                        write(
                                SEED
                                        + """
                raftElectionTimeoutMin=1999
                raftElectionTimeoutMax=2000
                """));

        assertThat(config.electionTimeoutMinMillis()).isEqualTo(1999);
    }

    @Test
    void aRaftPortOffsetThatLeavesThePortRangeIsAnError() throws Exception {
        ConfigException e =
                failure(
                        """
                localSite=10.1.1.1:65000:controller1
                raftPortOffset=1000
                """);

        assertThat(e.getMessage())
                .endsWith(
                        "controller.cfg:2: raftPortOffset: "
                                + "expected an offset that keeps localSite's port + offset within 1..65535, got '1000'");
    }

    @Test
    void unknownKeysAreOnlyWarnings() throws Exception {
        Logger logger = (Logger) LoggerFactory.getLogger(KeyReader.class);
        ListAppender<ILoggingEvent> appender = new ListAppender<>();
        appender.start();
        logger.addAppender(appender);
        try {
            ControllerConfig config = ControllerConfig.read(write(SEED + "dfsFancyFeature=on\n"));

            assertThat(config.alias()).isEqualTo("controller1");
            assertThat(appender.list)
                    .singleElement()
                    .satisfies(
                            event -> {
                                assertThat(event.getLevel()).isEqualTo(Level.WARN);
                                assertThat(event.getFormattedMessage())
                                        .endsWith(
                                                "controller.cfg:5: unknown key 'dfsFancyFeature' ignored");
                            });
        } finally {
            logger.detachAppender(appender);
        }
    }

    @Test
    void seedKeysTheRuntimeDoesNotUseYetAreAcceptedSilently() throws Exception {
        Logger logger = (Logger) LoggerFactory.getLogger(KeyReader.class);
        ListAppender<ILoggingEvent> appender = new ListAppender<>();
        appender.start();
        logger.addAppender(appender);
        try {
            ControllerConfig.read(
                    write(
                            SEED
                                    + """
                    mode=controller
                    maxMemSize=16
                    dfsMetaDir=/data/meta
                    """));

            assertThat(appender.list).isEmpty();
        } finally {
            logger.detachAppender(appender);
        }
    }
}
