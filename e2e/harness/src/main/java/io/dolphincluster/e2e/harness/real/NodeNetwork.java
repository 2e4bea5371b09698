package io.dolphincluster.e2e.harness.real;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The pod network of the real nodes, all in this machine's network namespace: node {@code i}
 * (1-based) has the bridge {@code dolphin-br<i>} holding {@code 10.244.<i>.1/24}, which is also the
 * node's InternalIP, and a CNI conflist (bridge + host-local + portmap; containerd adds loopback)
 * giving its pods addresses in {@code 10.244.<i>.0/24} with that address as their gateway. Every
 * node subnet is a connected route of this machine, so pods reach pods of other nodes through it
 * (IPv4 forwarding on; no masquerading between pods), and this JVM reaches every pod at its pod IP.
 * The DNS stand-in listens on {@link #DNS_ADDRESS}, put on {@code lo}.
 *
 * <p>{@link #close} removes the bridges and the DNS address and restores {@code
 * net.ipv4.ip_forward}.
 */
final class NodeNetwork implements AutoCloseable {
    static final String POD_RANGE = "10.244.0.0/16";
    static final String DNS_ADDRESS = "10.244.0.10";
    private static final String BRIDGE_PREFIX = "dolphin-br";
    private static final Path IP_FORWARD = Path.of("/proc/sys/net/ipv4/ip_forward");
    private static final Logger LOG = LoggerFactory.getLogger(NodeNetwork.class);

    private final int nodeCount;
    private final String ipForwardBefore;

    private NodeNetwork(int nodeCount, String ipForwardBefore) {
        this.nodeCount = nodeCount;
        this.ipForwardBefore = ipForwardBefore;
    }

    /**
     * Creates the bridges of nodes 1..{@code nodeCount}, after removing any an earlier run left
     * behind.
     */
    static NodeNetwork create(int nodeCount) {
        if (nodeCount < 1 || nodeCount > 250) {
            throw new IllegalArgumentException("1 to 250 nodes, not " + nodeCount);
        }
        removeLeftovers();
        NodeNetwork network = new NodeNetwork(nodeCount, read(IP_FORWARD));
        try {
            write(IP_FORWARD, "1");
            HostCommand.run("ip", "addr", "add", DNS_ADDRESS + "/32", "dev", "lo");
            for (int i = 1; i <= nodeCount; i++) {
                HostCommand.run("ip", "link", "add", bridge(i), "type", "bridge");
                HostCommand.run("ip", "addr", "add", gateway(i) + "/24", "dev", bridge(i));
                HostCommand.run("ip", "link", "set", bridge(i), "up");
            }
            return network;
        } catch (RuntimeException e) {
            network.close();
            throw e;
        }
    }

    static String bridge(int node) {
        return BRIDGE_PREFIX + node;
    }

    /** The bridge's address: the pods' gateway and the node's InternalIP. */
    static String gateway(int node) {
        return "10.244." + node + ".1";
    }

    static String subnet(int node) {
        return "10.244." + node + ".0/24";
    }

    /**
     * Writes node {@code node}'s conflist into {@code confDir}; host-local keeps its leases in
     * {@code ipamDir}.
     */
    static void writeConflist(Path confDir, int node, Path ipamDir) {
        String conflist =
                """
                {
                  "cniVersion": "0.4.0",
                  "name": "dolphin-node-%d",
                  "plugins": [
                    {
                      "type": "bridge",
                      "bridge": "%s",
                      "isGateway": true,
                      "ipMasq": false,
                      "hairpinMode": true,
                      "ipam": {
                        "type": "host-local",
                        "ranges": [[{"subnet": "%s", "gateway": "%s"}]],
                        "routes": [{"dst": "0.0.0.0/0"}],
                        "dataDir": "%s"
                      }
                    },
                    {"type": "portmap", "capabilities": {"portMappings": true}}
                  ]
                }
                """
                        .formatted(node, bridge(node), subnet(node), gateway(node), ipamDir);
        try {
            Files.createDirectories(confDir);
            Files.writeString(
                    confDir.resolve("10-dolphin.conflist"), conflist, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        for (int i = 1; i <= nodeCount; i++) {
            HostCommand.tryRun("ip", "link", "del", bridge(i));
        }
        HostCommand.tryRun("ip", "addr", "del", DNS_ADDRESS + "/32", "dev", "lo");
        try {
            write(IP_FORWARD, ipForwardBefore);
        } catch (UncheckedIOException e) {
            LOG.warn(
                    "[real-nodes] cannot restore net.ipv4.ip_forward={}: {}",
                    ipForwardBefore,
                    e.toString());
        }
    }

    /**
     * Bridges and the DNS address of a run that did not get to close (the caller holds the
     * machine's lock).
     */
    private static void removeLeftovers() {
        String links = HostCommand.run("ip", "-o", "link", "show", "type", "bridge");
        for (String line : links.split("\n")) {
            String[] fields = line.split(":\\s+");
            if (fields.length > 1 && fields[1].startsWith(BRIDGE_PREFIX)) {
                LOG.info("[real-nodes] removing bridge {} left by an earlier run", fields[1]);
                HostCommand.tryRun("ip", "link", "del", fields[1]);
            }
        }
        HostCommand.tryRun("ip", "addr", "del", DNS_ADDRESS + "/32", "dev", "lo");
    }

    private static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8).strip();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void write(Path file, String value) {
        try {
            Files.writeString(file, value + "\n", StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }
}
