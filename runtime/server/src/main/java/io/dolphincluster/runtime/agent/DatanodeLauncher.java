package io.dolphincluster.runtime.agent;

import io.dolphincluster.runtime.config.ClusterSecretKey;
import io.dolphincluster.runtime.config.MachineIdentity;
import io.dolphincluster.runtime.config.NodeEntry;
import io.dolphincluster.runtime.config.TlsKeys;
import io.dolphincluster.runtime.tls.ClusterTls;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Lays out one datanode's directory under the agent's home and builds its command line, the seed's
 * way: {@code <home>/<alias>/datanode.cfg} ({@code localSite}, the agent's {@code machine}/{@code
 * zone}, and {@code clusterSecretFile}: the agent's own cluster secret file, so the datanode is a
 * member too), {@code <home>/<alias>/cluster.nodes} (a copy of the controllers' list) and {@code
 * <program> -console 0 -mode datanode -home <home>/<alias> -config .../datanode.cfg -logFile
 * .../log/datanode.log -nodesFile .../cluster.nodes}. Every path is absolute. The datanode inherits
 * the agent's environment, so {@code bin/dolphin} sizes and tunes its JVM with the agent's {@code
 * DOLPHIN_HEAP_OPTS} and {@code DOLPHIN_JAVA_OPTS}.
 */
final class DatanodeLauncher {
    private final Path agentHome;
    private final MachineIdentity identity;
    private final List<String> program;
    private final Path secretFile;
    private final ClusterTls tls;

    /**
     * @param program the datanode program and its first arguments: {@code <dist>/bin/dolphin}, or
     *     the agent's {@code datanodeCommand}
     * @param secretFile the agent's cluster secret file, named in every datanode's config
     */
    DatanodeLauncher(
            Path agentHome, MachineIdentity identity, List<String> program, Path secretFile) {
        this(agentHome, identity, program, secretFile, ClusterTls.off());
    }

    /**
     * @param tls the agent's TLS, given to every datanode ({@code enableHTTPS} and the agent's own
     *     certificate files)
     */
    DatanodeLauncher(
            Path agentHome,
            MachineIdentity identity,
            List<String> program,
            Path secretFile,
            ClusterTls tls) {
        this.tls = tls;
        if (program.isEmpty()) throw new IllegalArgumentException("an empty datanode command");
        this.agentHome = agentHome.toAbsolutePath();
        this.identity = identity;
        this.program = List.copyOf(program);
        this.secretFile = secretFile.toAbsolutePath();
    }

    /**
     * The program for datanodes: {@code datanodeCommand} split at white space when set, else {@code
     * bin/dolphin} of the distribution at {@code distributionHome}.
     *
     * @throws IllegalStateException when neither is known
     */
    static List<String> program(String datanodeCommand, String distributionHome) {
        if (datanodeCommand != null && !datanodeCommand.isBlank()) {
            return Arrays.asList(datanodeCommand.strip().split("\\s+"));
        }
        if (distributionHome == null || distributionHome.isBlank()) {
            throw new IllegalStateException(
                    "the distribution directory is unknown (start the agent with bin/dolphin,"
                            + " which sets -Ddolphin.home, or set datanodeCommand in agent.cfg)");
        }
        return List.of(Path.of(distributionHome, "bin", "dolphin").toAbsolutePath().toString());
    }

    Path directory(String alias) {
        return agentHome.resolve(alias);
    }

    Path logDirectory(String alias) {
        return directory(alias).resolve("log");
    }

    /** Writes the datanode's files and returns the command that starts it. */
    List<String> prepare(NodeEntry datanode, List<NodeEntry> clusterNodes) throws IOException {
        Path dir = directory(datanode.alias());
        Files.createDirectories(logDirectory(datanode.alias()));
        List<String> cfg = new ArrayList<>();
        cfg.add("# written by the agent before each start; edits are overwritten");
        cfg.add("localSite=" + datanode.site());
        cfg.add("machine=" + identity.machine());
        if (!identity.zone().isEmpty()) cfg.add("zone=" + identity.zone());
        cfg.add(ClusterSecretKey.KEY + "=" + secretFile);
        cfg.addAll(TlsKeys.lines(tls));
        Path config = dir.resolve("datanode.cfg");
        Files.write(config, cfg);
        List<String> rows = new ArrayList<>();
        rows.add("localSite,mode");
        clusterNodes.forEach(n -> rows.add(n.site() + "," + n.mode().configName()));
        Path nodesFile = dir.resolve("cluster.nodes");
        Files.write(nodesFile, rows);
        List<String> command = new ArrayList<>(program);
        command.addAll(
                List.of(
                        "-console",
                        "0",
                        "-mode",
                        "datanode",
                        "-home",
                        dir.toString(),
                        "-config",
                        config.toString(),
                        "-logFile",
                        logDirectory(datanode.alias()).resolve("datanode.log").toString(),
                        "-nodesFile",
                        nodesFile.toString()));
        return command;
    }
}
