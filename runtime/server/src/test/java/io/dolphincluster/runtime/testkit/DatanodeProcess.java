package io.dolphincluster.runtime.testkit;

import io.dolphincluster.protocol.auth.ClusterCredential;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * A datanode as a real process on a simulated machine (its address), with a {@code datanode.cfg}
 * naming its site and machine and the controllers' {@code cluster.nodes}.
 */
public final class DatanodeProcess extends NodeProcess {
    private final int port;
    private final ClusterCredential credential;
    private final TestTls tls;

    DatanodeProcess(
            String alias,
            Machine machine,
            int port,
            Path dir,
            ClusterCredential credential,
            TestTls tls) {
        super(alias, "datanode", dir, machine);
        this.tls = tls;
        this.port = port;
        this.credential = credential;
    }

    public String host() {
        return machine().host();
    }

    public int port() {
        return port;
    }

    public String site() {
        return host() + ":" + port;
    }

    /**
     * Its chunk store: {@code chunks/} under the home it is started with ({@code -home data}, see
     * ChunkStore.inHome).
     */
    public Path chunkStore() {
        return dir().resolve("data").resolve("chunks");
    }

    /**
     * Its HTTP API (data port + 1000) as the test kit itself: a member node with the cluster's
     * credential.
     */
    public AdminClient http() {
        return http(Credentials.member("testkit", credential));
    }

    public AdminClient http(Credentials credentials) {
        return tls.admin(host() + ":" + (port + 1000), credentials);
    }

    void writeFiles(List<String> clusterNodes, String secret) throws IOException {
        Path config = dir().resolve("config");
        Files.createDirectories(config);
        writeClusterSecret(dir(), secret);
        List<String> cfg =
                new java.util.ArrayList<>(
                        List.of(
                                "localSite=" + site() + ":" + alias(),
                                "machine=" + machine().name()));
        cfg.addAll(tls.configLines());
        tls.provision(dir(), host());
        Files.write(config.resolve("datanode.cfg"), cfg);
        Files.write(config.resolve("cluster.nodes"), clusterNodes);
    }
}
