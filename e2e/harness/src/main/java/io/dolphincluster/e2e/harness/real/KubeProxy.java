package io.dolphincluster.e2e.harness.real;

import io.dolphincluster.e2e.harness.ChildProcess;
import io.dolphincluster.e2e.harness.FreePorts;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * kube-proxy in iptables mode for ClusterIP Services. One serves every real node: they all share
 * this machine's network namespace, where the NAT rules apply to traffic from every node's pods
 * (and from this JVM). It runs in a mount namespace of its own in which {@code
 * net.ipv4.conf.all.route_localnet} reads 1, so it does not switch that on for the whole machine
 * (only NodePorts on 127.0.0.1 need it); conntrack sysctls are left alone.
 *
 * <p>{@link #close} stops it and removes its rules ({@code kube-proxy --cleanup}, then every
 * remaining {@code KUBE-*} chain of the filter, nat and mangle tables, which only the real nodes
 * create on this machine).
 */
final class KubeProxy implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(KubeProxy.class);

    private final NodeBinaries binaries;
    private final ChildProcess process;

    private KubeProxy(NodeBinaries binaries, ChildProcess process) {
        this.binaries = binaries;
        this.process = process;
    }

    static KubeProxy start(NodeBinaries binaries, Path dir, Path kubeconfig, String hostname)
            throws IOException {
        Files.createDirectories(dir);
        Path fake = dir.resolve("route_localnet");
        Files.writeString(fake, "1\n", StandardCharsets.UTF_8);
        List<Integer> ports = FreePorts.take(2);
        String script =
                "set -e; mount --bind \"$1\" /proc/sys/net/ipv4/conf/all/route_localnet; shift; exec \"$@\"";
        List<String> command =
                List.of(
                        "unshare",
                        "--mount",
                        "--propagation",
                        "private",
                        "--",
                        "/bin/sh",
                        "-c",
                        script,
                        "proxy-mounts",
                        fake.toString(),
                        binaries.kubeProxy().toString(),
                        "--kubeconfig=" + kubeconfig,
                        "--hostname-override=" + hostname,
                        "--proxy-mode=iptables",
                        "--cluster-cidr=" + NodeNetwork.POD_RANGE,
                        "--conntrack-max-per-core=0",
                        "--conntrack-tcp-timeout-established=0",
                        "--conntrack-tcp-timeout-close-wait=0",
                        "--metrics-bind-address=127.0.0.1:" + ports.get(0),
                        "--healthz-bind-address=127.0.0.1:" + ports.get(1),
                        "--v=2");
        return new KubeProxy(
                binaries, ChildProcess.start("kube-proxy", command, dir.resolve("kube-proxy.log")));
    }

    boolean isAlive() {
        return process.isAlive();
    }

    @Override
    public void close() {
        if (!process.stop(Duration.ofSeconds(10))) {
            LOG.warn("[real-nodes] kube-proxy (pid {}) survived SIGKILL", process.pid());
        }
        // Fails at the IPVS/ipset part (no ipset here) after removing the iptables rules; the exit
        // code says nothing.
        HostCommand.tryRun(binaries.kubeProxy().toString(), "--cleanup");
        removeKubeChains();
    }

    /**
     * Jumps from built-in chains to KUBE-* chains, then the KUBE-* chains themselves, for IPv4 and
     * IPv6.
     */
    static void removeKubeChains() {
        for (String iptables : List.of("iptables", "ip6tables")) {
            for (String table : List.of("filter", "nat", "mangle")) {
                String rules;
                try {
                    rules = HostCommand.run(iptables, "-w", "-t", table, "-S");
                } catch (RuntimeException e) {
                    continue;
                }
                List<String> chains = new ArrayList<>();
                for (String rule : rules.split("\n")) {
                    List<String> words = words(rule);
                    if (words.size() >= 2
                            && words.get(0).equals("-N")
                            && words.get(1).startsWith("KUBE-")) {
                        chains.add(words.get(1));
                    } else if (words.size() >= 2
                            && words.get(0).equals("-A")
                            && !words.get(1).startsWith("KUBE-")
                            && rule.contains(" -j KUBE-")) {
                        List<String> delete =
                                new ArrayList<>(List.of(iptables, "-w", "-t", table, "-D"));
                        delete.addAll(words.subList(1, words.size()));
                        HostCommand.tryRun(delete.toArray(String[]::new));
                    }
                }
                for (String chain : chains) {
                    HostCommand.tryRun(iptables, "-w", "-t", table, "-F", chain);
                }
                for (String chain : chains) {
                    HostCommand.tryRun(iptables, "-w", "-t", table, "-X", chain);
                }
            }
        }
    }

    /**
     * The words of an {@code iptables -S} line; a double-quoted comment is one word, without its
     * quotes.
     */
    static List<String> words(String rule) {
        List<String> words = new ArrayList<>();
        StringBuilder word = new StringBuilder();
        boolean quoted = false;
        boolean any = false;
        for (char c : rule.strip().toCharArray()) {
            if (c == '"') {
                quoted = !quoted;
                any = true;
            } else if (Character.isWhitespace(c) && !quoted) {
                if (any) {
                    words.add(word.toString());
                    word.setLength(0);
                    any = false;
                }
            } else {
                word.append(c);
                any = true;
            }
        }
        if (any) {
            words.add(word.toString());
        }
        return words;
    }
}
