package io.dolphincluster.runtime.testkit;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * A datanode as a real process on its own loopback address (one address per simulated machine), with a
 * {@code datanode.cfg} naming its site and machine and the controllers' {@code cluster.nodes}.
 */
public final class DatanodeProcess extends NodeProcess {
    private final String host;
    private final int port;
    private final String machine;

    DatanodeProcess(String alias, String host, int port, String machine, Path dir) {
        super(alias, "datanode", dir);
        this.host = host;
        this.port = port;
        this.machine = machine;
    }

    public String host() {
        return host;
    }

    public int port() {
        return port;
    }

    public String site() {
        return host + ":" + port;
    }

    public String machine() {
        return machine;
    }

    /** Its chunk store: {@code chunks/} under the home it is started with ({@code -home data}, see ChunkStore.inHome). */
    public Path chunkStore() {
        return dir().resolve("data").resolve("chunks");
    }

    public AdminClient http() {
        return new AdminClient("http://" + host + ":" + (port + 1000));
    }

    void writeFiles(List<String> clusterNodes) throws IOException {
        Path config = dir().resolve("config");
        Files.createDirectories(config);
        Files.write(config.resolve("datanode.cfg"), List.of("localSite=" + site() + ":" + alias(), "machine=" + machine));
        Files.write(config.resolve("cluster.nodes"), clusterNodes);
    }
}
