package io.dolphincluster.e2e.harness;

import java.util.concurrent.CountDownLatch;

/**
 * Runs one {@link LocalControlPlane} (every component) in the foreground for manual work with kubectl:
 * prints {@code export KUBECONFIG=...}, optionally registers simulated nodes, and stops everything on
 * Ctrl-C (SIGINT/SIGTERM). Started by {@code e2e/scripts/kube-up.sh}.
 *
 * <p>Arguments: {@code [--nodes N]} registers N simulated nodes {@code sim-node-1..N} in zones
 * {@code zone-a, zone-b, ...}; {@code --keep} keeps the plane's directory after it stops.
 */
public final class KubeUp {

    private KubeUp() {
    }

    public static void main(String[] args) throws InterruptedException {
        int nodeCount = 0;
        boolean keep = false;
        for (int i = 0; i < args.length; i++) {
            if ("--nodes".equals(args[i]) && i + 1 < args.length) {
                nodeCount = parseNodeCount(args[++i]);
            } else if ("--keep".equals(args[i])) {
                keep = true;
            } else {
                System.err.println("usage: kube-up.sh [--nodes N] [--keep]   (unknown argument: " + args[i] + ")");
                System.exit(2);
            }
        }
        LocalControlPlane plane = LocalControlPlane.start(LocalControlPlane.Options.defaults().withKeepFiles(keep));
        SimulatedNodes nodes = new SimulatedNodes(plane.client());
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            System.out.println("[kube-up] stopping the control plane");
            nodes.close();
            plane.close();
            stopped.countDown();
        }, "kube-up-stop"));
        for (int i = 1; i <= nodeCount; i++) {
            nodes.register("sim-node-" + i, "zone-" + (char) ('a' + (i - 1) % 26));
        }
        System.out.println("[kube-up] control plane ready at " + plane.serverUrl() + "; logs in " + plane.logDir());
        System.out.println("[kube-up] in another shell:");
        System.out.println("export KUBECONFIG=" + plane.kubeconfig());
        System.out.println("[kube-up] Ctrl-C stops it");
        stopped.await();
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
