package io.dolphincluster.runtime.testkit;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The tests' one free-port finder: ports free on 127.0.0.1 right now, for local controllers (each
 * port and its Raft port, port + offset), their datanodes, etcd members and the like. Ports are
 * taken below Linux's ephemeral range (32768 and up), so an outgoing connection cannot grab one
 * between this check and the process binding it.
 */
public final class FreePorts {
    private FreePorts() {}

    static List<Integer> controllerPorts(int count, int raftPortOffset) {
        for (int attempt = 0; attempt < 200; attempt++) {
            int base =
                    ThreadLocalRandom.current()
                            .nextInt(10_000, 31_000 - raftPortOffset - 10 * count);
            List<Integer> ports = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                int port = base + 10 * i;
                if (!isFree(port) || !isFree(port + raftPortOffset)) break;
                ports.add(port);
            }
            if (ports.size() == count) return ports;
        }
        throw new IllegalStateException("no free ports found for " + count + " controllers");
    }

    /** {@code count} distinct ports free on 127.0.0.1 right now. */
    public static List<Integer> ports(int count) {
        return ports(count, java.util.Set.of());
    }

    /**
     * One port free on 127.0.0.1 right now (a port nothing listens on, until something binds it).
     */
    public static int one() {
        return ports(1).get(0);
    }

    /** {@code count} distinct ports free on 127.0.0.1 right now, none of them in {@code taken}. */
    static List<Integer> ports(int count, java.util.Set<Integer> taken) {
        List<Integer> ports = new ArrayList<>();
        for (int attempt = 0; attempt < 1000 && ports.size() < count; attempt++) {
            int port = ThreadLocalRandom.current().nextInt(10_000, 31_000);
            if (!taken.contains(port) && !ports.contains(port) && isFree(port)) ports.add(port);
        }
        if (ports.size() < count)
            throw new IllegalStateException("no " + count + " free ports found");
        return ports;
    }

    private static boolean isFree(int port) {
        try (ServerSocket socket = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
            socket.setReuseAddress(true);
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
