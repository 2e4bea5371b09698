package io.dolphincluster.runtime.testkit;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.IntStream;

/**
 * Simulated machines with a network that can break: each machine is a Linux network namespace of
 * its own, joined by a veth pair to a bridge in this host's namespace, on a private /24 ({@code
 * 10.a.b.k} for machine {@code k-1}, the bridge {@code 10.a.b.254}). The test JVM, and so every
 * client it runs, stays in the host's namespace and reaches each machine through the bridge.
 * Processes are started on a machine with {@link Machine#launcher()} ({@code ip netns exec
 * <namespace>}, which execs, so the pid a test holds is the process's own).
 *
 * <p>Faults, by dropping packets silently in the machines' firewalls ({@link MachineFirewall}):
 *
 * <ul>
 *   <li>{@link #isolate}: a machine is cut off from everyone, the clients too, like a pulled cable;
 *   <li>{@link #partition}: two groups of machines cannot talk to each other, each group talks
 *       inside itself, and the clients still reach both sides (clients on a network of their own,
 *       the machines' interconnect split), so a client may write through either side;
 *   <li>{@link #heal}: every packet flows again.
 * </ul>
 *
 * Needs root, iproute2 and nftables. Names carry this JVM's pid; creating a network first removes
 * the namespaces and links that a run no longer alive left behind (their processes, if any
 * survived, are left alone). Closing it removes everything it created; kill the processes started
 * on its machines first.
 */
public final class SimulatedNetwork implements AutoCloseable {
    private static final String PREFIX = "ds";

    /**
     * A name this class gives: {@code ds<pid>-<n>} then a suffix ({@code b}, {@code v<k>}, {@code
     * -m<k>}).
     */
    private static final Pattern OWN_NAME = Pattern.compile(PREFIX + "(\\d+)-\\d+.*");

    private static final AtomicInteger CREATED = new AtomicInteger();

    private final String name;
    private final String subnet;
    private final List<Machine> machines = new ArrayList<>();
    private final List<String> namespaces = new ArrayList<>();
    private final List<MachineFirewall> firewalls = new ArrayList<>();
    private boolean bridgeCreated;

    private SimulatedNetwork(String name, String subnet) {
        this.name = name;
        this.subnet = subnet;
    }

    /**
     * {@code count} machines (at most 250), all reachable. Fails with what is missing when
     * namespaces cannot be made.
     */
    public static SimulatedNetwork create(int count) {
        if (count < 1 || count > 250) throw new IllegalArgumentException("machines: " + count);
        int number = CREATED.incrementAndGet();
        SimulatedNetwork network = null;
        try {
            removeLeftovers();
            network =
                    new SimulatedNetwork(
                            PREFIX + ProcessHandle.current().pid() + "-" + number,
                            freeSubnet(number));
            network.build(count);
            return network;
        } catch (IOException e) {
            if (network != null) network.close();
            throw new IllegalStateException(
                    "cannot simulate machines in network namespaces (this needs root, iproute2's"
                            + " 'ip netns' and nftables' 'nft'; .ci/run installs nftables): "
                            + e.getMessage(),
                    e);
        }
    }

    public List<Machine> machines() {
        return List.copyOf(machines);
    }

    /** The address of the test JVM (and its clients) on the machines' network. */
    public String clientAddress() {
        return subnet + "254";
    }

    /** Cuts machine {@code index} off from every other machine and from the clients. */
    public void isolate(int index) throws IOException {
        List<String> everyoneElse = new ArrayList<>(hostsOf(others(Set.of(index))));
        everyoneElse.add(clientAddress());
        firewalls.get(index).cut(everyoneElse);
    }

    /**
     * Splits the machines {@code side} from the machines {@code otherSide}; the clients reach both.
     */
    public void partition(Set<Integer> side, Set<Integer> otherSide) throws IOException {
        Set<Integer> both = new HashSet<>(side);
        both.retainAll(otherSide);
        if (!both.isEmpty())
            throw new IllegalArgumentException("machines " + both + " on both sides");
        for (int index : side) firewalls.get(index).cut(hostsOf(otherSide));
        for (int index : otherSide) firewalls.get(index).cut(hostsOf(side));
    }

    /** Every machine but {@code these}. */
    public Set<Integer> others(Set<Integer> these) {
        Set<Integer> others = new HashSet<>();
        IntStream.range(0, machines.size()).filter(i -> !these.contains(i)).forEach(others::add);
        return others;
    }

    /** Ends every isolation and partition. */
    public void heal() throws IOException {
        for (MachineFirewall firewall : firewalls) firewall.mend();
    }

    private List<String> hostsOf(Set<Integer> indexes) {
        return indexes.stream().sorted().map(i -> machines.get(i).host()).toList();
    }

    private void build(int count) throws IOException {
        String bridge = name + "b";
        ip("link", "add", bridge, "type", "bridge");
        bridgeCreated = true;
        ip("addr", "add", clientAddress() + "/24", "dev", bridge);
        ip("link", "set", bridge, "up");
        for (int k = 0; k < count; k++) {
            String namespace = name + "-m" + (k + 1);
            ip("netns", "add", namespace);
            namespaces.add(namespace);
            String outside = name + "v" + (k + 1);
            ip("link", "add", outside, "type", "veth", "peer", "name", "eth0", "netns", namespace);
            ip("link", "set", outside, "master", bridge, "up");
            String host = subnet + (k + 1);
            ip("-n", namespace, "addr", "add", host + "/24", "dev", "eth0");
            ip("-n", namespace, "link", "set", "eth0", "up");
            ip("-n", namespace, "link", "set", "lo", "up");
            MachineFirewall firewall = new MachineFirewall(namespace);
            firewall.install();
            firewalls.add(firewall);
            machines.add(
                    new Machine(
                            "machine" + (k + 1), host, List.of("ip", "netns", "exec", namespace)));
        }
    }

    /**
     * A {@code 10.a.b.} prefix derived from the pid, skipping any /24 an address of this host is
     * already in.
     */
    private static String freeSubnet(int number) throws IOException {
        String addresses = SystemCommand.run(List.of("ip", "-o", "-4", "addr", "show"));
        long seed = ProcessHandle.current().pid() * 31 + number;
        for (int attempt = 0; attempt < 1000; attempt++) {
            int n = (int) ((seed + attempt) % 62_500);
            String subnet = "10." + (5 + n / 250) + "." + (n % 250) + ".";
            if (!addresses.contains(" " + subnet)) return subnet;
        }
        throw new IOException("no free 10.x.y.0/24 subnet");
    }

    /** Deletes the namespaces and links named by a process that is no longer running. */
    private static void removeLeftovers() throws IOException {
        for (String line : SystemCommand.run(List.of("ip", "netns", "list")).split("\n")) {
            String namespace = line.split(" ")[0];
            if (isLeftover(namespace)) quietly("ip", "netns", "del", namespace);
        }
        for (String line : SystemCommand.run(List.of("ip", "-o", "link", "show")).split("\n")) {
            String[] fields = line.split(": ");
            if (fields.length < 2) continue;
            String link = fields[1].split("@")[0];
            if (isLeftover(link)) quietly("ip", "link", "del", link);
        }
    }

    private static boolean isLeftover(String name) {
        Matcher matcher = OWN_NAME.matcher(name);
        return matcher.matches() && ProcessHandle.of(Long.parseLong(matcher.group(1))).isEmpty();
    }

    private static void ip(String... arguments) throws IOException {
        List<String> command = new ArrayList<>(List.of("ip"));
        command.addAll(List.of(arguments));
        SystemCommand.run(command);
    }

    private static void quietly(String... command) {
        try {
            SystemCommand.run(List.of(command));
        } catch (IOException e) {
            System.err.println("SimulatedNetwork: " + e.getMessage());
        }
    }

    /**
     * Removes the namespaces, veths and bridge. A namespace lives on while a process runs in it,
     * but without its name and its link to the bridge.
     */
    @Override
    public void close() {
        for (int k = 0; k < namespaces.size(); k++) {
            quietly("ip", "link", "del", name + "v" + (k + 1));
            quietly("ip", "netns", "del", namespaces.get(k));
        }
        namespaces.clear();
        if (bridgeCreated) quietly("ip", "link", "del", name + "b");
        bridgeCreated = false;
    }
}
