package io.dolphincluster.runtime.testkit;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.List;

/**
 * A simulated machine: its name (a datanode's {@code machine=}), the address its processes bind,
 * and the command prefix that starts a process on it. A loopback machine ({@link #loopback}) shares
 * this host's network, so a port must be checked free; a machine of a {@link SimulatedNetwork} is a
 * network namespace of its own, holding only what the testkit starts there.
 *
 * @param launcher the words put before a command to run it on this machine; empty on a loopback
 *     machine
 */
public record Machine(String name, String host, List<String> launcher) {
    public Machine {
        launcher = List.copyOf(launcher);
    }

    /**
     * Machine {@code index} (from 0) of the loopback kind: {@code 127.0.0.(index+1)}, all routed to
     * {@code lo}.
     */
    static Machine loopback(int index) {
        return new Machine("machine" + (index + 1), "127.0.0." + (index + 1), List.of());
    }

    /**
     * Whether nothing outside the testkit holds {@code port} on this machine's address right now.
     */
    boolean isFree(int port) {
        if (!launcher.isEmpty()) return true;
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(InetAddress.getByName(host), port), 1);
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
