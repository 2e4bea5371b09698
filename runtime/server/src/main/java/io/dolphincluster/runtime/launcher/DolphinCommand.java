package io.dolphincluster.runtime.launcher;

import io.dolphincluster.runtime.AsyncFailure;
import io.dolphincluster.runtime.agent.AgentNode;
import io.dolphincluster.runtime.config.AgentConfig;
import io.dolphincluster.runtime.config.ClusterConfig;
import io.dolphincluster.runtime.config.ClusterNodes;
import io.dolphincluster.runtime.config.ConfigException;
import io.dolphincluster.runtime.config.ControllerConfig;
import io.dolphincluster.runtime.config.DatanodeConfig;
import io.dolphincluster.runtime.config.NodeMode;
import io.dolphincluster.runtime.controller.ControllerNode;
import io.dolphincluster.runtime.datanode.DatanodeNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The {@code dolphin} command with the seed's flags: {@code -console 0 -mode controller -home data
 * -config config/controller.cfg -clusterConfig config/cluster.cfg -logFile log/controller.log
 * -nodesFile config/cluster.nodes}, or for an agent {@code -console 0 -mode agent -home data
 * -config config/agent.cfg -logFile log/agent.log}. Relative paths are taken from the working
 * directory, as the seed's {@code dolphindb} binary does.
 */
@Command(
        name = "dolphin",
        mixinStandardHelpOptions = true,
        version = "dolphin 0.1.0",
        description =
                "Runs a DolphinCluster controller, agent or datanode, as the seed starts them.")
final class DolphinCommand implements Callable<Integer> {
    static final int EXIT_START_FAILED = 1;
    static final int EXIT_CONFIG = 2;

    /** The system property {@code bin/dolphin} sets to the distribution's directory. */
    static final String DISTRIBUTION_HOME = "dolphin.home";

    @Option(
            names = "-console",
            description = "1 to also log to standard output (default 0)",
            defaultValue = "0")
    int console;

    @Option(
            names = "-mode",
            required = true,
            description = "controller, agent or datanode",
            converter = NodeModeConverter.class)
    NodeMode mode;

    @Option(names = "-home", description = "data directory (default: data)", defaultValue = "data")
    Path home;

    @Option(names = "-config", description = "node config file, e.g. config/controller.cfg")
    Path config;

    @Option(
            names = "-clusterConfig",
            description = "config/cluster.cfg: settings for the datanodes")
    Path clusterConfig;

    @Option(names = "-nodesFile", description = "config/cluster.nodes: every node of the cluster")
    Path nodesFile;

    @Option(names = "-logFile", description = "log file (default: standard output)")
    Path logFile;

    static final class NodeModeConverter implements picocli.CommandLine.ITypeConverter<NodeMode> {
        @Override
        public NodeMode convert(String value) {
            try {
                return NodeMode.parse(value);
            } catch (IllegalArgumentException e) {
                throw new picocli.CommandLine.TypeConversionException(
                        "expected " + e.getMessage() + ", got '" + value + "'");
            }
        }
    }

    @Override
    public Integer call() throws Exception {
        if (logFile != null && logFile.getParent() != null)
            Files.createDirectories(logFile.getParent());
        LogSetup.configure(logFile, console != 0);
        Logger log = LoggerFactory.getLogger(DolphinCommand.class);
        if (mode == NodeMode.AGENT) return runAgent(log);
        if (mode == NodeMode.DATANODE) return runDatanode(log);
        return runController(log);
    }

    private int runController(Logger log) throws Exception {
        if (config == null || nodesFile == null) {
            return fail(
                    log,
                    "-mode controller needs -config (controller.cfg) and -nodesFile (cluster.nodes)");
        }
        ControllerNode node;
        try {
            ControllerConfig controllerConfig = ControllerConfig.read(config);
            ClusterNodes nodes = ClusterNodes.read(nodesFile);
            if (clusterConfig != null) ClusterConfig.read(clusterConfig);
            Files.createDirectories(home);
            node = ControllerNode.start(controllerConfig, nodes, home);
        } catch (ConfigException e) {
            return fail(log, "configuration error:" + System.lineSeparator() + e.getMessage());
        } catch (IOException | RuntimeException e) {
            return startFailed(log, "controller", e);
        }
        runUntilShutdown(log, node);
        return 0;
    }

    private int runAgent(Logger log) throws Exception {
        if (config == null) return fail(log, "-mode agent needs -config (agent.cfg)");
        AgentNode agent;
        try {
            AgentConfig agentConfig = AgentConfig.read(config);
            Files.createDirectories(home);
            agent =
                    AgentNode.start(
                            agentConfig,
                            home.toAbsolutePath(),
                            System.getProperty(DISTRIBUTION_HOME));
        } catch (ConfigException e) {
            return fail(log, "configuration error:" + System.lineSeparator() + e.getMessage());
        } catch (IllegalStateException e) {
            return fail(log, e.getMessage());
        } catch (IOException | RuntimeException e) {
            return startFailed(log, "agent", e);
        }
        runUntilShutdown(log, agent);
        return 0;
    }

    private int runDatanode(Logger log) throws Exception {
        if (config == null) return fail(log, "-mode datanode needs -config (datanode.cfg)");
        DatanodeNode datanode;
        try {
            ClusterNodes nodes = nodesFile == null ? null : ClusterNodes.read(nodesFile);
            DatanodeConfig datanodeConfig = DatanodeConfig.read(config, nodes);
            Files.createDirectories(home);
            datanode = DatanodeNode.start(datanodeConfig, home.toAbsolutePath());
        } catch (ConfigException e) {
            return fail(log, "configuration error:" + System.lineSeparator() + e.getMessage());
        } catch (IOException | RuntimeException e) {
            return startFailed(log, "datanode", e);
        }
        runUntilShutdown(log, datanode);
        return 0;
    }

    private static int startFailed(Logger log, String what, Exception e) {
        Throwable cause = AsyncFailure.cause(e);
        String message = what + " failed to start: " + FailureText.of(cause);
        log.error(message, cause);
        System.err.println("dolphin: " + message);
        return EXIT_START_FAILED;
    }

    /**
     * Blocks until the JVM shuts down (SIGTERM, SIGINT), then closes {@code node} from the shutdown
     * hook.
     */
    private static void runUntilShutdown(Logger log, AutoCloseable node)
            throws InterruptedException {
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime()
                .addShutdownHook(
                        new Thread(
                                () -> {
                                    log.info("shutting down");
                                    try {
                                        node.close();
                                    } catch (Exception e) {
                                        log.warn("error while shutting down", e);
                                    }
                                    stopped.countDown();
                                },
                                "shutdown"));
        stopped.await();
    }

    private static int fail(Logger log, String message) {
        log.error(message);
        System.err.println("dolphin: " + message);
        return EXIT_CONFIG;
    }
}
