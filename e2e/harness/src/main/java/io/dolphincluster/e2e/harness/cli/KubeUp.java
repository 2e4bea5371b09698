package io.dolphincluster.e2e.harness.cli;

import io.dolphincluster.e2e.harness.LocalControlPlane;
import io.dolphincluster.e2e.harness.SimulatedNodes;
import io.dolphincluster.e2e.harness.real.RealNodes;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

/**
 * Runs one {@link LocalControlPlane} (every component) in the foreground for manual work with
 * kubectl: prints {@code export KUBECONFIG=...}, optionally registers simulated nodes, and stops
 * everything on Ctrl-C (SIGINT/SIGTERM). Started by {@code e2e/scripts/kube-up.sh}.
 *
 * <p>Arguments: {@code [--nodes N]} registers N simulated nodes {@code sim-node-1..N} in zones
 * {@code zone-a, zone-b, ...}; {@code [--real-nodes N]} starts N real nodes {@code real-1..N}
 * (containerd and kubelet each, {@link RealNodes}; needs root and {@code e2e/real/prepare.sh}) in
 * zones {@code zone-a, ...}, with the pause image and whichever of {@code
 * runtime/server/target/jib-image.tar} and {@code operator/target/jib-image.tar} exist; {@code
 * --keep} keeps the plane's directory after it stops.
 */
public final class KubeUp {

    private KubeUp() {}

    public static void main(String[] args) throws InterruptedException {
        int nodeCount = 0;
        int realNodeCount = 0;
        boolean keep = false;
        for (int i = 0; i < args.length; i++) {
            if ("--nodes".equals(args[i]) && i + 1 < args.length) {
                nodeCount = parseNodeCount(args[++i]);
            } else if ("--real-nodes".equals(args[i]) && i + 1 < args.length) {
                realNodeCount = parseNodeCount(args[++i]);
            } else if ("--keep".equals(args[i])) {
                keep = true;
            } else {
                System.err.println(
                        "usage: kube-up.sh [--nodes N] [--real-nodes N] [--keep]   (unknown argument: "
                                + args[i]
                                + ")");
                System.exit(2);
            }
        }
        LocalControlPlane.Options options =
                realNodeCount > 0 ? RealNodes.planeOptions() : LocalControlPlane.Options.defaults();
        LocalControlPlane plane = LocalControlPlane.start(options.withKeepFiles(keep));
        SimulatedNodes nodes = new SimulatedNodes(plane.client());
        RealNodes realNodes = realNodeCount > 0 ? startRealNodes(plane, realNodeCount) : null;
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime()
                .addShutdownHook(
                        new Thread(
                                () -> {
                                    System.out.println("[kube-up] stopping the control plane");
                                    if (realNodes != null) {
                                        realNodes.close();
                                    }
                                    nodes.close();
                                    plane.close();
                                    stopped.countDown();
                                },
                                "kube-up-stop"));
        for (int i = 1; i <= nodeCount; i++) {
            nodes.register("sim-node-" + i, "zone-" + (char) ('a' + (i - 1) % 26));
        }
        System.out.println(
                "[kube-up] control plane ready at "
                        + plane.serverUrl()
                        + "; logs in "
                        + plane.logDir());
        System.out.println("[kube-up] in another shell:");
        System.out.println("export KUBECONFIG=" + plane.kubeconfig());
        System.out.println("[kube-up] Ctrl-C stops it");
        stopped.await();
    }

    private static RealNodes startRealNodes(LocalControlPlane plane, int count) {
        Map<String, String> zones = new LinkedHashMap<>();
        for (int i = 1; i <= count; i++) {
            zones.put("real-" + i, "zone-" + (char) ('a' + (i - 1) % 26));
        }
        List<Path> archives = new ArrayList<>();
        for (String archive :
                List.of("runtime/server/target/jib-image.tar", "operator/target/jib-image.tar")) {
            if (Files.isRegularFile(Path.of(archive))) {
                archives.add(Path.of(archive).toAbsolutePath());
            }
        }
        try {
            RealNodes real =
                    RealNodes.start(
                            plane,
                            RealNodes.Options.of(
                                    zones, RealNodes.images(archives.toArray(Path[]::new))));
            System.out.println(
                    "[kube-up] real nodes "
                            + real.nodeNames()
                            + " Ready; their files in "
                            + real.dir()
                            + "; a JVM on this machine resolves pod names with -Djdk.net.hosts.file="
                            + real.jvmHostsFile());
            return real;
        } catch (RuntimeException e) {
            plane.close();
            throw e;
        }
    }

    private static int parseNodeCount(String value) {
        try {
            int count = Integer.parseInt(value);
            if (count < 0) {
                throw new NumberFormatException();
            }
            return count;
        } catch (NumberFormatException e) {
            System.err.println("--nodes takes a count of 0 or more, got: " + value);
            System.exit(2);
            return 0;
        }
    }
}
